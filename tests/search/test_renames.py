"""Renaming an organisation, a theme or a territory indexes its case studies again (search.renames).

On every backend of the run (see test_contract.py): the engine and the database index, and the facet table the
database backend filters with. Tasks run at once in tests (ImmediateBackend), as the worker would after commit.
"""

import pytest

from projets.choices import OrganisationKind
from projets.models import Organisation, Theme
from search.renames import changes_what_is_searched
from tests.factories import departement
from tests.search.test_contract import run, slugs

pytestmark = pytest.mark.django_db


def found(params, backend) -> set[str]:
    return set(slugs(run({**params, "page_size": "100"}, backend)))


def no_longer_found(words, backend) -> bool:
    """Nothing has these words: a backend may then answer with near spellings (fuzzy, or corrected words on
    SQLite), never with an exact hit."""
    outcome = run({"q": words}, backend)
    return outcome.count == 0 or outcome.fuzzy or bool(outcome.corrected)


def test_a_renamed_organisation_is_found_by_its_new_name(corpus_to_change, search_backend, backend):
    assert found({"q": "ConcertES"}, backend) == {"impact-social"}
    assert found({"q": "Marguerite"}, backend) == set()
    concertes = Organisation.objects.get(name="ConcertES")
    concertes.name, concertes.acronym = "Collectif Marguerite", "CMG"
    concertes.save()
    search_backend.refresh_indexes()
    assert found({"q": "Marguerite"}, backend) == {"impact-social"}
    assert found({"q": "CMG"}, backend) == {"impact-social"}
    assert no_longer_found("ConcertES", backend)
    assert run({"q": "Marguerite"}, backend).hits[0].partners == ["Collectif Marguerite (CMG)"]


def test_an_organisations_new_kind_moves_its_case_studies_between_partner_kinds(
    corpus_to_change, search_backend, backend
):
    university, foundation = OrganisationKind.UNIVERSITY.value, OrganisationKind.FOUNDATION.value
    assert found({"partner_kind": university}, backend) == {"impact-social", "boutique"}
    lille = Organisation.objects.get(name="Université de Lille")
    lille.kind = OrganisationKind.FOUNDATION
    lille.save()
    search_backend.refresh_indexes()
    assert found({"partner_kind": university}, backend) == set()
    assert found({"partner_kind": foundation}, backend) == {"impact-social", "boutique", "circulaire"}
    counts = {value.value: value.count for value in run({"facets": "1"}, backend).facets["partner_kind"]}
    assert university not in counts and counts[foundation] == 3


def test_a_theme_renamed_under_a_new_slug_and_its_parent_too(corpus_to_change, search_backend, backend):
    education = Theme.objects.get(slug="education-populaire")
    education.name, education.slug = "Pédagogies émancipatrices", "pedagogies-emancipatrices"
    education.save()
    ess = Theme.objects.get(slug="ess")  # the parent of the impact case study's theme
    ess.slug = "economie-solidaire"
    ess.save()
    search_backend.refresh_indexes()
    assert found({"q": "émancipatrices"}, backend) == {"education-populaire"}
    assert found({"theme": "pedagogies-emancipatrices"}, backend) == {"education-populaire"}
    assert found({"theme": "economie-solidaire"}, backend) == {"impact-social"}
    themes = {value.value for value in run({}, backend).facets["theme"]}
    assert {"pedagogies-emancipatrices", "economie-solidaire"} <= themes
    assert not {"education-populaire", "ess"} & themes


def test_a_deleted_theme_is_no_longer_searched(corpus_to_change, search_backend, backend):
    assert found({"q": "participatives"}, backend) == {"cooperations", "boutique"}
    Theme.objects.get(slug="sciences-participatives").delete()
    search_backend.refresh_indexes()
    assert no_longer_found("participatives", backend)


def test_a_renamed_departement_is_found_by_its_new_name(corpus_to_change, search_backend, backend):
    assert found({"q": "Lugdunum"}, backend) == set()
    rhone = departement("69")
    rhone.name = "Rhône-Lugdunum"
    rhone.save()
    search_backend.refresh_indexes()
    assert found({"q": "Lugdunum"}, backend) == {"cooperations"}


def test_only_a_change_to_what_is_searched_indexes_again(corpus):
    lille = Organisation.objects.get(name="Université de Lille")
    assert not changes_what_is_searched(lille)
    lille.website = "https://www.univ-lille.fr"
    assert not changes_what_is_searched(lille)  # not in any case study's document
    lille.acronym = "ULille"
    assert changes_what_is_searched(lille)
    assert not changes_what_is_searched(Organisation(name="Nouvelle"))  # not saved yet: no case study names it
