"""A real import from the admin page runs as a background task: a job with its stored file, its progress
after each chunk, its report; a chunk that fails leaves the earlier chunks written and says so."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from django.urls import reverse

from donnees.models import ImportJob
from projets.models import ProjectPage

from .conftest import csv_bytes, run_csv

pytestmark = pytest.mark.django_db
URL = "/admin/donnees/import/"
ROWS = [{"reference": reference, "titre": f"Projet {reference}", "resume": "Résumé."} for reference in "ABCDE"]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.IMPORT_FILES_ROOT = tmp_path / "imports"
    settings.IMPORT_CHUNK_SIZE = 2
    return settings.IMPORT_FILES_ROOT


@pytest.fixture
def saved_states():
    """(writing, rows done, rows) each time a job is saved while the import runs."""
    states = []

    def record(sender, instance, **kwargs):
        if instance.status == ImportJob.Status.RUNNING and instance.rows_total:
            states.append((instance.writing, instance.rows_done, instance.rows_total))

    post_save.connect(record, sender=ImportJob, dispatch_uid="test-import-job-states")
    yield states
    post_save.disconnect(sender=ImportJob, dispatch_uid="test-import-job-states")


def submit(client, rows, **fields):
    upload = SimpleUploadedFile("lot.csv", csv_bytes(rows))
    response = client.post(URL, {"file": upload, **fields})
    assert response.status_code == 302, response.content.decode()[:500]
    job = ImportJob.objects.latest("pk")
    assert response["Location"] == reverse("donnees_import_job", args=[job.pk])
    return job, client.get(response["Location"]).content.decode()


def test_a_real_import_is_a_job_recording_its_progress_after_each_chunk_and_its_report(
    client, moderator, project_index, saved_states
):
    job, html = submit(client, ROWS)
    assert saved_states == [(False, 2, 5), (False, 4, 5), (False, 5, 5), (True, 2, 5), (True, 4, 5), (True, 5, 5)]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.user == moderator and not job.error
    assert (job.writing, job.rows_done, job.rows_total) == (True, 5, 5)
    assert job.report["created"] == list("ABCDE")
    assert job.started_at and job.finished_at

    assert "Terminé" in html and "5 / 5 lignes enregistrées" in html
    assert 'http-equiv="refresh"' not in html, "a finished job's page stays still"
    assert "5 étude(s) de cas créée(s)" in html
    created = html.split("Études de cas créées", 1)[1].split("</ul>", 1)[0]
    for page in ProjectPage.objects.filter(reference__in=list("ABCDE")):
        assert not page.live, "drafts unless asked to publish"
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in created
    assert reverse("donnees_import_job", args=[job.pk]) in client.get(URL).content.decode(), "listed"


def test_a_running_jobs_page_shows_its_progress_and_refreshes_itself(client, moderator):
    job = ImportJob.objects.create(
        user=moderator,
        file=SimpleUploadedFile("lot.csv", b"reference,titre,resume\n"),
        status=ImportJob.Status.RUNNING,
        writing=True,
        rows_done=40,
        rows_total=120,
    )
    html = client.get(reverse("donnees_import_job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "En cours" in html and "40 / 120 lignes enregistrées" in html
    job.writing, job.rows_done = False, 60
    job.save()
    html = client.get(reverse("donnees_import_job", args=[job.pk])).content.decode()
    assert "Vérification : 60 / 120 lignes" in html


def test_a_chunk_failing_leaves_the_earlier_chunks_written_and_the_job_failed_saying_so(
    client, moderator, project_index, django_user_model
):
    """An editor saves D once the first chunk is written: the chunk of C and D is rolled back whole."""
    rows = ROWS[:4]
    assert run_csv(rows).created == list("ABCD")
    editor = django_user_model.objects.create_user("camille", password="x")

    def edit_d_after_the_first_written_chunk(sender, instance, **kwargs):
        if instance.status == ImportJob.Status.RUNNING and instance.writing and instance.rows_done == 2:
            page = ProjectPage.objects.get(reference="D").get_latest_revision_as_object()
            page.summary = "Corrigé par une éditrice."
            page.save_revision(user=editor, log_action=True)

    post_save.connect(edit_d_after_the_first_written_chunk, sender=ImportJob, dispatch_uid="test-edit-d")
    try:
        job, html = submit(client, [{**row, "resume": "Nouveau résumé."} for row in rows])
    finally:
        post_save.disconnect(sender=ImportJob, dispatch_uid="test-edit-d")

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert (job.writing, job.rows_done, job.rows_total) == (True, 2, 4)
    assert job.report["stopped"] and job.report["updated"] == ["A", "B"]
    summaries = {page.reference: page.get_latest_revision_as_object().summary for page in ProjectPage.objects.all()}
    new = "Nouveau résumé."
    assert summaries == {"A": new, "B": new, "C": "Résumé.", "D": "Corrigé par une éditrice."}

    assert "Échoué" in html
    assert "Enregistrées avant l&#x27;arrêt (lots complets) : 2 étude(s) de cas (A, B)" in html
    updated = html.split("Études de cas mises à jour", 1)[1].split("</ul>", 1)[0]
    for reference in "AB":
        assert reverse("wagtailadmin_pages:edit", args=[ProjectPage.objects.get(reference=reference).pk]) in updated
    assert "Projet C" not in updated


def test_a_file_the_reader_refuses_fails_the_job_with_a_french_message(client, moderator, project_index):
    upload = SimpleUploadedFile("lot.txt", b"reference,titre\n")
    response = client.post(URL, {"file": upload}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Échoué" in html and "Format de fichier « txt » non pris en charge" in html
    assert ImportJob.objects.get().status == ImportJob.Status.FAILED


def test_the_dry_run_stays_immediate_and_makes_no_job(client, moderator, project_index):
    upload = SimpleUploadedFile("lot.csv", csv_bytes(ROWS))
    html = client.post(URL, {"file": upload, "dry_run": "on"}).content.decode()
    assert "Seraient créées : A, B, C, D, E" in html
    assert not ImportJob.objects.exists() and not ProjectPage.objects.filter(reference="A").exists()


def test_only_moderators_see_jobs(client, django_user_model, moderator, project_index):
    job, _html = submit(client, ROWS[:1])
    address = reverse("donnees_import_job", args=[job.pk])
    assert client.get(address).status_code == 200
    contributor = django_user_model.objects.create_user("contributrice", password="x")
    contributor.groups.add(Group.objects.get(name="Contributeurs"))
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(Group.objects.get(name="Membres"))
    for user in (contributor, member):
        client.force_login(user)
        assert client.get(address).status_code in (302, 403), user
    client.logout()
    response = client.get(address)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(moderator)
    assert client.get(reverse("donnees_import_job", args=[job.pk + 1])).status_code == 404


def test_the_stored_file_is_not_publicly_reachable(client, moderator, project_index, private_files):
    job, _html = submit(client, ROWS[:1])
    stored = Path(job.file.path)
    assert stored.is_file() and stored.read_bytes() == csv_bytes(ROWS[:1])
    assert stored.is_relative_to(private_files)
    assert not stored.resolve().is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018 - no address exists
    client.logout()
    for address in (f"/media/{job.file.name}", f"/media/imports/{job.file.name}", f"/{job.file.name}"):
        assert client.get(address).status_code == 404, address
