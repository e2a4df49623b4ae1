"""The reusable rate limiter (cms/ratelimit.py), through real requests and the real shared cache."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import caches
from django_ratelimit import core

from cms.ratelimit import RESET_PER_CLIENT, RESET_PER_EMAIL

pytestmark = pytest.mark.urls("tests.security.urls")


@pytest.fixture(autouse=True)
def empty_cache(settings, db):
    settings.RATELIMIT_ENABLE = True  # off in the test settings, on in production
    caches[settings.RATELIMIT_USE_CACHE].clear()


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> list[float]:
    """The limiter's clock (django-ratelimit reads time.time() for its windows) stands still: a test's requests
    share one window however long they take (a window ending between two of them made the limits look broken);
    tests move it by hand. Only the limiter's module sees this clock; the cache's expiry keeps the real one."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(core, "time", SimpleNamespace(time=lambda: now[0]))
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
    settings.RATELIMIT_ENABLE = False
    assert all(client.post("/proposer/", REMOTE_ADDR="203.0.113.7").status_code == 200 for _ in range(10))


def test_the_counters_live_in_the_cache_the_workers_share(settings):
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    assert backend in {"django.core.cache.backends.db.DatabaseCache", "django.core.cache.backends.redis.RedisCache"}


def post_form(client, remote, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return client.post("/proposer/", REMOTE_ADDR=remote, headers=headers).status_code


def test_behind_a_trusted_proxy_each_visitor_has_its_own_limit(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    assert [post_form(client, proxy, "203.0.113.7") for _ in range(4)] == [200, 200, 200, 429]
    # Another visitor through the same proxy is counted apart.
    assert post_form(client, proxy, "198.51.100.20") == 200
    # What the visitor writes to the left of the proxy's entry is ignored: no escape by forging the header.
    assert post_form(client, proxy, "192.0.2.1, 203.0.113.7") == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [post_form(client, "203.0.113.7", f"198.51.100.{number}") for number in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_a_short_or_invalid_forwarded_header_falls_back_to_the_peer_address(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert [post_form(client, "10.0.0.2", "203.0.113.7") for _ in range(3)] == [200] * 3
    assert post_form(client, "10.0.0.2", "pas-une-adresse, 10.0.0.1") == 429


def reset(client, email, remote):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=remote)


def test_password_reset_mails_are_limited_per_recipient(client, django_user_model):
    django_user_model.objects.create_user("editrice", "editrice@example.org", "un-mot-de-passe-solide-2019")
    limit = RESET_PER_EMAIL[0]
    statuses = [
        reset(client, "Editrice@example.org", f"203.0.113.{number}").status_code for number in range(limit + 2)
    ]
    assert statuses == [302] * limit + [429, 429]
    assert len(mail.outbox) == limit
    response = reset(client, "editrice@example.org", "198.51.100.7")
    assert response.status_code == 429 and "Trop de requêtes" in response.content.decode()


def test_password_reset_is_limited_per_client_address(client, db):
    limit = RESET_PER_CLIENT[0]
    statuses = [
        reset(client, f"personne{number}@example.org", "203.0.113.7").status_code for number in range(limit + 1)
    ]
    assert statuses == [302] * limit + [429]
    assert reset(client, "quelquun@example.org", "198.51.100.7").status_code == 302
    # The form itself is not counted.
    assert client.get("/admin/password_reset/", REMOTE_ADDR="203.0.113.7").status_code == 200
