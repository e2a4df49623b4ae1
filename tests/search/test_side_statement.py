"""The page of hits by relevance on a side connection while the request's counts (search.side_statement).

On PostgreSQL outside a transaction only: these tests commit (transactional database), as a web request does.
The side path must give what one connection gives, and fall back on the request's connection when it fails.
"""

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from search import postgres_text, side_statement
from search.query import parse_request
from search.service import search
from tests.search.test_postgres_text import database_alias, pages_of
from tests.wagtail_roots import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def wagtail_roots(transactional_db):
    """An earlier transactional test's flush removed the root page its migrations made (autouse: first)."""
    ensure_wagtail_roots()


@pytest.fixture
def potagers(make_project, search_backend):
    for number in range(3):
        make_project(title=f"Potagers urbains {number}", slug=f"urbains-{number}")
    make_project(title="Ateliers", slug="resume", summary="Des potagers, encore des potagers partagés.")
    make_project(title="Cuisine", slug="cuisine", summary="Une cantine et un jardin.")
    make_project(title="Potagers cachés", slug="brouillon", publish=False)
    yield
    side_statement.close()  # the next test's flush, and the test database's removal, find it closed


def side_statements(params: dict) -> tuple[list, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        outcome = search(parse_request(params), backend=database_alias())
    return [hit.page.slug for hit in outcome.hits], [q["sql"] for q in captured.captured_queries if q.get("side")]


def test_the_page_comes_from_the_side_connection_and_equals_one_connections(potagers):
    if connection.vendor != "postgresql":
        assert not side_statement.available()  # SQLite: one connection, always
        return
    assert postgres_text.has_ranking_index()
    for params in ({"q": "potagers"}, {"q": "potagers", "page_size": "2", "page": "2"}, {"q": '"potagers urbains"'}):
        slugs, on_the_side = side_statements(params)
        assert len(on_the_side) == 1, params
        assert "rank_vector <=>" in on_the_side[0] and "coop_search_facetpages" not in on_the_side[0]
        with override_settings(SEARCH_SIDE_CONNECTION=False):
            alone, none_on_the_side = side_statements(params)
        assert none_on_the_side == []
        assert slugs == alone, params
    assert "brouillon" not in side_statements({"q": "potagers"})[0]
    with override_settings(SEARCH_SIDE_CONNECTION=False):
        expected = {size: pages_of("potagers", size) for size in (1, 2, 3, 20)}
    assert {size: pages_of("potagers", size) for size in (1, 2, 3, 20)} == expected


def test_inside_a_transaction_the_page_stays_on_the_requests_connection(potagers):
    if connection.vendor != "postgresql":
        return
    with transaction.atomic():  # a side connection would not see this transaction's rows
        slugs, on_the_side = side_statements({"q": "potagers"})
    assert on_the_side == []
    assert len(slugs) == 4


def test_a_failing_side_connection_leaves_the_search_whole(potagers, caplog):
    if connection.vendor != "postgresql":
        return
    expected, _ = side_statements({"q": "potagers"})
    # The side connection cancels any statement after 1 ms from now on (a session setting, not LOCAL).
    side_statement.start("SET statement_timeout = 1", None).result()
    side_statement.start("SELECT pg_sleep(0.01)", None).exception()  # and it does
    slugs, on_the_side = side_statements({"q": "potagers"})
    assert slugs == expected
    assert on_the_side == []  # the page was run on the request's connection
    assert "side statement failed" in caplog.text
