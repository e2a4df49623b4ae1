"""The admin listing of case studies: reference, region, what each lacks, state and last update.

A Wagtail PageListingViewSet: sortable columns, filters, search and CSV/XLSX export come from Wagtail.
Each page of the listing reads its rows with a constant number of queries (territories and their
regions prefetched, completeness read from the stored `missing_parts`), whatever the catalogue's size.
"""

import django_filters
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from projets.choices import TerritoryKind
from projets.completeness import PARTS, missing_labels
from projets.models import ProjectPage, Territory

COMPLETE = "complete"


def regions_text(page) -> str:
    """The regions of the case study's territories (a département counts for its region)."""
    regions = (territory.region_or_self for territory in page.territories.all())
    return ", ".join(sorted({region.name for region in regions if region and region.kind == TerritoryKind.REGION}))


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


class CaseStudyIndexView(IndexView):
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
        PageTitleColumn("title", label=_("Titre"), sort_key="title", classname="title"),
        Column("reference", label=_("Référence"), sort_key="reference", width="12%"),
        Column("region", label=_("Région"), accessor=regions_text, width="16%"),
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
