"""The explorer's map of France: one named link per territory, the same figures as its table, and
the case studies beyond France counted apart."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projets.choices import TerritoryKind
from projets.models import Territory
from search import catalogue_cache
from tests.factories import departement, region

pytestmark = pytest.mark.django_db

SHAPE = re.compile(
    r'<a href="(/projets/\?(?:region|departement)=\w+)" class="france-map__link" data-code="(\w+)" '
    r'aria-label="([^"]+)"><path d="'
)
ROW = re.compile(
    r'<tr data-code="(\w+)"><th scope="row"><a href="([^"]+)">([^<]+)</a></th>(?:<td>\w+</td>)?'
    r'<td class="num">(\d+)</td></tr>'
)


def scope(code):
    return Territory.objects.get(kind=TerritoryKind.SCOPE, code=code)


def map_of(html: str) -> str:
    """The map's figure: its SVGs (metropolitan France and the five DROM) and legend."""
    return html.split('<figure class="france-map"', 1)[1].split("</figure>", 1)[0]


@pytest.fixture
def three_case_studies(make_project):
    make_project(title="Transfrontalière", territories=[region("32"), scope("BE-WAL"), scope("BE-VLG")])
    make_project(title="À Lille", territories=[departement("59")])
    make_project(title="En Bretagne", territories=[region("53")])


def test_every_region_is_a_named_link_whose_count_matches_the_table(client, three_case_studies):
    response = client.get("/explorer/")
    assert response.status_code == 200
    html = response.content.decode()
    shapes = SHAPE.findall(html)
    rows = ROW.findall(html)
    assert len(shapes) == 18 and len({code for _href, code, _label in shapes}) == 18
    assert "Hauts-de-France : 2 études de cas" in [label for *_rest, label in shapes]
    assert "Bretagne : 1 étude de cas" in [label for *_rest, label in shapes]
    assert "Normandie : aucune étude de cas" in [label for *_rest, label in shapes]
    # The table holds the same territories, links and counts as the map.
    from_map = {code: (href, label) for href, code, label in shapes}
    assert len(rows) == 18
    for code, href, name, count in rows:
        assert from_map[code][0] == href
        said = {"0": "aucune étude de cas", "1": "1 étude de cas"}.get(count, f"{count} études de cas")
        assert from_map[code][1] == f"{name} : {said}"
    assert ("/projets/?region=32", "32") in [(href, code) for href, code, _label in shapes]
    # The busiest region takes the darkest step; the legend's classes end with the largest count.
    assert 'data-code="32" aria-label="Hauts-de-France : 2 études de cas"><path d="' in html
    assert re.search(r'data-code="32"[^>]*><path d="[^"]+" fill="#123560"', html)
    assert "de 2 à 2" not in html and re.search(r'fill="#123560"/></svg>\s*2</li>', html)
    # Beyond France: counted once however many scopes, with each scope below.
    assert "Hors de France : 1 étude de cas" in html
    assert re.search(r"<th scope=\"row\">Wallonie \(Belgique\)</th><td class=\"num\">1</td>", html)
    assert re.search(r"<th scope=\"row\">Europe</th><td class=\"num\">0</td>", html)
    figure = map_of(html)
    assert "http" not in figure.replace("http://www.w3.org", "")
    assert len(figure.encode()) < 150_000


def test_the_departements_layer_links_each_departement(client, three_case_studies):
    html = client.get("/explorer/?carte=departements").content.decode()
    shapes = SHAPE.findall(html)
    assert len(shapes) == 101 and len({code for _href, code, _label in shapes}) == 101
    assert ("/projets/?departement=59", "59", "Nord : 1 étude de cas") in shapes
    assert ("/projets/?departement=2A", "2A", "Corse-du-Sud : aucune étude de cas") in shapes
    assert ("/projets/?departement=976", "976", "Mayotte : aucune étude de cas") in shapes
    assert len(ROW.findall(html)) == 101
    assert 'href="?carte=departements#carte" aria-current="true"' in html
    assert len(map_of(html).encode()) < 150_000


def test_an_unknown_layer_shows_the_regions(client, three_case_studies):
    response = client.get("/explorer/?carte=communes")
    assert response.status_code == 200
    assert len(SHAPE.findall(response.content.decode())) == 18


def test_the_page_has_no_inline_script(client, three_case_studies):
    html = client.get("/explorer/").content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes or "application/ld+json" in attributes for attributes in scripts)
    assert '/static/js/france_map.js"' in html


@pytest.mark.parametrize("layer", ["regions", "departements"])
def test_query_count_does_not_grow_with_the_catalogue(client, make_project, layer):
    make_project(title="Une", territories=[departement("59"), scope("EU")])
    url = f"/explorer/?carte={layer}"
    client.get(url)
    catalogue_cache.clear()  # the figures computed, not read from memory, in both measures
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for index in range(6):
        make_project(title=f"Projet {index}", territories=[departement("62"), region("11"), scope("INT")])
    catalogue_cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_legend_classes_cover_every_count_once():
    from search.explorer_geometry import legend, step_of

    assert [(c["low"], c["high"]) for c in legend(7)] == [(0, 0), (1, 1), (2, 3), (4, 5), (6, 7)]
    assert [(c["low"], c["high"]) for c in legend(0)] == [(0, 0)]
    for maximum in (1, 2, 3, 5, 100_000):
        classes = {c["step"]: (c["low"], c["high"]) for c in legend(maximum)}
        for count in {0, 1, maximum // 3, maximum // 2, maximum - 1, maximum}:
            low, high = classes[step_of(count, maximum)]
            assert low <= count <= high, (maximum, count)
