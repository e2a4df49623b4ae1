"""JSON API of the search service (django-ninja): GET /api/recherche and GET /api/autocomplete.

Parameters are declared as strings so that every value reaches the French validation of
search.query (a bad value is a 400 with a French `detail`, never a 500 nor an English 422).
"""

from django.http import JsonResponse
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from cms.ratelimit import rate_limit
from projets.openapi import BLANK, choice, documented, integer, or_empty, territory_codes, text, theme_slugs, values
from search import groups
from search.query import (
    CHOICE_FILTERS,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    MAX_VALUES_PER_FILTER,
    SORTS,
    YEAR_MAX,
    YEAR_MIN,
    QueryError,
    check_text,
    parse_request,
)
from search.service import autocomplete, search, search_groups

router = Router(tags=["recherche"])
# Requests per minute and client address (cms/ratelimit.py); autocomplete is asked at every keystroke.
SEARCH_PER_MINUTE = 120
AUTOCOMPLETE_PER_MINUTE = 600


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class ResultOut(Schema):
    title: str
    url: str
    summary: str
    start_year: int | None
    end_year: int | None
    status: str
    themes: list[str]
    regions: list[str]
    partners: list[str]  # every partner, in the case study's order
    matching_partners: list[str]  # partners and funders whose name holds the words searched
    highlight: str


class CorrectionOut(Schema):
    typed: str
    searched: str


class GroupCountsOut(Schema):
    """What the same words find beside the case studies, among public case studies (0 without words)."""

    precedents: int = Field(description="Contrats (précédents) : type, clauses, ce qui a marché ou non.")
    enseignements: int = Field(description="Freins et leviers des ateliers et des études de cas.")


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    degraded: bool
    fuzzy: bool
    partial: bool  # no case study holds every word: these hold the most of them
    missing_words: list[str]  # partial results: the words no case study holds
    corrected: list[CorrectionOut]  # words searched under a corrected spelling
    results: list[ResultOut]
    facets: dict[str, list[FacetValueOut]]
    groups: GroupCountsOut


class SuggestionOut(Schema):
    label: str
    url: str
    kind: str


class AutocompleteOut(Schema):
    results: list[SuggestionOut]


class ErrorOut(Schema):
    detail: str


class RateLimitedOut(Schema):
    detail: str
    retry_after: int


def repeatable(item, description: str = "") -> dict:
    """A repeatable filter (?theme=a&theme=b); blank values are ignored. `item` may be a function."""

    def schema():
        return values(or_empty(item() if callable(item) else item, BLANK), MAX_VALUES_PER_FILTER)

    return documented(schema, description)


def among(name: str) -> dict:
    return choice(CHOICE_FILTERS[name].values)


class SearchParams(Schema):
    """Declared as strings (French 400s, see above); the schema says what is accepted."""

    q: str | None = Field(None, **documented(text(MAX_QUERY_LENGTH), "Mots cherchés."))
    theme: list[str] = Field([], **repeatable(theme_slugs, "Identifiant de thème."))
    region: list[str] = Field([], **repeatable(choice(territory_codes("region")), "Code INSEE de région."))
    departement: list[str] = Field([], **repeatable(choice(territory_codes("departement")), "Code INSEE."))
    partner_kind: list[str] = Field([], **repeatable(among("partner_kind")))
    funding_kind: list[str] = Field([], **repeatable(among("funding_kind")))
    contract_kind: list[str] = Field([], **repeatable(among("contract_kind")))
    format: list[str] = Field([], **repeatable(among("format")))
    status: list[str] = Field([], **repeatable(among("status")))
    year_from: str | None = Field(None, **documented(or_empty(integer(YEAR_MIN, YEAR_MAX))))
    year_to: str | None = Field(None, **documented(or_empty(integer(YEAR_MIN, YEAR_MAX))))
    sort: str | None = Field(None, **documented(or_empty(choice(SORTS))))
    page: str | None = Field(None, **documented(or_empty(integer(1, MAX_RESULT_WINDOW))))
    page_size: str | None = Field(None, **documented(or_empty(integer(1, MAX_PAGE_SIZE))))


class SuggestParams(Schema):
    q: str = Field("", **documented(text(MAX_QUERY_LENGTH), "Lettres tapées (2 au moins)."))


class HitUrls:
    """Each hit's URL as page.get_url() gives it without a request (which would look up the request's site: a
    query on every search): the path when the project has one site, the full address when it has several (the
    answer is read elsewhere than on the host it was asked from). Wagtail's site root paths are read once per
    answer: page.get_url_parts keeps them on the object passed as `request` (here, this one) instead of
    unpickling them from the cache for each hit (~0.15 ms a hit)."""

    def __init__(self):
        from wagtail.models import Site

        self.single_site = len(Site.get_site_root_paths()) == 1

    def __call__(self, page) -> str:
        parts = page.get_url_parts(request=self)
        if parts is None or parts[2] is None:
            return ""
        _site_id, root_url, path = parts
        return path if self.single_site else root_url + path


def _result(hit, url_of: HitUrls) -> dict:
    page = hit.page
    return {
        "title": page.title,
        "url": url_of(page),
        "summary": page.summary,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "status": page.status,
        "themes": page.theme_names,
        "regions": page.region_names,
        "partners": [name.label for name in page.partner_names],
        "matching_partners": hit.partners,
        "highlight": str(hit.highlight),
    }


@router.get(
    "/recherche",
    response={200: SearchOut, 400: ErrorOut, 429: RateLimitedOut},
    summary="Rechercher dans les études de cas",
    description=(
        'Mots en français (accents, pluriels et élisions indifférents), "expression exacte", -mot à exclure. '
        "Filtres répétables : theme (identifiant), region et departement (code INSEE), partner_kind, "
        "funding_kind, contract_kind, format, status ; year_from, year_to ; sort = pertinence, recent ou debut ; "
        "page, page_size (100 au plus). `degraded` vaut true si le moteur est indisponible ; `partial` si "
        "aucune étude ne contient tous les mots (`missing_words` nomme ceux qu'aucune ne contient) ; "
        "`corrected` donne les mots corrigés ; `groups` compte les précédents et les enseignements que les mêmes "
        "mots trouvent (sans les filtres), comme les onglets de la page /recherche/."
    ),
)
@rate_limit("search-api", limit=SEARCH_PER_MINUTE, period=60)
def recherche(request, params: Query[SearchParams]):
    try:
        query = parse_request(request.GET)
    except QueryError as error:
        return Status(400, {"detail": str(error)})
    outcome = search(query)
    found, degraded_groups = search_groups(query, groups.counts_only())
    url_of = HitUrls()
    # Returned as it is rather than validated again by ninja against SearchOut (~300 facet values: ~5 ms of
    # a ~50 ms answer at 100,000 case studies). SearchOut stays the documented contract: the API fuzz
    # (tests/security/test_api_fuzz.py) and tests/search/test_api.py check the answers against it.
    return JsonResponse(
        {
            "count": outcome.count,
            "page": query.page,
            "page_size": query.page_size,
            "num_pages": outcome.page.paginator.num_pages,
            "degraded": outcome.degraded or degraded_groups,
            "fuzzy": outcome.fuzzy,
            "partial": outcome.partial,
            "missing_words": list(outcome.missing_words),
            "corrected": [{"typed": typed, "searched": searched} for typed, searched in outcome.corrected],
            "results": [_result(hit, url_of) for hit in outcome.hits],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in outcome.facets.items()
            },
            "groups": {key: result.total for key, result in found.items()},
        },
        json_dumps_params={"ensure_ascii": False},
    )


@router.get(
    "/autocomplete",
    response={200: AutocompleteOut, 400: ErrorOut, 429: RateLimitedOut},
    summary="Suggestions pendant la frappe",
    description="Titres d'études de cas, organisations et thèmes commençant par les lettres tapées.",
)
@rate_limit("autocomplete-api", limit=AUTOCOMPLETE_PER_MINUTE, period=60)
def suggestions(request, params: Query[SuggestParams]):
    try:
        text = check_text(request.GET.get("q", ""))
    except QueryError as error:
        return Status(400, {"detail": str(error)})
    if len(text) < 2:
        return Status(200, {"results": []})
    return Status(200, {"results": autocomplete(text)})
