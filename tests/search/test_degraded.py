"""Engine down: the same service answers from the database backend, flagged, never a 500.

A second backend alias points at a closed port (127.0.0.1:1); the shared OpenSearch node is not touched.
"""

import pytest
from django.test import override_settings

from search.config import DATABASE_SEARCH, FALLBACK_ALIAS
from search.query import parse_request
from search.service import autocomplete, search

pytestmark = pytest.mark.django_db

BROKEN = {
    "BACKEND": "wagtail.search.backends.opensearch2",
    "URLS": ["http://127.0.0.1:1"],
    "INDEX_PREFIX": "coop_broken_",
    "TIMEOUT": 1,
    "AUTO_UPDATE": False,
    "OPTIONS": {"max_retries": 0},
}


@pytest.fixture
def engine_down(settings):
    backends = {**settings.WAGTAILSEARCH_BACKENDS, "broken": BROKEN}
    backends.setdefault(FALLBACK_ALIAS, {**DATABASE_SEARCH, "AUTO_UPDATE": False})
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


def test_service_falls_back_to_the_database_with_the_same_answers(corpus, engine_down):
    healthy = search(parse_request({"q": "coopérer"}))
    degraded = search(parse_request({"q": "coopérer"}), backend="broken")
    assert not healthy.degraded
    assert degraded.degraded
    assert {hit.page.pk for hit in degraded.hits} == {hit.page.pk for hit in healthy.hits}
    assert {v.value: v.count for v in degraded.facets["region"]} == {
        v.value: v.count for v in healthy.facets["region"]
    }
    assert [s["label"] for s in autocomplete("econ", backend="broken")]


def test_page_and_api_show_the_degraded_notice(corpus, settings):
    backends = {"default": BROKEN, FALLBACK_ALIAS: {**DATABASE_SEARCH, "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        from django.test import Client

        client = Client()
        page = client.get("/recherche/", {"q": "économie"})
        assert page.status_code == 200
        assert "Recherche dégradée" in page.content.decode()
        data = client.get("/api/recherche", {"q": "économie"}).json()
        assert data["degraded"] is True
        assert data["count"] == 2
        assert client.get("/projets/").status_code == 200
