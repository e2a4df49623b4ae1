"""Small maps of France: a case study's territories, the régions of an organisation's case studies."""

import re

import pytest
from django.utils.html import escape

from projets import choices
from projets.choices import TerritoryKind
from projets.models import Territory
from projets.territory_map import NAMED_DEPARTEMENT, NAMED_REGION, france_map
from tests.factories import OrganisationFactory, departement, region

pytestmark = pytest.mark.django_db


def small_map(html: str) -> str:
    found = re.search(r'<figure class="france-map-small">(.*?)</figure>', html, re.S)
    return found.group(1) if found else ""


def filled(svg: str, fill: str) -> set[str]:
    return set(re.findall(rf'<path d="([^"]+)" fill="{fill}"/>', svg))


def test_a_case_study_map_fills_its_regions_and_departements(client, make_project):
    page = make_project(title="À Lille et à Rennes", territories=[departement("59"), region("53")])
    svg = small_map(client.get(page.url).content.decode())
    assert escape("Carte de France : Nord, Bretagne") in svg
    outlines = france_map()
    assert filled(svg, NAMED_REGION) == {outlines["regions"]["32"], outlines["regions"]["53"]}
    assert filled(svg, NAMED_DEPARTEMENT) == {outlines["departements"]["59"]}
    assert svg.count("<path") == 13 + 1  # the metropolitan régions and one département; no DROM
    assert 'role="img"' in svg


def test_an_overseas_case_study_shows_its_inset_only(client, make_project):
    page = make_project(title="À La Réunion", territories=[departement("974")])
    svg = small_map(client.get(page.url).content.decode())
    assert "france-map-small__metropole" not in svg
    assert 'aria-label="La Réunion"' in svg and svg.count("<path") == 1


def test_a_case_study_beyond_france_has_no_map(client, make_project):
    scope = Territory.objects.get(kind=TerritoryKind.SCOPE, code="EU")
    page = make_project(title="En Europe", territories=[scope])
    html = client.get(page.url).content.decode()
    assert "Europe" in html and small_map(html) == ""


def test_an_organisation_page_maps_the_regions_of_its_case_studies(client, make_project):
    association = OrganisationFactory(name="Réseau des jardins")
    role = choices.PartnerRole.LEAD
    make_project(title="Au nord", territories=[departement("62")], partners=[(association, role)])
    make_project(title="À Paris", territories=[region("11")], partners=[(association, role)])
    make_project(title="Brouillon", territories=[region("84")], partners=[(association, role)], publish=False)
    html = client.get(association.get_absolute_url()).content.decode()
    assert "Régions de ses études de cas" in html
    svg = small_map(html)
    assert escape("Carte de France : Hauts-de-France, Île-de-France") in svg
    outlines = france_map()
    assert filled(svg, NAMED_REGION) == {outlines["regions"]["32"], outlines["regions"]["11"]}


def test_the_catalogue_region_filter_is_also_a_map(client, make_project, search_backend):
    make_project(title="Au nord", territories=[departement("62")])
    make_project(title="Encore au nord", territories=[region("32")])
    make_project(title="À l'ouest", territories=[region("53")])
    search_backend.refresh_indexes()
    html = client.get("/projets/").content.decode()
    facet_map = html.split('<div class="facet-map" aria-hidden="true">', 1)[1].split("</div>\n</div>", 1)[0]
    links = re.findall(
        r'<a href="([^"]+)" tabindex="-1" class="facet-map__link"[^>]*><path d="[^"]+" fill="[^"]+">'
        r"<title>([^<]+)</title>",
        facet_map,
    )
    assert sorted(links) == [
        ("?region=32", "Hauts-de-France : 2 études de cas"),
        ("?region=53", "Bretagne : 1 étude de cas"),
    ]
    assert facet_map.count("<path") == 18  # every region drawn, the 16 without results unlinked
    html = client.get("/projets/?region=32").content.decode()
    assert 'class="facet-map__link is-selected" data-value="32"' in html
