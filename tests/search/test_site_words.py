"""The site's own words find the case studies filed under them, on every backend, weighted below the title:
a parent theme's name finds its sub-themes' case studies, a region's name its départements', funders and
programmes by name or acronym, theme labels in English (locale/en)."""

import pytest

from projets import choices
from tests.factories import FundingLineFactory, OrganisationFactory, ThemeFactory, departement
from tests.search.test_contract import (
    run,
    slugs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(make_project, search_backend):
    environment = ThemeFactory(name="Environnement", slug="environnement")
    gardens = ThemeFactory(name="Jardins", slug="jardins", parent=environment)
    health = ThemeFactory(name="Santé environnementale", slug="sante-environnementale", parent=environment)
    ademe = OrganisationFactory(
        name="Agence de la transition écologique", acronym="ADEME", kind=choices.OrganisationKind.STATE
    )
    halluin = make_project(
        title="Dioxines dans les potagers", slug="halluin", summary="Des jardiniers et des chercheurs.",
        themes=[health, gardens], territories=[departement("59")], publish=False,
    )  # fmt: skip
    FundingLineFactory(page=halluin, funder=ademe, programme="Fonds Déchets")
    halluin.save_revision().publish()
    make_project(
        title="Nature en ville", slug="lyon", summary="Un inventaire d'oiseaux avec des bénévoles.",
        themes=[gardens], territories=[departement("69")],
    )  # fmt: skip
    make_project(title="Environnement et Hauts-de-France", slug="titled", summary="Un portrait.")
    search_backend.refresh_indexes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("environnement", ["titled", "halluin", "lyon"]),  # the parent theme of both
        ("Hauts-de-France", ["titled", "halluin"]),  # the region of the Nord
        ("auvergne rhone alpes", ["lyon"]),
        ("Nord", ["halluin"]),  # the département's name
        ("ademe", ["halluin"]),  # a funder's acronym
        ("transition écologique", ["halluin"]),  # a funder's name
        ("fonds déchets", ["halluin"]),  # a programme
        ("environmental health", ["halluin"]),  # a theme's English label (locale/en)
        ("gardens", ["halluin", "lyon"]),
    ],
)
def test_the_sites_words_find_what_is_filed_under_them(filed, backend, text, expected):
    assert set(slugs(run({"q": text}, backend))) == set(expected)


def test_the_english_interface_says_theme_names_are_searched_in_english(filed, client):
    response = client.get("/recherche/", {"q": "gardens"}, headers={"accept-language": "en"})
    page = response.content.decode()
    assert "theme names can also be searched in English" in page
    assert "Nature en ville" in page
    assert "searched in English" not in client.get("/recherche/", {"q": "jardins"}).content.decode()
