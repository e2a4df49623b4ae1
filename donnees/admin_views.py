"""The import page of the Wagtail admin, for moderators: same reader, same report as the command.

A dry run answers at once (it writes nothing); a real import is stored as an ImportJob and run by a
background task (donnees.import_jobs), whose page shows its progress and then its report.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from projets.models import ProjectPage

from .columns import TABLES
from .import_template import template_csv, template_xlsx
from .importer import ImportFileError, ImportReport, import_tables, read_tables
from .models import COMPANIONS, ImportJob

MODERATORS = "Modérateurs"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def can_import(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier des études de cas"),
        help_text=_("CSV, XLSX ou JSON : partez du modèle à télécharger ci-dessus."),
    )
    partenaires = forms.FileField(label=_("CSV des partenaires"), required=False)
    financements = forms.FileField(label=_("CSV des financements"), required=False)
    contrats = forms.FileField(label=_("CSV des contrats"), required=False)
    dry_run = forms.BooleanField(label=_("Simulation : valider sans rien enregistrer"), required=False, initial=True)
    publish = forms.BooleanField(label=_("Publier les études de cas (sinon brouillons)"), required=False)
    force = forms.BooleanField(
        label=_("Remplacer les modifications faites dans l'administration"),
        required=False,
        help_text=_(
            "Sans cette case, une étude de cas modifiée dans l'administration depuis le dernier import est "
            "signalée comme conflit et rien n'est enregistré."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("file", "partenaires", "financements", "contrats"):
            upload = cleaned.get(name)
            if upload and upload.size > MAX_UPLOAD_BYTES:
                self.add_error(name, _("Fichier trop volumineux (20 Mo au plus)."))
        return cleaned


def pages_of(references: list[str]) -> list[tuple[str, str, str]]:
    """(reference, title, edit address) of the case studies an import wrote, in the report's order."""
    pages = {
        reference: (title, reverse("wagtailadmin_pages:edit", args=[pk]))
        for reference, title, pk in ProjectPage.objects.filter(reference__in=references).values_list(
            "reference", "title", "pk"
        )
    }
    return [(reference, *pages[reference]) for reference in references if reference in pages]


def report_context(report: ImportReport) -> dict:
    """What templates/donnees/admin/_report.html shows of a report."""
    written = not report.dry_run
    return {
        "report": report,
        "written": [
            (heading, would_be, references, pages_of(references) if written else [])
            for heading, would_be, references in (
                (_("Études de cas créées"), _("Seraient créées :"), report.created),
                (_("Études de cas mises à jour"), _("Seraient mises à jour :"), report.updated),
            )
            if references
        ],
    }


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload, validate (dry run) or import; the report links to the case studies the import wrote."""

    template_name = "donnees/admin/import.html"
    form_class = ImportForm
    page_title = _("Importer des études de cas")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["templates"] = [
            (reverse("donnees_import_template", args=["xlsx"]), _("Classeur XLSX (une feuille par tableau)"))
        ] + [
            (reverse("donnees_import_template", args=[table]), _("CSV « %(table)s »") % {"table": table})
            for table in TABLES
        ]
        context["jobs"] = ImportJob.objects.select_related("user")[:10]
        return context

    def form_valid(self, form):
        if not form.cleaned_data["dry_run"]:
            return self.enqueue(form)
        upload = form.cleaned_data["file"]
        companions = {
            name: (form.cleaned_data[name].name, form.cleaned_data[name].read())
            for name in COMPANIONS
            if form.cleaned_data.get(name)
        }
        context = {"form": form}
        try:
            tables = read_tables((upload.name, upload.read()), companions)
        except ImportFileError as error:
            context["file_error"] = str(error)
        else:
            context.update(report_context(import_tables(tables, dry_run=True, user=self.request.user)))
        return self.render_to_response(self.get_context_data(**context))

    def enqueue(self, form):
        """Store the files and the options, queue the task, show the job's page."""
        from .import_jobs import run_import_job

        data = form.cleaned_data
        job = ImportJob.objects.create(
            user=self.request.user,
            file=data["file"],
            publish=data["publish"],
            force=data["force"],
            **{name: data[name] for name in COMPANIONS if data.get(name)},
        )
        run_import_job.enqueue(job.pk)
        return redirect("donnees_import_job", job.pk)


import_view = ImportView.as_view()


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """One import's state: progress while it runs (the page reloads itself), then its report."""

    template_name = "donnees/admin/import_job.html"
    header_icon = "upload"
    page_title = _("Import d'études de cas")
    REFRESH_SECONDS = 3

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        self.job = get_object_or_404(ImportJob, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("donnees_import"), "label": _("Importer des études de cas")},
            {"url": "", "label": self.job.file_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        context["job"] = job
        context["refresh"] = None if job.finished else self.REFRESH_SECONDS
        if job.rows_total:
            label = (
                _("%(done)s / %(total)s lignes enregistrées")
                if job.writing
                else _("Vérification : %(done)s / %(total)s lignes")
            )
            context["progress"] = label % {"done": job.rows_done, "total": job.rows_total}
        report = job.import_report()
        if report is not None:
            context.update(report_context(report))
        return context


import_job_view = ImportJobView.as_view()


def import_template_view(request, kind: str):
    """The blank import file: the XLSX workbook, or one table's CSV."""
    if not can_import(request.user):
        raise PermissionDenied
    if kind == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        content, filename = template_xlsx(), "modele-import-etudes-de-cas.xlsx"
    elif kind in TABLES:
        content_type = "text/csv; charset=utf-8"
        content, filename = template_csv(kind), "projets.csv" if kind == "projets" else f"projets_{kind}.csv"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
