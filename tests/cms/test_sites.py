"""The Site of a request, looked up once per host: the same answer as Wagtail's, and dropped on change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms import sites

pytestmark = pytest.mark.django_db


def site_queries(client, url="/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('"wagtailcore_site"' in query["sql"] for query in captured.captured_queries)


def test_the_site_is_read_once_per_host(client, home_page):
    assert site_queries(client) >= 1  # the Site, and Wagtail's site root paths (kept in the cache)
    assert site_queries(client) == 0
    assert site_queries(client) == 0
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/", HTTP_HOST="localhost").status_code == 200  # another host: looked up
    assert any('"wagtailcore_site"' in query["sql"] for query in captured.captured_queries)


def test_each_request_gets_its_own_objects_with_wagtails_answer(rf, home_page):
    request = rf.get("/")
    first, second = sites.site_for(request), sites.site_for(rf.get("/"))
    expected = Site._find_for_request(request)
    assert (first.pk, first.root_page_id, first.hostname) == (expected.pk, expected.root_page_id, expected.hostname)
    assert first is not second and first.root_page is not second.root_page
    assert first.root_page.specific == home_page


def test_an_edited_site_is_seen_at_once(client, home_page):
    from cms.models import ContentPage

    client.get("/")
    other_root = home_page.add_child(instance=ContentPage(title="Autre accueil", slug="autre-accueil"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_root
    site.save()
    assert "Autre accueil" in client.get("/").content.decode()


def test_an_unpublished_root_page_is_seen_at_once(client, home_page):
    assert client.get("/").status_code == 200
    home_page.unpublish()
    assert client.get("/").status_code == 404


def test_the_memo_expires(client, home_page, monkeypatch):
    client.get("/")
    monkeypatch.setattr(sites, "MEMO_SECONDS", -1)
    sites.forget()
    client.get("/")  # stored already expired
    assert site_queries(client) == 1
