"""The admin import page: Wagtail's furniture, blank files to download, links to what an import wrote."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from donnees.columns import TABLES
from donnees.importer import import_tables, read_tables
from projets.models import ProjectPage

from .conftest import vises

URL = "/admin/donnees/import/"


def import_names(table: str) -> list[str]:
    return [column.name for column in TABLES[table] if not column.export_only]


def download(client, kind: str) -> bytes:
    response = client.get(reverse("donnees_import_template", args=[kind]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def checkbox_checked(html: str, name: str) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return "checked" in tag


@pytest.mark.django_db
def test_the_page_uses_wagtails_admin_furniture(client, moderator, project_index):
    html = client.get(URL).content.decode()
    assert 'class="w-breadcrumbs' in html or "w-breadcrumbs" in html, "Wagtail's slim header and breadcrumbs"
    assert "w-field__input" in html, "fields rendered by Wagtail's formattedfield"
    assert "help-block help-info" in html
    assert reverse("donnees_import_template", args=["xlsx"]) in html
    assert checkbox_checked(html, "dry_run"), "a simulation by default"


@pytest.mark.django_db
def test_the_blank_workbook_has_the_importers_columns_and_imports_once_filled(client, moderator, project_index):
    workbook = load_workbook(io.BytesIO(download(client, "xlsx")))
    for table in TABLES:
        header = [cell.value for cell in next(workbook[table].iter_rows(max_row=1))]
        assert header == import_names(table), table
    described = {(row[0], row[1]) for row in workbook["colonnes"].iter_rows(min_row=2, values_only=True)}
    assert ("financements", "montant") in described and ("projets", "identifiant") not in described

    workbook["projets"].append(["MODELE", "Rempli depuis le modèle", "Un résumé."])
    columns = import_names("partenaires")
    row = [""] * len(columns)
    row[columns.index("reference")], row[columns.index("organisation")] = "MODELE", "Association du modèle"
    row[columns.index("type_structure")], row[columns.index("role")] = "association", "partenaire_associatif"
    workbook["partenaires"].append(row)
    output = io.BytesIO()
    workbook.save(output)
    report = import_tables(read_tables(("modele.xlsx", output.getvalue())))
    assert report.ok, report.errors
    assert ProjectPage.objects.get(reference="MODELE").partners.count() == 1


@pytest.mark.django_db
def test_each_csv_template_is_one_tables_header(client, moderator):
    for table in TABLES:
        text = download(client, table).decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(text), delimiter=";")) == import_names(table)
    assert client.get(reverse("donnees_import_template", args=["autre"])).status_code == 404


@pytest.mark.django_db
def test_templates_are_for_moderators_only(client, django_user_model):
    user = django_user_model.objects.create_user("contributrice", password="x")
    user.groups.add(Group.objects.get(name="Contributeurs"))
    client.force_login(user)
    assert client.get(reverse("donnees_import_template", args=["xlsx"])).status_code in (302, 403)


def post(client, project: dict, **fields):
    upload = SimpleUploadedFile("import.json", json.dumps([project]).encode())
    return client.post(URL, {"file": upload, **fields}, follow=True).content.decode()


@pytest.mark.django_db
def test_the_report_links_to_the_drafts_and_keeps_the_dry_run_choice(client, moderator, project_index, themes):
    html = post(client, vises(), dry_run="on")
    assert "Seraient créées : VISES" in html
    assert checkbox_checked(html, "dry_run"), "the simulation is still chosen after a simulation"

    html = post(client, vises())
    page = ProjectPage.objects.get(reference="VISES")
    assert not page.live
    created = html.split("Études de cas créées", 1)[1].split("</ul>", 1)[0]
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in created

    html = post(client, vises(resume="Un résumé changé."))
    updated = html.split("Études de cas mises à jour", 1)[1].split("</ul>", 1)[0]
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in updated
