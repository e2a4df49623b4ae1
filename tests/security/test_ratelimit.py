"""The reusable rate limiter (cms/ratelimit.py), through real requests and the real cache."""

import pytest
from django.core.cache import cache

from cms import ratelimit

pytestmark = pytest.mark.urls("tests.security.urls")


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.RATELIMIT_ENABLED = True  # off in the test settings, on in production
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> list[float]:
    """The limiter's clock stands still at the start of a minute: a test's requests share one window however
    long they take (a window ending between two of them made the limits look broken); tests move it by hand."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


def test_a_form_is_limited_per_address_with_a_french_429(client, db):
    for _ in range(3):
        assert client.post("/proposer/", REMOTE_ADDR="203.0.113.7").status_code == 200
    response = client.post("/proposer/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "Trop de requêtes" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Security-Policy"]  # the error page gets the headers too
    # Another address is counted apart; GET is not counted for this form.
    assert client.post("/proposer/", REMOTE_ADDR="198.51.100.20").status_code == 200
    assert client.get("/proposer/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_an_api_gets_json_and_the_window_resets(client, db, clock):
    statuses = [client.get("/api/recherche/", REMOTE_ADDR="203.0.113.7").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    response = client.get("/api/recherche/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Trop de requêtes" in response.json()["detail"]
    clock[0] += 1  # the next window
    assert client.get("/api/recherche/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_scopes_are_independent(client, db):
    for _ in range(3):
        client.post("/proposer/", REMOTE_ADDR="203.0.113.7")
    assert client.post("/proposer/", REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get("/api/recherche/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_limits_can_be_switched_off(client, db, settings):
    settings.RATELIMIT_ENABLED = False
    assert all(client.post("/proposer/", REMOTE_ADDR="203.0.113.7").status_code == 200 for _ in range(10))
