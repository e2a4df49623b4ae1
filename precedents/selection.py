"""The selection of contract precedents: GET parameters, validated, turned into a queryset and facets.

One parser serves the HTML table, the CSV export and the JSON API, so they always agree.
Within a facet the chosen values are alternatives (OR); facets combine (AND). Each facet's counts
are computed with every other filter applied but not its own, so the other choices stay visible.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, IntegerField, Prefetch, Q, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from precedents.textsearch import contains_any_field
from projets import choices
from projets.models import Contract, FundingLine, ProjectPage, Territory
from search.query import has_forbidden_characters

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 25


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    choices: type | None  # TextChoices, or None for regions (read from the territory table)
    lookup: str  # the column values are read from (for counts)
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

# Sort keys offered to visitors: (label, ordering).
SORTS = {
    "recent": (gettext_lazy("Les plus récents"), [F("year").desc(nulls_last=True), "page__title", "pk"]),
    "ancien": (gettext_lazy("Les plus anciens"), [F("year").asc(nulls_last=True), "page__title", "pk"]),
    "type": (gettext_lazy("Type de contrat"), ["kind", "page__title", "pk"]),
    "duree": (gettext_lazy("Durée croissante"), [F("duration_months").asc(nulls_last=True), "pk"]),
    "-duree": (gettext_lazy("Durée décroissante"), [F("duration_months").desc(nulls_last=True), "pk"]),
    "etude": (gettext_lazy("Étude de cas (A-Z)"), ["page__title", "sort_order", "pk"]),
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
    return dict(Territory.objects.filter(kind=choices.TerritoryKind.REGION).values_list("code", "name"))


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


def region_code_expression() -> Case:
    """The region of a project's territory: itself for a region, its region for a département."""
    return Case(
        When(page__territories__kind=choices.TerritoryKind.REGION, then=F("page__territories__code")),
        When(page__territories__kind=choices.TerritoryKind.DEPARTEMENT, then=F("page__territories__region__code")),
        output_field=CharField(),
    )


def facet_condition(facet: Facet, values: tuple[str, ...]) -> Q:
    if facet.clause:
        return Q(**{f"{facet.lookup}__in": values})
    if facet.param == "region":
        matching = Contract.objects.filter(
            Q(page__territories__kind=choices.TerritoryKind.REGION, page__territories__code__in=values)
            | Q(page__territories__kind=choices.TerritoryKind.DEPARTEMENT, page__territories__region__code__in=values)
        )
    else:
        matching = Contract.objects.filter(**{f"{facet.lookup}__in": values})
    # A subquery, so that a contract with two matching parties is counted once.
    return Q(pk__in=matching.values("pk"))


def apply_filters(filters: Filters, exclude: str | None = None):
    queryset = public_contracts()
    for param, values in filters.values.items():
        if param != exclude:
            queryset = queryset.filter(facet_condition(FACETS_BY_PARAM[param], values))
    if filters.year_from:
        queryset = queryset.filter(year__gte=filters.year_from)
    if filters.year_to:
        queryset = queryset.filter(year__lte=filters.year_to)
    if filters.q:
        queryset = contains_any_field(queryset, ["what_worked", "what_to_change"], filters.q)
    return queryset


def selection(filters: Filters):
    """The filtered, sorted contracts with everything a row shows, in a constant number of queries."""
    return (
        apply_filters(filters)
        .select_related("page", "document__collection")
        .prefetch_related(
            "parties",
            Prefetch("page__funding_lines", queryset=FundingLine.objects.order_by("sort_order")),
            Prefetch("page__territories", queryset=Territory.objects.select_related("region")),
        )
        .order_by(*SORTS[filters.sort][1])
    )


def facet_counts(filters: Filters, facet: Facet) -> dict[str, int]:
    queryset = apply_filters(filters, exclude=facet.param)
    if facet.param == "region":
        queryset = queryset.annotate(region_code=region_code_expression())
    rows = queryset.values(facet.lookup).annotate(n=Count("pk", distinct=True)).order_by()
    return {row[facet.lookup]: row["n"] for row in rows if row[facet.lookup]}


def facets(filters: Filters, regions: dict[str, str]) -> list[dict]:
    """Every facet with each value's label, count and whether it is selected."""
    result = []
    for facet in FACETS:
        counts = facet_counts(filters, facet)
        options = regions.items() if facet.choices is None else facet.choices.choices
        values = [
            {
                "value": value,
                "label": str(label),
                "count": counts.get(value, 0),
                "selected": filters.is_selected(facet.param, value),
            }
            for value, label in options
        ]
        if not facet.clause:
            values = [item for item in values if item["count"] or item["selected"]]
        result.append({"param": facet.param, "label": str(facet.label), "values": values})
    return result
