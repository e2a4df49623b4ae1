"""The admin listing of case studies: reference, region, what each lacks, state and last update.

A Wagtail PageListingViewSet: sortable columns, filters, search and CSV/XLSX export come from Wagtail.
Each page of the listing reads its rows with a constant number of queries (territories and their
regions prefetched, completeness read from the stored `missing_parts`), whatever the catalogue's size.
"""

import django_filters
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from projets.choices import TerritoryKind
from projets.completeness import PARTS, missing_labels
from projets.models import ProjectIndexPage, ProjectPage, Territory
from projets.page_regions import region_names_of

COMPLETE = "complete"


def regions_text(page) -> str:
    """The regions of the case study's territories (a département counts for its region)."""
    return region_names_of(page)


def completeness_text(page) -> str:
    labels = missing_labels(page.missing_parts)
    if not labels:
        return str(_("Complète"))
    return str(_("Il manque : %(parts)s")) % {"parts": ", ".join(str(label) for label in labels)}


def _filter_region(queryset, name, value):
    if not value:
        return queryset
    territories = Territory.objects.filter(Q(pk=value.pk) | Q(region=value))
    through = ProjectPage.territories.through.objects.filter(territory__in=territories)
    return queryset.filter(pk__in=through.values("projectpage_id"))


def _filter_missing(queryset, name, value):
    if value == COMPLETE:
        return queryset.filter(missing_parts="")
    if value in PARTS:
        return queryset.filter(missing_parts__contains=value)
    return queryset


def _filter_live(queryset, name, value):
    if value == "live":
        return queryset.filter(live=True)
    if value == "draft":
        return queryset.filter(live=False)
    return queryset


class CaseStudyFilterSet(WagtailFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Région"),
        queryset=Territory.objects.filter(kind=TerritoryKind.REGION).order_by("name"),
        method=_filter_region,
        empty_label=_("Toutes"),
    )
    missing = django_filters.ChoiceFilter(
        label=_("Complétude"),
        choices=[
            (COMPLETE, _("Complète")),
            *((key, _("Il manque : %(part)s") % {"part": label}) for key, (_relation, label) in PARTS.items()),
        ],
        method=_filter_missing,
        empty_label=_("Toutes"),
    )
    live = django_filters.ChoiceFilter(
        label=_("État"),
        choices=[("live", _("Publiée")), ("draft", _("Brouillon"))],
        method=_filter_live,
        empty_label=_("Tous"),
    )
    latest_revision_created_at = django_filters.DateFromToRangeFilter(
        label=_("Dernière modification"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ProjectPage
        fields = []


# Sort keys whose values repeat: the page key follows them, so that pages of the listing do not overlap.
UNIQUE_SORT_KEYS = {"reference"}
# Any of these rights on a page lets a user explore it and its descendants (Wagtail's explorable pages).
EXPLORE_CODENAMES = {f"{action}_page" for action in ("add", "change", "publish", "lock", "unlock", "bulk_delete")}


def sees_every_case_study(user, permission_policy) -> bool:
    """Whether the user may explore every catalogue, hence every case study (they live only there)."""
    if user.is_superuser:
        return True
    paths = [
        permission.page.path
        for permission in permission_policy.get_cached_permissions_for_user(user)
        if permission.permission.codename in EXPLORE_CODENAMES
    ]
    catalogues = ProjectIndexPage.objects.values_list("path", flat=True)
    return all(any(catalogue.startswith(path) for path in paths) for catalogue in catalogues)


class CaseStudyTitleColumn(PageTitleColumn):
    """The title linked to the editor, with links to the live page and the history: Wagtail's menu of
    actions (built per row from every listing-button hook) cost half of the page's rendering; the actions
    stay in the editor, the page explorer and the bulk actions."""

    cell_template_name = "projets/admin/case_study_title_cell.html"


class CountedPaginator(WagtailPaginator):
    """Counts another queryset: the same rows without the annotations that join Wagtail's page table."""

    def __init__(self, object_list, *args, count_queryset=None, **kwargs):
        super().__init__(object_list, *args, **kwargs)
        self.count_queryset = count_queryset

    @cached_property
    def count(self):
        return super().count if self.count_queryset is None else self.count_queryset.count()


class CaseStudyIndexView(IndexView):
    count_queryset = None

    def explorable_case_studies(self):
        # Wagtail filters by `pk IN (every explorable page)`: PostgreSQL then joins every case study before it
        # can count or sort. When the user may explore every catalogue that filter keeps every row: skip it.
        pages = self.model.objects.all()
        if not sees_every_case_study(self.request.user, self.permission_policy):
            explorable = self.permission_policy.explorable_instances(self.request.user)
            pages = pages.filter(pk__in=explorable.values_list("pk", flat=True))
        return pages

    def get_base_queryset(self):
        return self.annotate_queryset(self.explorable_case_studies())

    def get_queryset(self):
        if not self.is_searching:
            self.count_queryset = self.filter_queryset(self.explorable_case_studies())
        return super().get_queryset()

    paginator_class = CountedPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        return self.paginator_class(queryset, per_page, count_queryset=self.count_queryset, **kwargs)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        key = (self.ordering or "").lstrip("-")
        if key and key not in UNIQUE_SORT_KEYS and not self.is_searching and queryset.query.order_by:
            tie_break = "-pk" if self.ordering.startswith("-") else "pk"
            queryset = queryset.order_by(*queryset.query.order_by, tie_break)
        return queryset

    def to_row_dict(self, item):
        computed = {"region": regions_text, "completeness": completeness_text}
        return {
            field: computed[field](item) if field in computed else getattr(item, field) for field in self.list_export
        }

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        return pages.prefetch_related(
            Prefetch("territories", queryset=Territory.objects.select_related("region").order_by())
        )


class CaseStudyListingViewSet(PageListingViewSet):
    model = ProjectPage
    index_view_class = CaseStudyIndexView
    icon = "doc-full-inverse"
    menu_label = _("Études de cas")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = CaseStudyFilterSet
    list_per_page = 50
    columns = [
        BulkActionsColumn("bulk_actions"),
        CaseStudyTitleColumn("title", label=_("Titre"), sort_key="title", classname="title"),
        Column("reference", label=_("Référence"), sort_key="reference", width="12%"),
        Column("region", label=_("Région"), accessor=regions_text, sort_key="region_names", width="16%"),
        Column("completeness", label=_("Complétude"), accessor=completeness_text, sort_key="missing_parts"),
        PageStatusColumn("status", label=_("État"), sort_key="live", width="10%"),
        DateColumn(
            "latest_revision_created_at",
            label=_("Dernière modification"),
            sort_key="latest_revision_created_at",
            width="12%",
        ),
    ]
    list_export = ["title", "reference", "region", "completeness", "live", "latest_revision_created_at"]
    export_headings = {
        "title": _("Titre"),
        "reference": _("Référence"),
        "region": _("Région"),
        "completeness": _("Complétude"),
        "live": _("Publiée"),
        "latest_revision_created_at": _("Dernière modification"),
    }
    export_filename = "etudes-de-cas"
