"""The admin dashboard costs the same SQL queries whatever the size of the catalogue."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.projets.admin_data import project_form_data
from tests.projets.bulk_pages import add_case_studies


def dashboard_queries(client, user) -> tuple[int, str]:
    """The number of SQL queries of the dashboard, having checked that each read of case studies is limited."""
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # sessions, caches and site lookups settle on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    for query in queries.captured_queries:
        sql = query["sql"]
        by_key = '"projets_projectpage"."page_ptr_id" IN (' in sql
        if '"projets_projectpage"' in sql and not by_key and not sql.startswith("SELECT COUNT"):
            assert re.search(r"LIMIT \d+( OFFSET \d+)?$", sql), f"reads every case study: {sql[:300]}"
        if sql.startswith("SELECT COUNT(*)") and 'FROM "wagtailcore_page"' in sql:
            assert '"depth"' not in sql, f"the page count reads every page row: {sql[:300]}"
    return len(queries.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_dashboard_costs_the_same_with_50_and_5000_case_studies(client, user_in, project_index, submitted_page):
    users = [user_in("Modérateurs"), user_in("Contributeurs", username="redacteur")]
    add_case_studies(project_index, 50, prefix="a")
    small = {user.username: dashboard_queries(client, user) for user in users}
    add_case_studies(project_index, 4950, prefix="b")
    large = {user.username: dashboard_queries(client, user) for user in users}

    for username, (count, _html) in small.items():
        assert large[username][0] == count, f"{username}: {count} queries at 50, {large[username][0]} at 5,000"
    html = large["modérateurs"][1]
    to_complete = html.split("Études de cas publiées à compléter", 1)[1].split("</section>", 1)[0]
    assert "Étude b 4949" in to_complete, "the latest created incomplete case study comes first"
    assert to_complete.count("<tr>") == 51, "a heading and 50 rows"
    assert "partenaires, financements, sources, thèmes, territoires" in to_complete


@pytest.mark.django_db
def test_saving_a_case_study_stores_what_it_lacks(client, user_in, project_index):
    from projets.models import ProjectPage

    client.force_login(user_in("Modérateurs"))
    url = reverse("wagtailadmin_pages:add", args=["projets", "projectpage", project_index.pk])
    response = client.post(url, {**project_form_data(title="Sans partenaires"), "action-publish": "action-publish"})
    assert response.status_code == 302
    page = ProjectPage.objects.get(slug="sans-partenaires")
    assert page.live
    assert page.missing_parts == "partners,funding,themes,territories"


@pytest.mark.django_db
def test_dashboard_counts_the_pages_each_user_may_explore(client, user_in, admin_user, project_index):
    from wagtail.models import Page

    add_case_studies(project_index, 30, prefix="a")
    everything = Page.objects.count() - 1  # the tree's root is not a real page
    catalogue = Page.objects.filter(path__startswith=project_index.path).count()
    expected = {admin_user: everything, user_in("Contributeurs"): catalogue}
    for user, total in expected.items():
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert re.search(rf"\b{total} Pages\b", html), (user.username, total)
