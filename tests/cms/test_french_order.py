"""Names in the order a French reader expects (É among the E, Î among the I), on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.urls import reverse

from cms.collation import sort_key
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
def test_the_database_sorts_themes_and_organisations_the_same_way():
    for number, name in enumerate(NAMES):
        Theme.objects.create(name=name, slug=f"theme-{number}")
        OrganisationFactory(name=name)
    assert list(Theme.objects.values_list("name", flat=True)) == FRENCH_ORDER, connection.vendor
    assert list(Organisation.objects.values_list("name", flat=True)) == FRENCH_ORDER, connection.vendor


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
