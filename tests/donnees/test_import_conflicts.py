"""A case study edited in the admin after an import is not replaced by the next import without being forced."""

import json
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from projets.models import ProjectPage
from tests.projets.admin_data import form_errors, project_form_data

# What the admin form of tests.projets.admin_data posts, so that an edit can leave the imported fields as they are.
IMPORTED = {
    "reference": "CONFLIT",
    "titre": "Jardins partagés",
    "resume": "Le résumé de l'import.",
    "annee_debut": 2018,
    "annee_fin": 2020,
    "etat": "termine",
    "echelle": "regional",
    "forme_cooperation": "boutique_sciences",
}
EDITED_SUMMARY = "Le résumé corrigé par une modératrice."


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("camille", password="x", first_name="Camille")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def write(tmp_path, summary: str):
    path = tmp_path / "projets.json"
    path.write_text(json.dumps([{**IMPORTED, "resume": summary}]), encoding="utf-8")
    return path


def edit_in_admin(client, user, page):
    client.force_login(user)
    data = project_form_data(title=page.title, slug=page.slug, summary=EDITED_SUMMARY, reference=page.reference)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, form_errors(response)


def latest_summary() -> str:
    return ProjectPage.objects.get(reference="CONFLIT").get_latest_revision_as_object().summary


@pytest.fixture
def edited(client, moderator, project_index, tmp_path):
    """Imported from a file, then edited in the admin by a moderator."""
    call_command("import_projects", write(tmp_path, "Le résumé de l'import."))
    edit_in_admin(client, moderator, ProjectPage.objects.get(reference="CONFLIT"))
    assert latest_summary() == EDITED_SUMMARY


@pytest.mark.django_db
def test_the_command_reports_the_conflict_and_keeps_the_edit(edited, tmp_path, capsys):
    changed = write(tmp_path, "Un nouveau résumé venu du tableur.")
    for options in ({"dry_run": True}, {}):
        with pytest.raises(CommandError, match="1 conflit"):
            call_command("import_projects", changed, **options)
        message = capsys.readouterr().err
        assert "« CONFLIT » modifiée dans l'administration par Camille" in message
        assert "projet 1" in message, "the conflict names its row"
        assert latest_summary() == EDITED_SUMMARY

    call_command("import_projects", changed, force=True)
    assert latest_summary() == "Un nouveau résumé venu du tableur."
    call_command("import_projects", write(tmp_path, "Encore un autre résumé."))
    assert latest_summary() == "Encore un autre résumé.", "the import's own revision is replaced freely"


@pytest.mark.django_db
def test_an_edit_that_leaves_the_imported_fields_is_no_conflict(client, moderator, project_index, tmp_path):
    call_command("import_projects", write(tmp_path, EDITED_SUMMARY))
    edit_in_admin(client, moderator, ProjectPage.objects.get(reference="CONFLIT"))
    call_command("import_projects", write(tmp_path, "Un nouveau résumé."))
    assert latest_summary() == "Un nouveau résumé."


@pytest.mark.django_db
def test_the_admin_import_page_shows_the_conflict_and_replaces_only_when_asked(client, moderator, edited):
    def post(**fields):
        upload = SimpleUploadedFile("projets.json", json.dumps([{**IMPORTED, "resume": "Du tableur."}]).encode())
        return client.post(reverse("donnees_import"), {"file": upload, **fields}, follow=True)

    for fields in ({"dry_run": "on"}, {}):
        html = unescape(post(**fields).content.decode())
        conflicts = html.split("Conflits", 1)[1].split("</ul>", 1)[0]
        assert "« CONFLIT » modifiée dans l'administration par Camille" in conflicts
        assert "rien n'a été enregistré" in html
        assert latest_summary() == EDITED_SUMMARY

    html = post(force="on").content.decode()
    assert "Conflits" not in html
    assert latest_summary() == "Du tableur."
