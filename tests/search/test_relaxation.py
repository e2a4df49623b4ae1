"""Names written together or apart, SQLite's corrections and the notices of relaxed results, on every backend."""

import pytest

from projets import choices
from tests.factories import OrganisationFactory, ThemeFactory
from tests.search.test_contract import (
    label_of,
    run,
    slugs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(make_project, search_backend):
    shops = ThemeFactory(name="Boutiques des sciences", slug="boutiques-des-sciences")
    lille = OrganisationFactory(name="Université de Lille", kind=choices.OrganisationKind.UNIVERSITY)
    make_project(title="Univ'Asso", slug="univasso", summary="Rapprocher associations et recherche.")
    make_project(
        title="La boutique des sciences de Lille", slug="boutique", summary="Des stages pour les associations.",
        themes=[shops], partners=[(lille, choices.PartnerRole.LEAD)],
    )  # fmt: skip
    make_project(
        title="Renouveler l'éducation populaire", slug="education", summary="Une recherche-action en quartier."
    )
    search_backend.refresh_indexes()


def test_names_written_together_or_apart(named, backend):
    together = run({"q": "univasso"}, backend)
    assert (slugs(together), together.corrected, together.fuzzy) == (["univasso"], (("univasso", "univ asso"),), False)
    for text in ("boutique des sciences", "boutiques-des-sciences", "Boutiques des Sciences"):
        assert slugs(run({"q": text}, backend)) == ["boutique"], text


def test_a_typo_is_corrected_or_tolerated(named, backend):
    outcome = run({"q": "educaton populaire"}, backend)
    assert slugs(outcome) == ["education"]
    assert outcome.fuzzy or outcome.corrected == (("educaton", "éducation"),)


def test_the_page_names_the_correction_and_links_to_the_exact_words(named, client):
    page = client.get("/recherche/", {"q": "educaton populaire"}).content.decode()
    if label_of("default") == "sqlite-database":
        assert "Résultats pour « éducation populaire » (au lieu de « educaton populaire »)" in page
        assert "?q=%22educaton%22+%22populaire%22" in page
        exact = client.get("/recherche/", {"q": '"educaton" "populaire"'}).content.decode()
        assert "Mots absents de toutes les études de cas : « educaton »" in exact
    else:
        assert "résultats approchants" in page
    assert "Renouveler l&#x27;éducation populaire" in page


def test_the_page_names_the_missing_words(named, client):
    page = client.get("/recherche/", {"q": "boutique zzzqqq"}).content.decode()
    assert "Aucune étude de cas ne contient tous ces mots" in page
    assert "Mots absents de toutes les études de cas : « zzzqqq »" in page
    assert "La boutique des sciences de Lille" in page


def test_the_api_says_what_was_relaxed(named, client):
    partial = client.get("/api/recherche", {"q": "boutique zzzqqq"}).json()
    assert (partial["partial"], partial["missing_words"], partial["count"]) == (True, ["zzzqqq"], 1)
    together = client.get("/api/recherche", {"q": "univasso"}).json()
    assert together["corrected"] == [{"typed": "univasso", "searched": "univ asso"}]
    exact = client.get("/api/recherche", {"q": "boutique"}).json()
    assert (exact["partial"], exact["missing_words"], exact["corrected"]) == (False, [], [])
