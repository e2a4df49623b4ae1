"""The real search API is rate limited per address: 429, a French message, Retry-After, JSON.

(The proposal form and the admin login have theirs: tests/site/test_proposals.py, test_lockout.py.)
"""

import pytest
from django.core.cache import caches

from search.api import AUTOCOMPLETE_PER_MINUTE, SEARCH_PER_MINUTE


@pytest.fixture(autouse=True)
def limits_on(settings, db):
    settings.RATELIMIT_ENABLE = True
    caches[settings.RATELIMIT_USE_CACHE].clear()


def first_refusal(client, url: str, params: dict, limit: int, address: str):
    """Requests until the first 429; the limit is per fixed minute, so a new minute may start once."""
    accepted = 0
    for _ in range(2 * limit + 1):
        response = client.get(url, params, REMOTE_ADDR=address)
        if response.status_code == 429:
            return accepted, response
        assert response.status_code == 200, response.content
        accepted += 1
    raise AssertionError(f"no 429 after {accepted} requests")


@pytest.mark.parametrize(
    ("url", "params", "limit"),
    [
        ("/api/recherche", {"q": "coopération", "page_size": 1}, SEARCH_PER_MINUTE),
        ("/api/autocomplete", {"q": "c"}, AUTOCOMPLETE_PER_MINUTE),
    ],
)
def test_the_search_api_answers_429_in_french(client, home_page, url, params, limit):
    accepted, response = first_refusal(client, url, params, limit, "203.0.113.9")
    assert accepted >= limit
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "retry_after"}
    assert body["detail"].startswith("Trop de requêtes : merci de patienter")
    assert 1 <= int(response["Retry-After"]) <= 60 and body["retry_after"] == int(response["Retry-After"])
    # Another address is not affected.
    assert client.get(url, params, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_the_429_is_documented_in_the_schema(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/recherche", "/api/autocomplete"):
        assert "429" in paths[path]["get"]["responses"]
