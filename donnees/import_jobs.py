"""Admin imports run as a background task (django-tasks: the database worker in production, at once in dev
and tests). The task reads the stored files and imports them in chunks (donnees.importer), writing the job's
progress and report after each chunk's transaction: a moderator's page follows it, and an import that stops
half-way still says which case studies its committed chunks wrote.
"""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .importer import ImportFileError, import_tables, read_tables
from .models import ImportJob

logger = logging.getLogger(__name__)


def _progress(job: ImportJob):
    def on_chunk(written: bool, done: int, total: int, report) -> None:
        job.writing, job.rows_done, job.rows_total = written, done, total
        fields = ["writing", "rows_done", "rows_total"]
        if written:
            job.store_report(report)
            fields.append("report")
        job.save(update_fields=fields)

    return on_chunk


@task()
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).first()
    if job is None:  # already run, or deleted
        return "skipped"
    job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        main, companions = job.read_files()
        report = import_tables(
            read_tables(main, companions),
            publish=job.publish,
            force=job.force,
            user=job.user,
            on_chunk=_progress(job),
        )
    except ImportFileError as error:
        job.status, job.error = ImportJob.Status.FAILED, str(error)
    except Exception:
        logger.exception("Import job %s failed", job_id)
        job.status = ImportJob.Status.FAILED
        job.error = _(
            "Erreur inattendue : import arrêté. Les lots déjà enregistrés le restent (voir le compte rendu) ; "
            "prévenez l'équipe technique."
        )
    else:
        job.store_report(report)
        job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "report", "finished_at"])
    return job.status
