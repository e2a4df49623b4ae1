"""Names in the order a French reader expects (É among the E, Î among the I), on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.urls import reverse

from cms.collation import Alphabetical, sort_key
from precedents.selection import region_names
from projets.models import Organisation, Theme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.backend

NAMES = ["Zoologie", "Île verte", "Éducation populaire", "Economie sociale", "alimentation", "Œuvres", "Idées"]
FRENCH_ORDER = ["alimentation", "Economie sociale", "Éducation populaire", "Idées", "Île verte", "Œuvres", "Zoologie"]


def test_python_sorts_with_accents_and_case_folded():
    assert sorted(NAMES, key=sort_key) == FRENCH_ORDER
    assert sorted(["e", "é", "E"], key=sort_key) == ["E", "e", "é"]


@pytest.mark.django_db
def test_the_database_sorts_the_same_way(client):
    for number, name in enumerate(NAMES):
        Theme.objects.create(name=name, slug=f"theme-{number}")
        OrganisationFactory(name=name)
    themes = Theme.objects.order_by(Alphabetical("name")).values_list("name", flat=True)
    assert list(themes) == FRENCH_ORDER, connection.vendor
    organisations = Organisation.objects.order_by(Alphabetical("name")).values_list("name", flat=True)
    assert list(organisations) == FRENCH_ORDER, connection.vendor
    finder = client.get(reverse("precedents:partners")).content.decode()
    found = positions(finder, *(f">{name}</option>" for name in FRENCH_ORDER))
    assert found == sorted(found)


def positions(html: str, *names: str) -> list[int]:
    return [html.index(name) for name in names]


@pytest.mark.django_db
def test_regions_are_listed_alphabetically_in_filters_and_forms(client, project_index):
    names = list(region_names().values())
    assert names == sorted(names, key=sort_key)
    assert names.index("Île-de-France") == names.index("Hauts-de-France") + 1
    form = client.get(reverse("propose")).content.decode()
    first, second, third = positions(form, ">Hauts-de-France<", ">Île-de-France<", ">La Réunion<")
    assert first < second < third
    table = client.get(reverse("precedents:list")).content.decode()
    first, second, third = positions(table, "Hauts-de-France", "Île-de-France", "La Réunion")
    assert first < second < third


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["organisation", "theme"])
def test_the_admin_listings_and_their_exports_sort_names_the_french_way(admin_client, model):
    for number, name in enumerate(NAMES):
        if model == "theme":
            Theme.objects.create(name=name, slug=f"theme-{number}")
        else:
            OrganisationFactory(name=name)
    url = reverse(f"wagtailsnippets_projets_{model}:list")
    for ordering, expected in (("name", FRENCH_ORDER), ("-name", FRENCH_ORDER[::-1])):
        html = admin_client.get(url, {"ordering": ordering}).content.decode().split('<table class="listing"', 1)[1]
        found = positions(html, *(f">{name}<" for name in expected))
        assert found == sorted(found), ordering
    html = admin_client.get(url).content.decode()
    if model == "theme":  # the parent filter's options
        filter_options = html.split('name="parent"', 1)[1].split("</select>", 1)[0]
        found = positions(filter_options, *(f">{name}</option>" for name in FRENCH_ORDER))
        assert found == sorted(found)
    export = admin_client.get(url, {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    found = positions(text, *(f"\n{name}," for name in FRENCH_ORDER))
    assert found == sorted(found)
