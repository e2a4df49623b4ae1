"""The database matcher (search.backends.database_matcher): modelsearch's stock backend on SQLite and PostgreSQL.

Run against the database backend of each run: the fallback beside an engine, else the default.
"""

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import PageViewRestriction

from projets import choices
from projets.catalogue import public_projects
from search.backends.database_matcher import DatabaseMatcher
from search.backends.selection import fallback_matcher, matcher_for
from search.config import FALLBACK_ALIAS
from search.query import parse_request
from search.service import search
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def database_alias() -> str:
    return FALLBACK_ALIAS if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS else "default"


def test_the_database_backend_gets_the_database_matcher_typo_tolerant_on_postgresql(search_backend):
    matcher = fallback_matcher()
    assert isinstance(matcher, DatabaseMatcher)
    assert not matcher.remote
    assert matcher.fuzzy == (connection.vendor == "postgresql")
    assert matcher_for(database_alias()).fuzzy == matcher.fuzzy


def test_relevance_ranks_a_title_match_before_a_summary_match(make_project, search_backend):
    kept = OrganisationFactory(name="Collectif Potagers", kind=choices.OrganisationKind.ASSOCIATION)
    make_project(title="Cuisine collective", slug="partenaire", partners=[(kept, choices.PartnerRole.LEAD)])
    make_project(title="Ateliers de quartier", slug="resume", summary="Des potagers partagés avec un laboratoire.")
    make_project(title="Potagers urbains et sciences du sol", slug="titre")

    outcome = search(parse_request({"q": "potagers"}), backend=database_alias())
    slugs = [hit.page.slug for hit in outcome.hits]
    assert outcome.count == 3
    assert slugs[0] == "titre"
    assert set(slugs) == {"titre", "resume", "partenaire"}


def pages_of(text: str, size: int) -> list[int]:
    """The matches of `text` by relevance, page after page of `size`, as the service asks for them."""
    matcher = fallback_matcher()
    ids, number = [], 1
    while True:
        query = parse_request({"q": text, "page": str(number), "page_size": str(size)})
        found = matcher.match(query, public_projects())
        ids += found.page_ids
        if number * size >= found.total:
            return ids
        number += 1


def test_phrases_words_and_pages_hold_public_matches_only(make_project, search_backend):
    make_project(title="Jardins potagers", slug="phrase")
    make_project(title="Des potagers et des jardins", slug="mots-epars")  # both words, not the phrase
    make_project(title="Jardins potagers en brouillon", slug="brouillon", publish=False)
    private = make_project(title="Jardins potagers réservés", slug="reservee")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    partner = OrganisationFactory(name="Jardins Potagers du Nord", kind=choices.OrganisationKind.ASSOCIATION)
    make_project(title="Cuisine", slug="partenaire", partners=[(partner, choices.PartnerRole.LEAD)])

    phrase = search(parse_request({"q": '"jardins potagers"'}), backend=database_alias())
    assert sorted(hit.page.slug for hit in phrase.hits) == ["partenaire", "phrase"]
    assert phrase.count == 2
    words = search(parse_request({"q": "jardins potagers"}), backend=database_alias())
    assert sorted(hit.page.slug for hit in words.hits) == ["mots-epars", "partenaire", "phrase"]
    assert words.count == 3
    for size in (1, 2, 3):  # pages that follow each other give every match once, in one order
        assert pages_of("jardins potagers", size) == [hit.page.pk for hit in words.hits], size


def test_facets_count_the_matches_and_filters_narrow_them(make_project, search_backend):
    make_project(title="Potagers en projet", slug="projet", status=choices.Status.PREPARATION)
    make_project(title="Potagers terminés", slug="fini", status=choices.Status.FINISHED)
    make_project(title="Cuisine terminée", slug="cuisine", status=choices.Status.FINISHED)

    found = fallback_matcher().match(parse_request({"q": "potagers"}), public_projects())
    assert found.total == 2
    assert found.counts["status"] == {choices.Status.PREPARATION: 1, choices.Status.FINISHED: 1}
    narrowed = fallback_matcher().match(
        parse_request({"q": "potagers", "status": choices.Status.FINISHED}), public_projects()
    )
    assert narrowed.total == 1
    assert narrowed.counts["status"] == {choices.Status.FINISHED: 1}
