"""/financements/: funding programmes, their funders and the public case studies they funded.

A programme is listed when one of its funding lines belongs to a public case study, or when it has none (a
reference record from public sources): a programme met only in drafts or private case studies is not. The
filters (région, theme, years) keep a programme when it, or one of the public case studies it funded, passes
every one of them; the case studies shown under it are those that pass. Lines are read from ProgrammeLine,
kept at publication with a row per (région, theme) a line can be filtered by: a programme's lines that pass
are found by key, newest first. Counts, a page of programmes and their case studies come from a fixed number
of queries, whatever the catalogue size.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext as _
from wagtail.models import Page

from projets import params as params_module
from projets.amounts import format_amount
from projets.choices import TerritoryKind
from projets.models import FundingLine, FundingProgramme, ProgrammeLine, ProjectPage
from projets.models.organisations import publicly_visible_among
from projets.params import BadParameter, Options
from projets.restrictions import public_q

PAGE_SIZE = 20
CASE_STUDIES_SHOWN = 5
CASE_STUDIES_PER_PAGE = 24
COUNT_LIMIT = 100


@dataclass(frozen=True)
class Filters:
    region: str = ""
    theme: str = ""
    year_from: int | None = None
    year_to: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.region or self.theme or self.year_from or self.year_to)


def parse_filters(params, options: Options) -> Filters:
    """Validate GET parameters; raise BadParameter (French message) for a value that cannot be understood."""
    params_module.reject_nul(params)
    filters = Filters(
        region=options.region(params),
        theme=options.theme(params),
        year_from=params_module.year(params, "de", _("de l'année")),
        year_to=params_module.year(params, "a", _("à l'année")),
    )
    if filters.year_from and filters.year_to and filters.year_to < filters.year_from:
        raise BadParameter(_("L'année de fin précède l'année de début."))
    return filters


def in_region(code: str, relation: str = "") -> Q:
    """A territory that is the région or one of its départements (`relation` leads to the territory)."""
    return Q(**{f"{relation}kind": TerritoryKind.REGION, f"{relation}code": code}) | Q(
        **{f"{relation}region__kind": TerritoryKind.REGION, f"{relation}region__code": code}
    )


def overlaps(start, end, filters: Filters) -> Q:
    """The period [start, end] meets the years asked for; a period with no known year never does."""
    condition = Q()
    if filters.year_to:
        condition &= Q(LessThanOrEqual(start, filters.year_to))
    if filters.year_from:
        condition &= Q(GreaterThanOrEqual(end, filters.year_from))
    return condition


def public_page() -> Exists:
    """The row's case study is public, checked by key for each row read. As a join, PostgreSQL merged the rows
    with every page from the newest down, which for a programme of old case studies read the whole catalogue."""
    return Exists(Page.objects.filter(public_q(), pk=OuterRef("page_id")))


def keyed_lines(filters: Filters):
    """The rows of projets.ProgrammeLine for lines of public case studies that pass the filters: one row per
    line, read by key (programme, région, theme) in the order of the index, the years checked on each row."""
    rows = ProgrammeLine.objects.filter(public_page(), region=filters.region, theme=filters.theme)
    return rows.filter(overlaps(F("start"), F("end"), filters))


def own_q(filters: Filters) -> Q:
    """The programme itself passes the filters (it has no theme: a theme filter asks for its case studies)."""
    if filters.theme:
        return Q(pk__in=[])
    condition = Q()
    if filters.region:
        condition &= in_region(filters.region, "territory__")
    if filters.year_from or filters.year_to:
        # "Since 2011" runs on until an end year is given; no year at all never matches.
        known = Q(year_from__isnull=False) | Q(year_to__isnull=False)
        start, end = Coalesce("year_from", Value(1900)), Coalesce("year_to", Value(2100))
        condition &= known & overlaps(start, end, filters)
    return condition


def visible_programmes():
    """Programmes that funded a public case study, and reference records that no funding line names yet.

    Both read by key: the first along the index of ProgrammeLine (a row per public line with no filter), the
    second as "the first line of the programme" along the index on (funding_programme, page). Written as an OR
    of two EXISTS over the funding lines, PostgreSQL hashed every line of the catalogue for each request.
    """
    public_lines = ProgrammeLine.objects.filter(public_page(), programme_id=OuterRef("pk"), region="", theme="")
    lines = FundingLine.objects.filter(funding_programme_id=OuterRef("pk"))
    first_line = lines.order_by("funding_programme_id", "page_id").values("pk")[:1]
    return FundingProgramme.objects.alias(first_line=Subquery(first_line)).filter(
        Exists(public_lines) | Q(first_line__isnull=True)
    )


def selection(filters: Filters):
    programmes = visible_programmes()
    if filters.active:
        lines = keyed_lines(filters).filter(programme_id=OuterRef("pk"))
        programmes = programmes.filter(Q(Exists(lines)) | own_q(filters))
    return programmes.order_by("name", "pk")


# Newest case studies first: the index on (funding_programme, page) gives a programme's lines in this order, the
# index of ProgrammeLine its keyed rows (line_id for pk).
ORDER = ("-page_id", "-pk")
KEYED_ORDER = ("-page_id", "-line_id")


def line_rows(lines) -> list[dict]:
    """Funding lines as {programme id, page, amount, amount_text, year_from, year_to}, their case studies read
    by key; amount_text is written the French way ("45 000,50"), "" when the amount is not known."""
    rows = list(lines.values("funding_programme_id", "page_id", "amount", "year_from", "year_to"))
    pages = ProjectPage.objects.only("title", "url_path", "start_year").in_bulk({row["page_id"] for row in rows})
    return [{**row, "page": pages[row["page_id"]], "amount_text": format_amount(row["amount"])} for row in rows]


def first_line_ids(filters: Filters, programme_ids, limit: int) -> list[int]:
    """The first `limit` lines of each programme that pass the filters, in one query.

    PostgreSQL: a correlated array per programme, each read backwards along the index of ProgrammeLine and
    stopped at `limit` rows (a window function numbered all 30,000 lines of 10,000 case studies: 150 ms).
    Other databases (SQLite, for small catalogues): the window function.
    """
    lines = keyed_lines(filters)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        first = lines.filter(programme_id=OuterRef("pk")).order_by(*KEYED_ORDER).values("line_id")[:limit]
        rows = FundingProgramme.objects.filter(pk__in=programme_ids).annotate(ids=ArraySubquery(first))
        return [pk for ids in rows.values_list("ids", flat=True) for pk in ids]
    numbered = lines.filter(programme_id__in=programme_ids).annotate(
        row=Window(RowNumber(), partition_by=[F("programme_id")], order_by=list(KEYED_ORDER))
    )
    return list(numbered.filter(row__lte=limit).values_list("line_id", flat=True))


def case_studies(filters: Filters, programme_ids, limit: int) -> dict[int, list[dict]]:
    """The funding lines of these programmes in public case studies that pass the filters, newest first, at most
    `limit` per programme: {programme id: [line rows]}."""
    ids = first_line_ids(filters, programme_ids, limit)
    found = {pk: [] for pk in programme_ids}
    for row in line_rows(FundingLine.objects.filter(pk__in=ids).order_by("funding_programme_id", *ORDER)):
        found[row["funding_programme_id"]].append(row)
    return found


def case_study_counts(filters: Filters, programme_ids) -> dict[int, int]:
    """How many public case studies that pass the filters each programme funded, counted up to COUNT_LIMIT + 1
    on PostgreSQL (a correlated array of distinct pages along the index of ProgrammeLine: bounded work per
    programme whatever the catalogue; more than COUNT_LIMIT is shown as such), exactly elsewhere."""
    lines = keyed_lines(filters)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        pages = lines.filter(programme_id=OuterRef("pk")).order_by("-page_id").values("page_id").distinct()
        rows = FundingProgramme.objects.filter(pk__in=programme_ids).annotate(
            pages=ArraySubquery(pages[: COUNT_LIMIT + 1])
        )
        return {pk: len(found) for pk, found in rows.values_list("pk", "pages")}
    rows = (
        lines.filter(programme_id__in=programme_ids)
        .values("programme_id")
        .annotate(count=Count("page_id", distinct=True))
        .order_by()
    )
    return {row["programme_id"]: row["count"] for row in rows}


@dataclass
class Entry:
    programme: FundingProgramme
    funder_linked: bool
    lines: list[dict]
    count: int

    @property
    def count_capped(self) -> bool:
        """More case studies than were counted (COUNT_LIMIT)."""
        return self.count > COUNT_LIMIT


def entries(programmes, filters: Filters) -> list[Entry]:
    programmes = list(programmes)
    ids = [programme.pk for programme in programmes]
    linked = publicly_visible_among(programme.funder_id for programme in programmes if programme.funder_id)
    lines = case_studies(filters, ids, CASE_STUDIES_SHOWN)
    counts = case_study_counts(filters, ids)
    return [
        Entry(programme, programme.funder_id in linked, lines[programme.pk], counts.get(programme.pk, 0))
        for programme in programmes
    ]


def related(queryset):
    return queryset.select_related("funder", "territory").prefetch_related("sources")


def directory_page(filters: Filters, number):
    """One page of programmes, each with its funder, sources and first case studies; a bad page number gives
    the first page, too large a number the last (Paginator.get_page), never an error."""
    page = Paginator(related(selection(filters)), PAGE_SIZE).get_page(number)
    page.object_list = entries(page.object_list, filters)
    return page


def programme_page(programme, number) -> tuple[Entry, object]:
    """One programme with one page of its funding lines in public case studies, newest first (the count is the
    paginator's: its lines in public case studies)."""
    lines = FundingLine.objects.filter(public_q("page"), funding_programme=programme).order_by(*ORDER)
    page = Paginator(lines.values_list("pk", flat=True), CASE_STUDIES_PER_PAGE).get_page(number)
    page.object_list = line_rows(FundingLine.objects.filter(pk__in=list(page.object_list)).order_by(*ORDER))
    linked = bool(programme.funder_id) and programme.funder_id in publicly_visible_among([programme.funder_id])
    return Entry(programme, linked, page.object_list, page.paginator.count), page
