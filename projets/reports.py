"""Wagtail reports the editorial team works from: pending review, incomplete, not updated for months.

Each is a paginated listing counted by the database, with filters and a CSV/XLSX export (?export=csv).
Moderators and administrators see them (Rapports menu).
"""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, WorkflowState

from projets.completeness import PARTS, missing_labels
from projets.dashboard import incomplete_projects, projects_awaiting_review
from projets.models import ProjectPage
from projets.moderation import is_moderator

MONTHS = [(3, _("3 mois")), (6, _("6 mois")), (12, _("12 mois")), (24, _("2 ans")), (36, _("3 ans"))]
DEFAULT_MONTHS = 12


def missing_text(page) -> str:
    return ", ".join(str(label) for label in missing_labels(page.missing_parts))


class CaseStudyReport(ReportView):
    """Common ground: moderators only; title and reference, then `fields` as columns and in the export.

    `fields` lists (attribute, label, accessor): a DateColumn when the accessor is "date", else a Column
    read by the accessor (a function of the case study) or the attribute.
    """

    model = ProjectPage
    name = ""  # its URL name in the projets_reports namespace
    slug = ""  # the exported file's name
    fields: list[tuple] = []

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def index_url_name(self):
        return f"projets_reports:{self.name}"

    @property
    def index_results_url_name(self):
        return f"projets_reports:{self.name}_results"

    def get_filename(self):
        return f"{self.slug}-{datetime.date.today():%Y-%m-%d}"

    @property
    def list_export(self):
        return ["title", "reference", *(attribute for attribute, _label, _accessor in self.fields)]

    @property
    def export_headings(self):
        headings = {"title": _("Étude de cas"), "reference": _("Référence")}
        return headings | {attribute: label for attribute, label, _accessor in self.fields}

    @property
    def columns(self):
        columns = [
            TitleColumn("title", label=_("Étude de cas"), url_name="wagtailadmin_pages:edit"),
            Column("reference", label=_("Référence")),
        ]
        for attribute, label, accessor in self.fields:
            if accessor == "date":
                columns.append(DateColumn(attribute, label=label))
            else:
                columns.append(Column(attribute, label=label, accessor=accessor or attribute))
        return columns

    def to_row_dict(self, item):
        accessors = {attribute: accessor for attribute, _label, accessor in self.fields if callable(accessor)}
        return {
            field: accessors[field](item) if field in accessors else getattr(item, field) for field in self.list_export
        }


def choice_filter(label, choices, empty_label, method):
    return django_filters.ChoiceFilter(label=label, choices=choices, method=method, empty_label=empty_label)


def filterset(**filters):
    """A WagtailFilterSet of case studies with these filters (and their methods) only."""
    meta = type("Meta", (), {"model": ProjectPage, "fields": []})
    return type("CaseStudyFilterSet", (WagtailFilterSet,), {"Meta": meta, **filters})


# -- Pending review --------------------------------------------------------------------------


class PendingReviewReport(CaseStudyReport):
    page_title = _("Études de cas en attente de relecture")
    name, slug, header_icon = "pending", "en-attente-de-relecture", "tasks"
    filterset_class = filterset(
        submitted_at=django_filters.DateFromToRangeFilter(label=_("Soumise entre"), widget=DateRangePickerWidget)
    )
    fields = [("submitted_at", _("Soumise le"), "date"), ("submitted_by", _("Soumise par"), None)]

    def get_queryset(self):
        states = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        ).order_by("-created_at")
        return (
            projects_awaiting_review()
            .annotate(
                submitted_at=Subquery(states.values("created_at")[:1]),
                submitted_by=Subquery(states.values("requested_by__username")[:1]),
            )
            .only("pk", "title", "reference")
            .order_by("submitted_at", "pk")
        )


# -- Incomplete ----------------------------------------------------------------------------


class IncompleteReport(CaseStudyReport):
    page_title = _("Études de cas publiées incomplètes")
    name, slug, header_icon = "incomplete", "incompletes", "warning"
    filterset_class = filterset(
        missing=choice_filter(
            _("Il manque"),
            [(key, label) for key, (_relation, label) in PARTS.items()],
            _("N'importe quoi"),
            lambda queryset, name, value: queryset.filter(missing_parts__contains=value) if value else queryset,
        )
    )
    fields = [("missing", _("Il manque"), missing_text), ("last_published_at", _("Publiée le"), "date")]

    def get_queryset(self):
        return (
            incomplete_projects()
            .only("pk", "title", "reference", "missing_parts", "last_published_at")
            .order_by("-pk")
        )


# -- Not updated ---------------------------------------------------------------------------


class StaleReport(CaseStudyReport):
    page_title = _("Études de cas non mises à jour")
    name, slug, header_icon = "stale", "non-mises-a-jour", "time"
    # The months are applied with their default in get_queryset: the filter only offers the choice.
    filterset_class = filterset(
        months=choice_filter(
            _("Sans mise à jour depuis"), [(str(n), label) for n, label in MONTHS], _("12 mois"), lambda qs, *_: qs
        )
    )
    fields = [
        ("latest_revision_created_at", _("Dernière modification"), "date"),
        ("last_published_at", _("Publiée le"), "date"),
    ]

    def months(self) -> int:
        value = self.request.GET.get("months", "")
        return int(value) if value in {str(months) for months, _label in MONTHS} else DEFAULT_MONTHS

    def get_queryset(self):
        cutoff = timezone.now() - datetime.timedelta(days=round(self.months() * 30.44))
        return (
            ProjectPage.objects.live()
            .filter(latest_revision_created_at__lt=cutoff)
            .only("pk", "title", "reference", "latest_revision_created_at", "last_published_at")
            .order_by("latest_revision_created_at", "pk")
        )


# (address under /admin/rapports/, report)
REPORTS = [("en-attente", PendingReviewReport), ("incompletes", IncompleteReport), ("non-mises-a-jour", StaleReport)]


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)
