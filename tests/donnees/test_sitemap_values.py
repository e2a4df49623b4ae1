"""Sitemap files read addresses and dates only; the researchers' pages are listed with a date."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from projets.models import ProjectPage

pytestmark = pytest.mark.django_db


def pages_file(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured.captured_queries]


def test_a_pages_file_reads_addresses_and_dates_only(client, make_project):
    pages = [make_project(title=f"Étude {number}") for number in range(3)]
    first, first_sql = pages_file(client)
    pages += [make_project(title=f"Autre étude {number}") for number in range(5)]
    second, second_sql = pages_file(client)
    assert len(second_sql) == len(first_sql)
    for page in pages:
        entry = re.search(rf"<loc>{re.escape(page.get_full_url())}</loc>\s*<lastmod>([0-9-]+)</lastmod>", second)
        assert entry, page.url
        assert entry.group(1) == localtime(page.last_published_at).date().isoformat()
    # No page is read whole: neither the case studies' table nor a body.
    for sql in second_sql:
        assert ProjectPage._meta.db_table not in sql, sql
        assert '"body"' not in sql, sql


def test_researchers_pages_are_listed_with_the_latest_publication(client, make_project):
    make_project(title="Étude")
    latest = ProjectPage.objects.live().order_by("-last_published_at").first().last_published_at
    views = client.get("/sitemap-vues.xml").content.decode()
    for path in ("/precedents/", "/enseignements/", "/explorer/"):
        entry = re.search(rf"<loc>{re.escape(settings.SITE_URL)}{path}</loc>\s*<lastmod>([0-9-]+)</lastmod>", views)
        assert entry, path
        assert entry.group(1) == localtime(latest).date().isoformat()
    assert f"<loc>{settings.SITE_URL}/precedents/guide/</loc>" in views
