"""Property tests: any Unicode, any parameter combination reaches the parsers and filters without a crash.

Each parser either returns its typed query or raises its own French error; the query it returns runs
on the real backend (database or OpenSearch) without an exception; every public page that reads GET
parameters answers 200 or 400, never a 500. Time is bounded: CPU seconds per call, not wall time, so
a busy machine does not make the tests flaky.
"""

import time

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precedents import lessons, partners, selection
from search.query import FILTERS, QueryError, parse_params, parse_request
from search.service import search

from .world import build_world

CPU_SECONDS = 1.0
KNOWN = {
    "theme": ["education-populaire", "inconnu"],
    "themes": ["education-populaire"],
    "region": ["32", "11", "99"],
    "departement": ["62", "2A", "999"],
    "status": ["en_cours", "termine"],
    "format": ["recherche_action"],
    "kind": ["levier", "frein", "collaboration_recherche"],
    "sort": ["pertinence", "recent", "debut", "duree", "-duree"],
    "looking_for": ["laboratoire", "association", "financeur"],
}
NAMES = sorted({"q", "ids", "page", "page_size", "year_from", "year_to", *FILTERS, *KNOWN, *selection.FACETS_BY_PARAM})

values = st.one_of(
    st.text(max_size=250),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(sorted({value for options in KNOWN.values() for value in options})),
    st.integers(min_value=-(10**7), max_value=10**7).map(str),
    st.lists(st.integers(min_value=-(10**25), max_value=10**25), max_size=5).map(lambda ids: ",".join(map(str, ids))),
    st.from_regex(r"\s*[0-9]{1,7}\s*", fullmatch=True),
    st.sampled_from(['"expression exacte"', "-exclu", "«guillemets»", "l'impact", "*", "a OR b", "(", "\\", "%00"]),
)
parameters = st.dictionaries(
    st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), st.lists(values, min_size=1, max_size=3), max_size=6
)
PROPERTY = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def query_dict(params: dict[str, list[str]]) -> QueryDict:
    result = QueryDict(mutable=True)
    for name, items in params.items():
        result.setlist(name, items)
    return result


def bounded(function, *args):
    """Run a parser; return its result (None when it refused the input in French) within CPU_SECONDS."""
    started = time.process_time()
    try:
        return function(*args)
    except (QueryError, selection.BadParameter) as error:
        assert str(error) and str(error)[0].isupper() or str(error)[0] in "«L'"
        return None
    finally:
        assert time.process_time() - started < CPU_SECONDS, (function.__name__, args)


@PROPERTY
@given(params=parameters)
def test_the_search_parser_accepts_or_refuses_any_input(params):
    query = bounded(parse_params, query_dict(params))
    if query is not None:
        assert 1 <= query.page_size <= 100 and query.page >= 1
        assert len(query.text) <= 200


@pytest.fixture
def site(project_index, search_backend):
    world = build_world(project_index)
    search_backend.refresh_indexes()
    return world


@pytest.mark.django_db
@PROPERTY
@given(params=parameters)
def test_any_valid_search_runs_on_the_backend(site, params):
    query = bounded(parse_request, query_dict(params))
    if query is not None:
        outcome = bounded(search, query)
        assert outcome.count >= 0


@pytest.mark.django_db
@PROPERTY
@given(params=parameters)
def test_the_other_filters_accept_or_refuse_any_input(site, params):
    """Precedents, lessons and partner finder (feeds use the search parser above): parse, then select."""
    data = query_dict(params)
    regions = selection.region_names()
    if (precedents := bounded(selection.parse_filters, data, regions)) is not None:
        assert bounded(lambda: selection.selection(precedents).count()) >= 0
        bounded(selection.facets, precedents, regions)
    if (lesson_filters := bounded(lessons.parse_lesson_filters, data, lessons.options())) is not None:
        bounded(lessons.counts, lesson_filters)
        bounded(lessons.preview, lesson_filters)
        bounded(lessons.category_page, lesson_filters, "financement", data.get("page"))
    if (wanted := bounded(partners.parse_request, data)) is not None:
        bounded(partners.suggest, wanted)


PAGES = [
    "/recherche/",
    "/projets/",
    "/precedents/",
    "/precedents/export.csv",
    "/precedents/comparer/",
    "/enseignements/",
    "/trouver-un-partenaire/",
    "/flux/projets.atom",
    "/api/recherche",
    "/api/autocomplete",
    "/api/precedents",
    "/api/v2/projets/",
    "/api/v2/pages/",
]


@pytest.mark.django_db
@settings(PROPERTY, max_examples=40)
@given(params=parameters)
def test_pages_reading_parameters_answer_200_or_400(site, client, params):
    for url in PAGES:
        response = client.get(url, query_dict(params))
        # Wagtail's API (Django REST framework) reads ?format= as an output format: 404 when unknown.
        allowed = (200, 400, 404) if url.startswith("/api/v2/") else (200, 400)
        assert response.status_code in allowed, (url, params, response.status_code)


@pytest.mark.django_db
def test_a_comparison_of_numbers_no_key_can_hold_is_a_400(site, client):
    """Found by the property above on SQLite (integers past 64 bits): the 500 came from the database."""
    for ids in ("1,99999999999999999999", "9223372036854775808,1", "-5,0"):
        assert client.get("/precedents/comparer/", {"ids": ids}).status_code == 400, ids
