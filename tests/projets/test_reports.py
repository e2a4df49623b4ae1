"""The editorial reports: pending review, incomplete, not updated for months; filtered and exported."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from projets.models import ProjectPage


def csv_rows(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.django_db
def test_pending_review_report_lists_and_exports_submitted_case_studies(client, user_in, submitted_page):
    client.force_login(user_in("Modérateurs"))
    url = reverse("projets_reports:pending")
    html = client.get(url).content.decode()
    assert "Jardins ouvriers" in html and "contributeurs" in html
    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert [row["Étude de cas"] for row in rows] == ["Jardins ouvriers"]
    assert rows[0]["Soumise par"] == "contributeurs"
    later = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    filtered = client.get(url, {"submitted_at_from": later}).content.decode()
    assert "Jardins ouvriers" not in filtered


@pytest.mark.django_db
def test_incomplete_report_says_what_is_missing_and_filters_by_it(client, user_in, make_project):
    make_project(title="Sans sources ni financement")
    client.force_login(user_in("Modérateurs"))
    url = reverse("projets_reports:incomplete")
    html = client.get(url).content.decode()
    assert "Sans sources ni financement" in html
    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert rows[0]["Il manque"].startswith("partenaires, financements, sources")
    assert "Sans sources" in client.get(url, {"missing": "sources"}).content.decode()
    page = ProjectPage.objects.get(title="Sans sources ni financement")
    page.sources.create(title="Source", url="https://example.org/")
    page.save_revision().publish()
    assert "Sans sources" not in client.get(url, {"missing": "sources"}).content.decode()
    assert client.get(url, {"missing": "n-importe-quoi"}).status_code == 200


@pytest.mark.django_db
def test_stale_report_lists_case_studies_not_updated_for_n_months(client, user_in, make_project):
    old, recent = make_project(title="Ancienne étude"), make_project(title="Étude récente")
    Page.objects.filter(pk=old.pk).update(latest_revision_created_at=timezone.now() - datetime.timedelta(days=200))
    client.force_login(user_in("Modérateurs"))
    url = reverse("projets_reports:stale")
    assert "Ancienne étude" not in client.get(url).content.decode(), "12 months by default"
    six = client.get(url, {"months": "6"}).content.decode()
    assert "Ancienne étude" in six and recent.title not in six
    assert [row["Étude de cas"] for row in csv_rows(client.get(url, {"months": "6", "export": "csv"}))] == [
        "Ancienne étude"
    ]
    assert client.get(url, {"months": "abc"}).status_code == 200


@pytest.mark.django_db
def test_reports_are_for_moderators(client, user_in, home_page):
    client.force_login(user_in("Contributeurs"))
    for name in ("pending", "incomplete", "stale"):
        assert client.get(reverse(f"projets_reports:{name}")).status_code in (302, 403)
    client.force_login(user_in("Modérateurs"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("projets_reports:incomplete") in html
