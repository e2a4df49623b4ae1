"""GET /api/precedents: the contract precedents with the same filters as the HTML table."""

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from cms.document_access import DocumentAccess
from precedents import selection
from precedents.records import describe
from projets import choices
from projets.openapi import BLANK, choice, documented, integer, or_empty, territory_codes, text, values

router = Router(tags=["précédents"])
MAX_PAGE_SIZE = 100


def enum_doc(description: str, options) -> dict:
    """A repeatable filter among `options`; blank values are ignored, as the HTML form sends them."""
    return documented(values(or_empty(choice(options), BLANK)), description)


def number(low: int, high: int, description: str) -> dict:
    return documented(or_empty(integer(low, high), BLANK), description)


class PrecedentFilters(Schema):
    """Filters, validated by the shared parser so that errors come back in French (400)."""

    q: str | None = Field(
        None,
        **documented(
            text(selection.MAX_QUERY_LENGTH), "Mots cherchés dans « ce qui a marché » et « ce que nous changerions »."
        ),
    )
    kind: list[str] = Field([], **enum_doc("Types de contrat.", choices.ContractKind.values))
    ip: list[str] = Field([], **enum_doc("Propriété intellectuelle.", choices.IntellectualProperty.values))
    publication: list[str] = Field([], **enum_doc("Publication.", choices.Publication.values))
    data: list[str] = Field([], **enum_doc("Clause sur les données.", choices.DataClause.values))
    compensation: list[str] = Field([], **enum_doc("Compensation de l'association.", choices.Compensation.values))
    governance: list[str] = Field([], **enum_doc("Gouvernance.", choices.Governance.values))
    party_kind: list[str] = Field([], **enum_doc("Type d'une des parties.", choices.OrganisationKind.values))
    funding: list[str] = Field([], **enum_doc("Type de financement du projet.", choices.FundingKind.values))
    region: list[str] = Field([], **enum_doc("Code INSEE de région (ex. 32).", territory_codes("region")))
    year_from: str | None = Field(None, **number(1900, 2100, "Année minimale (signature, sinon début du projet)."))
    year_to: str | None = Field(None, **number(1900, 2100, "Année maximale."))
    sort: str | None = Field(None, **documented(or_empty(choice(selection.SORTS), BLANK), "Tri."))
    page: str | None = Field(None, **number(1, 100_000, "Numéro de page (1 par défaut)."))
    page_size: str | None = Field(None, **number(1, MAX_PAGE_SIZE, "Taille de page (25 par défaut)."))


class ErrorOut(Schema):
    detail: str


class Labelled(Schema):
    value: str
    label: str


class Party(Schema):
    name: str
    kind: str
    kind_label: str


class ProjectRef(Schema):
    id: int
    title: str
    url: str | None


class DocumentRef(Schema):
    """A members' document is never named: title and url are null, members_only true."""

    title: str | None
    url: str | None
    members_only: bool


class PrecedentOut(Schema):
    id: int
    title: str
    kind: Labelled
    intellectual_property: Labelled
    publication: Labelled
    data: Labelled
    compensation: Labelled
    governance: Labelled
    parties: list[Party]
    duration_months: int | None
    year: int | None
    funding_kinds: list[Labelled]
    regions: list[str]
    project: ProjectRef
    what_worked: str
    what_to_change: str
    document: DocumentRef | None


class FacetValue(Schema):
    value: str
    label: str
    count: int


class FacetOut(Schema):
    param: str
    label: str
    values: list[FacetValue]


class PrecedentPage(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    results: list[PrecedentOut]
    facets: list[FacetOut]


def as_output(record: dict) -> dict:
    clauses = {name: {"value": value, "label": record["labels"][name]} for name, value in record["clauses"].items()}
    funding = [{"value": code, "label": label} for code, label in record["funding_kinds"]]
    return {**record, **clauses, "funding_kinds": funding}


@router.get(
    "/precedents",
    response={200: PrecedentPage, 400: ErrorOut},
    summary="Précédents de contrats",
    description="Les contrats des études de cas publiées, filtrés comme sur /precedents/ ; erreurs en français (400).",
)
def list_precedents(request: HttpRequest, filters: Query[PrecedentFilters]):
    regions = selection.region_names()
    try:
        parsed = selection.parse_filters(request.GET, regions)
        raw_size = (request.GET.get("page_size") or "").strip()
        page_size = selection.parse_int(raw_size, "page_size", 1, MAX_PAGE_SIZE) if raw_size else selection.PAGE_SIZE
    except selection.BadParameter as error:
        raise HttpError(400, str(error)) from None
    counts = selection.all_counts(parsed)
    paginator = Paginator(selection.selection(parsed, counts), page_size)
    if parsed.page > max(paginator.num_pages, 1):
        raise HttpError(400, f"Cette page n'existe pas : il y a {paginator.num_pages} pages.")
    page = paginator.page(parsed.page)
    access = DocumentAccess()
    return 200, {
        "count": paginator.count,
        "page": parsed.page,
        "page_size": page_size,
        "num_pages": paginator.num_pages,
        # The same answer for everyone: members' documents are never named here.
        "results": [as_output(describe(contract, access, request)) for contract in page.object_list],
        "facets": selection.facets(parsed, regions, counts),
    }
