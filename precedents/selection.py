"""The selection of contract precedents: GET parameters, validated, turned into a queryset and facets.

One parser serves the HTML table, the CSV export and the JSON API, so they always agree.
Within a facet the chosen values are alternatives (OR); facets combine (AND). Each facet's counts
are computed with every other filter applied but not its own, so the other choices stay visible.
Filters, counts and pages read the published precedents' tables (precedents.contract_table), never every
contract with its case study, territories, parties and funding lines.
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import F, IntegerField, Prefetch, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.collation import Alphabetical
from precedents import contract_table
from precedents.models import ContractFacet, PublishedContract
from precedents.textsearch import contains_any_field
from projets import choices, restrictions
from projets.models import Contract, FundingLine, ProjectPage, Territory
from search.query import has_forbidden_characters

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 25
COUNTS_SECONDS = 60


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    choices: type | None  # TextChoices, or None for regions (read from the territory table)
    lookup: str  # the Contract column of a clause facet
    clause: bool  # a column of the contract itself


FACETS = [
    Facet("kind", gettext_lazy("Type de contrat"), choices.ContractKind, "kind", True),
    Facet("ip", gettext_lazy("Propriété intellectuelle"), choices.IntellectualProperty, "intellectual_property", True),
    Facet("publication", gettext_lazy("Publication"), choices.Publication, "publication", True),
    Facet("data", gettext_lazy("Données"), choices.DataClause, "data", True),
    Facet("compensation", gettext_lazy("Compensation de l'association"), choices.Compensation, "compensation", True),
    Facet("governance", gettext_lazy("Gouvernance"), choices.Governance, "governance", True),
    Facet("party_kind", gettext_lazy("Type des parties"), choices.OrganisationKind, "parties__kind", False),
    Facet("funding", gettext_lazy("Financement du projet"), choices.FundingKind, "page__funding_lines__kind", False),
    Facet("region", gettext_lazy("Région"), None, "region_code", False),
]
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}

# Sort keys offered to visitors: (label, ordering of precedents.models.PublishedContract, indexed).
SORTS = {
    "recent": (gettext_lazy("Les plus récents"), ["-recent_key", "page_title", "contract_id"]),
    "ancien": (gettext_lazy("Les plus anciens"), ["oldest_key", "page_title", "contract_id"]),
    "type": (gettext_lazy("Type de contrat"), ["kind", "page_title", "contract_id"]),
    "duree": (gettext_lazy("Durée croissante"), [F("duration_months").asc(nulls_last=True), "contract_id"]),
    "-duree": (gettext_lazy("Durée décroissante"), [F("duration_months").desc(nulls_last=True), "contract_id"]),
    "etude": (gettext_lazy("Étude de cas (A-Z)"), ["page_title", "sort_order", "contract_id"]),
}
DEFAULT_SORT = "recent"


class BadParameter(ValueError):
    """A GET parameter that cannot be understood; its message is French and shown to the visitor."""


@dataclass
class Filters:
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    year_from: int | None = None
    year_to: int | None = None
    sort: str = DEFAULT_SORT
    page: int = 1

    def is_selected(self, param: str, value: str) -> bool:
        return value in self.values.get(param, ())

    @property
    def active(self) -> bool:
        return bool(self.values or self.q or self.year_from or self.year_to)


def unknown_value(param: str, value: str) -> BadParameter:
    return BadParameter(_("Valeur inconnue pour « %(param)s » : %(value)s.") % {"param": param, "value": value[:50]})


def reject_nul(params) -> None:
    """A NUL character cannot reach PostgreSQL (it would raise, hence a 500): refuse it up front."""
    for key in params:
        if "\x00" in key or any("\x00" in value for value in params.getlist(key)):
            raise BadParameter(_("Les paramètres ne peuvent pas contenir de caractère nul."))


def region_names() -> dict[str, str]:
    """Code -> name of every region, in alphabetical order (the order of the filter's options)."""
    regions = Territory.objects.filter(kind=choices.TerritoryKind.REGION).order_by(Alphabetical("name"))
    return dict(regions.values_list("code", "name"))


def parse_int(raw: str, name: str, low: int, high: int) -> int:
    # ASCII digits only (int() also takes "+5", "1_0" or other scripts' digits).
    if not re.fullmatch(r"[0-9]{1,9}", (raw or "").strip()):
        raise BadParameter(_("« %(name)s » doit être un nombre entier.") % {"name": name})
    number = int(raw)
    if not low <= number <= high:
        raise BadParameter(
            _("« %(name)s » doit être compris entre %(low)s et %(high)s.") % {"name": name, "low": low, "high": high}
        )
    return number


def parse_filters(params, regions: dict[str, str]) -> Filters:
    """Validate GET parameters (a QueryDict or a dict of lists); raise BadParameter with a French message."""
    reject_nul(params)
    filters = Filters()
    for facet in FACETS:
        raw = [value.strip() for value in params.getlist(facet.param) if value and value.strip()]
        allowed = regions if facet.choices is None else set(facet.choices.values)
        for value in raw:
            if value not in allowed:
                raise unknown_value(facet.param, value)
        if raw:
            filters.values[facet.param] = tuple(dict.fromkeys(raw))
    filters.q = (params.get("q") or "").strip()
    if len(filters.q) > MAX_QUERY_LENGTH:
        raise BadParameter(_("La recherche dépasse %(max)s caractères.") % {"max": MAX_QUERY_LENGTH})
    if has_forbidden_characters(filters.q):  # what the OpenAPI schema's text pattern promises to refuse
        raise BadParameter(_("La recherche contient des caractères non autorisés."))
    for name in ("year_from", "year_to"):
        raw = (params.get(name) or "").strip()
        if raw:
            setattr(filters, name, parse_int(raw, name, 1900, 2100))
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        raise BadParameter(_("L'année de début doit précéder l'année de fin."))
    sort = (params.get("sort") or "").strip()
    if sort:
        if sort not in SORTS:
            raise BadParameter(_("Tri inconnu : %(value)s.") % {"value": sort[:50]})
        filters.sort = sort
    raw_page = (params.get("page") or "").strip()
    if raw_page:
        filters.page = parse_int(raw_page, "page", 1, 100_000)
    return filters


def public_contracts():
    """Contracts of live case studies outside any private section, with their year."""
    pages = ProjectPage.objects.live().public().values("pk")
    return Contract.objects.filter(page__in=pages).alias(
        year=Coalesce(ExtractYear("signed_on"), F("page__start_year"), output_field=IntegerField())
    )


def published_rows():
    """The rows of the published contracts (precedents.models) outside any private section."""
    rows = PublishedContract.objects.all()
    if restrictions.private_sections():
        rows = rows.filter(restrictions.public_q("page"))
    return rows


def years_and_text(rows, filters: Filters):
    """These rows within the chosen years and with the searched words."""
    if filters.year_from:
        rows = rows.filter(year__gte=filters.year_from)
    if filters.year_to:
        rows = rows.filter(year__lte=filters.year_to)
    if filters.q:
        texts = contains_any_field(Contract.objects.all(), ["what_worked", "what_to_change"], filters.q)
        rows = rows.filter(contract_id__in=texts.values("pk"))
    return rows


def matching_rows(filters: Filters, exclude: str | None = None):
    """The published rows the filters keep (all but the facet `exclude`, for that facet's counts)."""
    rows = published_rows()
    for param, values in filters.values.items():
        if param != exclude:
            chosen = ContractFacet.objects.filter(facet=param, value__in=values)
            rows = rows.filter(contract_id__in=chosen.values("contract_id"))
    return years_and_text(rows, filters)


def load_contracts(ids: list[int]) -> list:
    """These contracts, by key, with everything a row shows, in the order of `ids`."""
    contracts = (
        Contract.objects.filter(pk__in=ids)
        .select_related("page", "document__collection")
        .defer("page__body", "page__summary")  # a row shows neither: the narrative's JSON was most of the time
        .prefetch_related(
            "parties",
            Prefetch("page__funding_lines", queryset=FundingLine.objects.order_by("sort_order")),
            Prefetch("page__territories", queryset=Territory.objects.select_related("region")),
        )
    )
    by_pk = {contract.pk: contract for contract in contracts}
    return [by_pk[pk] for pk in ids if pk in by_pk]


class Selection:
    """The filtered, sorted precedents as a sequence a Paginator can cut: its count is the facet counts'
    total (no COUNT over the contracts), and a slice is a page of keys read in the order of an index, then
    those contracts read by key."""

    def __init__(self, filters: Filters, total: int):
        self.filters = filters
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def ids(self):
        return matching_rows(self.filters).order_by(*SORTS[self.filters.sort][1]).values_list("contract_id", flat=True)

    def __getitem__(self, window: slice) -> list:
        return load_contracts(list(self.ids()[window]))

    def iterate(self, chunk_size: int = 500):
        """Every contract of the selection in order, read `chunk_size` at a time (memory stays flat)."""
        ids = list(self.ids())
        for start in range(0, len(ids), chunk_size):
            yield from load_contracts(ids[start : start + chunk_size])


def counted_rows(filters: Filters, exclude: str | None = None):
    """The rows matching_rows keeps, filtered on the facets' own columns (one row per contract to count)."""
    rows = published_rows()
    for param, values in filters.values.items():
        if param != exclude:
            column = contract_table.FACET_COLUMNS[param]
            if param in contract_table.SEVERAL:
                sep = contract_table.SEPARATOR
                chosen = Q()
                for value in values:
                    chosen |= Q(**{f"{column}__contains": f"{sep}{value}{sep}"})
                rows = rows.filter(chosen)
            else:
                rows = rows.filter(**{f"{column}__in": values})
    return years_and_text(rows, filters)


def _counts(rows, facet: str | None = None) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} over these rows in one statement: the rows once, then grouped by each facet's
    column (a column of several values by its distinct "|a|b|", split here)."""
    params = [facet] if facet else list(contract_table.FACET_COLUMNS)
    columns = [contract_table.FACET_COLUMNS[param] for param in params]
    inner, arguments = rows.order_by().values(*columns).query.sql_with_params()
    quote = connection.ops.quote_name
    groups = " UNION ALL ".join(  # the columns are the model's (contract_table.FACET_COLUMNS), never input
        f"SELECT {index}, {quote(column)}, COUNT(*) FROM counted GROUP BY {quote(column)}"  # noqa: S608
        for index, column in enumerate(columns)
    )
    counts: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"WITH counted AS ({inner}) {groups}", arguments)
        for index, column, number in cursor.fetchall():
            param = params[index]
            values = contract_table.split(column) if param in contract_table.SEVERAL else [column]
            for value in values:
                if value:
                    facet_counts = counts.setdefault(param, {})
                    facet_counts[value] = facet_counts.get(value, 0) + number
    return counts


def whole_table_counts() -> dict[str, dict[str, int]]:
    """Every facet's counts over all published contracts, kept COUNTS_SECONDS (dropped at each rewrite)."""
    counts = cache.get(contract_table.COUNTS_KEY)
    if counts is None:
        counts = _counts(published_rows())
        cache.set(contract_table.COUNTS_KEY, counts, COUNTS_SECONDS)
    return counts


def all_counts(filters: Filters) -> dict[str, dict[str, int]]:
    """{facet: {value: count}}, each facet counted with every other filter applied but not its own.

    One query for the facets without a choice (or the cached whole table when nothing is chosen), and one
    per facet with a choice: a number of queries bounded by the facets, whatever the catalogue's size.
    """
    if not filters.active:
        return whole_table_counts()
    counts = _counts(counted_rows(filters))
    for param in filters.values:
        if only_choice(filters, param):
            # Without its own choice nothing is filtered: the whole table's counts (kept) are that facet's.
            counts[param] = whole_table_counts().get(param, {})
        else:
            counts[param] = _counts(counted_rows(filters, exclude=param), param).get(param, {})
    return counts


def only_choice(filters: Filters, param: str) -> bool:
    """Whether `param` is the only filter chosen (no other facet, text or year)."""
    return not (filters.q or filters.year_from or filters.year_to) and set(filters.values) == {param}


def total(filters: Filters, counts: dict[str, dict[str, int]]) -> int:
    """The number of precedents kept: each has one kind, so the kind counts add up to it."""
    kinds = counts.get("kind", {})
    chosen = filters.values.get("kind")
    return sum(kinds.get(kind, 0) for kind in chosen) if chosen else sum(kinds.values())


def selection(filters: Filters, counts: dict[str, dict[str, int]] | None = None) -> Selection:
    counts = all_counts(filters) if counts is None else counts
    return Selection(filters, total(filters, counts))


def facets(filters: Filters, regions: dict[str, str], counts: dict[str, dict[str, int]] | None = None) -> list[dict]:
    """Every facet with its values (label, count, selected): those with a count or a choice, then the others
    (`folded`: no precedent among the current ones), which the page folds away."""
    counts = all_counts(filters) if counts is None else counts
    result = []
    for facet in FACETS:
        facet_counts = counts.get(facet.param, {})
        options = regions.items() if facet.choices is None else facet.choices.choices
        values, folded = [], []
        for value, label in options:
            item = {
                "value": value,
                "label": str(label),
                "count": facet_counts.get(value, 0),
                "selected": filters.is_selected(facet.param, value),
            }
            (values if item["count"] or item["selected"] else folded).append(item)
        result.append({"param": facet.param, "label": str(facet.label), "values": values, "folded": folded})
    return result
