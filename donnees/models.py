"""An admin import run in the background: its files, options, progress and report."""

import os
import uuid
from dataclasses import asdict, fields
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COMPANIONS = ("partenaires", "financements", "contrats")


class PrivateStorage(FileSystemStorage):
    """Uploaded import files, kept outside MEDIA_ROOT: no address serves them."""

    @property
    def base_location(self) -> str:  # read each time: tests point it at a temporary folder
        return str(settings.IMPORT_FILES_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Import files are private: they have no address.")


def import_storage() -> PrivateStorage:
    return PrivateStorage()


def upload_path(job, filename: str) -> str:
    """A random folder per upload; the file keeps its name (its suffix gives its format)."""
    return f"{uuid.uuid4().hex}/{Path(filename).name}"


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import", "En attente")
        RUNNING = "running", pgettext_lazy("import", "En cours")
        DONE = "done", pgettext_lazy("import", "Terminé")
        FAILED = "failed", pgettext_lazy("import", "Échoué")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("par")
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    file = models.FileField(_("fichier"), storage=import_storage, upload_to=upload_path, max_length=255)
    partenaires = models.FileField(storage=import_storage, upload_to=upload_path, max_length=255, blank=True)
    financements = models.FileField(storage=import_storage, upload_to=upload_path, max_length=255, blank=True)
    contrats = models.FileField(storage=import_storage, upload_to=upload_path, max_length=255, blank=True)
    publish = models.BooleanField(_("publier"), default=False)
    force = models.BooleanField(_("remplacer les modifications"), default=False)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    writing = models.BooleanField(default=False)  # the validation pass is over
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import d'études de cas")
        verbose_name_plural = _("imports d'études de cas")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def file_name(self) -> str:
        return Path(self.file.name).name

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def read_files(self) -> tuple[tuple[str, bytes], dict[str, tuple[str, bytes]]]:
        """(main file, companions) as the reader takes them."""

        def content(field) -> tuple[str, bytes]:
            with field.open("rb") as handle:
                return Path(field.name).name, handle.read()

        companions = {name: content(getattr(self, name)) for name in COMPANIONS if getattr(self, name)}
        return content(self.file), companions

    def store_report(self, report) -> None:
        self.report = asdict(report)

    def import_report(self):
        """The stored report as an ImportReport (its summary in the reader's language), or None."""
        from .importer import ImportReport

        if self.report is None:
            return None
        known = {field.name for field in fields(ImportReport)}
        return ImportReport(**{key: value for key, value in self.report.items() if key in known})
