"""Admin and front-end login lockout (django-axes): 5 failures per client address or per user name, 15 minutes,
429."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

PASSWORD = "un-mot-de-passe-solide-2019"
LOCKED = "Trop de tentatives de connexion échouées"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editrice", "editrice@example.org", PASSWORD)


def login(client, username, password, ip="203.0.113.7", url="/admin/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, times, username="editrice", **kwargs):
    for _ in range(times):
        response = login(client, username, "mauvais", **kwargs)
        if response.status_code == 429:
            return response
        assert response.status_code == 200  # the form again, with an error
    return None


def test_five_failures_lock_the_account_from_that_address(client, editor):
    assert fail(client, 4) is None
    locked = login(client, "editrice", "mauvais")
    assert locked.status_code == 429
    # Even the right password is refused during the lockout, with a French page and Retry-After.
    response = login(client, "editrice", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "15 minutes" in page
    assert response["Retry-After"] == str(15 * 60)
    assert response.wsgi_request.user.is_anonymous
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_failures_on_many_user_names_lock_the_address(client, editor, django_user_model):
    """Guessing through a list of user names from one address: the address is locked, not only each name."""
    for number in range(4):
        assert login(client, f"inconnu{number}", "mauvais").status_code == 200
    assert login(client, "inconnu4", "mauvais").status_code == 429
    # Even a real account with its right password is refused from that address...
    assert login(client, "editrice", PASSWORD).status_code == 429
    # ...and accepted from another one.
    assert login(client, "editrice", PASSWORD, ip="198.51.100.20").status_code == 302


def test_failures_from_many_addresses_lock_the_user_name(client, editor, django_user_model):
    """Guessing one account's password from many addresses: the account is locked, wherever from."""
    django_user_model.objects.create_superuser("autre", "autre@example.org", PASSWORD)
    for number in range(4):
        assert login(client, "editrice", "mauvais", ip=f"203.0.113.{number + 10}").status_code == 200
    assert login(client, "editrice", "mauvais", ip="203.0.113.14").status_code == 429
    assert login(client, "editrice", PASSWORD, ip="198.51.100.20").status_code == 429
    # Another account from those addresses is not locked.
    assert login(client, "autre", PASSWORD, ip="203.0.113.10").status_code == 302


def test_behind_a_trusted_proxy_visitors_are_locked_apart(client, editor, django_user_model, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("autre", "autre@example.org", PASSWORD)
    statuses = [
        client.post(
            "/admin/login/",
            {"username": f"inconnu{number}", "password": "mauvais"},
            REMOTE_ADDR="10.0.0.2",
            headers={"x-forwarded-for": "203.0.113.7"},
        ).status_code
        for number in range(5)
    ]
    assert statuses == [200] * 4 + [429]
    response = client.post(
        "/admin/login/",
        {"username": "autre", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        headers={"x-forwarded-for": "198.51.100.20"},
    )
    assert response.status_code == 302  # the proxy's address is not locked, only the guessing visitor's


def test_the_lock_ends_after_the_cool_off(client, editor):
    fail(client, 5)
    assert login(client, "editrice", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    response = login(client, "editrice", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_success_resets_the_failure_count(client, editor):
    fail(client, 4)
    assert login(client, "editrice", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, 4) is None
    assert login(client, "editrice", PASSWORD).status_code == 302


def test_the_front_end_login_is_locked_too(client, editor, home_page):
    url = "/_util/login/"
    assert client.get(url).status_code == 200
    response = fail(client, 5, url=url)
    assert response is not None and response.status_code == 429
    assert LOCKED in response.content.decode()


def test_ajax_callers_get_json(client, editor):
    fail(client, 5)
    response = client.post(
        "/admin/login/",
        {"username": "editrice", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 429
    assert LOCKED in response.json()["detail"]


def test_programmatic_login_without_a_request_still_works(client, editor):
    """The test client's login() calls authenticate() without a request: the lockout backend steps aside."""
    assert client.login(username="editrice", password=PASSWORD)
    assert not client.login(username="editrice", password="mauvais")
