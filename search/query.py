"""The typed search query and its parser: GET parameters in, a SearchQuery (or a French error) out."""

import re
import unicodedata
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from projets.choices import ContractKind, CooperationFormat, FundingKind, OrganisationKind, Status
from search.french import STOP_WORDS, words

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 20
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Engines refuse to page past 10,000 results (index.max_result_window).
MAX_RESULT_WINDOW = 10_000
YEAR_MIN, YEAR_MAX = 1900, 2100

SORTS = ("pertinence", "recent", "debut")  # relevance, most recently published, start year

# Filters whose values come from a closed list (the others are checked against the database).
CHOICE_FILTERS = {
    "partner_kind": OrganisationKind,
    "funding_kind": FundingKind,
    "contract_kind": ContractKind,
    "format": CooperationFormat,
    "status": Status,
}
FILTERS = ("theme", "region", "departement", *CHOICE_FILTERS)
VALUE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$", re.IGNORECASE)
# "phrase", «phrase» or “phrase”, optionally preceded by a minus; or a bare token.
TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|«([^»]*)»?|“([^”]*)”?|(\S+))')


class QueryError(ValueError):
    """A parameter that cannot be understood; the message is French and safe to show."""


@dataclass
class SearchQuery:
    text: str = ""
    terms: tuple[str, ...] = ()  # folded words to match, stop words removed
    phrases: tuple[str, ...] = ()  # exact phrases
    excluded: tuple[str, ...] = ()  # folded words or phrases that must not match
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "pertinence"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters or self.year_from or self.year_to)

    def without(self, name: str) -> "SearchQuery":
        """The same query with one filter removed (zero-result suggestions)."""
        if name == "year":
            return replace(self, year_from=None, year_to=None, page=1)
        return replace(self, filters={k: v for k, v in self.filters.items() if k != name}, page=1)


def meaningful_words(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOP_WORDS]


def parse_text(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Split what people type into words, "quoted phrases" and -excluded words."""
    terms, phrases, excluded = [], [], []
    for minus, *quoted, bare in TOKEN.findall(text):
        phrase = next((q for q in quoted if q), None)
        if phrase is not None:
            kept = meaningful_words(phrase)
            if not kept:
                continue
            target = excluded if minus else phrases
            target.append(" ".join(words(phrase)) if not minus else " ".join(kept))
        elif bare:
            kept = meaningful_words(bare)
            (excluded if minus else terms).extend(kept)
    unique = lambda items: tuple(dict.fromkeys(items))  # noqa: E731
    return unique(terms), unique(phrases), unique(excluded)


def _single(params, name: str) -> str | None:
    values = params.getlist(name) if hasattr(params, "getlist") else [params[name]] if name in params else []
    values = [value for value in values if value not in ("", None)]
    if len(values) > 1:
        raise QueryError(_("Le paramètre « %(name)s » ne peut être donné qu'une fois.") % {"name": name})
    return values[0] if values else None


def _many(params, name: str) -> tuple[str, ...]:
    values = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
    if isinstance(values, str):
        values = [values]
    if len(values) > MAX_VALUES_PER_FILTER:  # blank ones count too, as in the OpenAPI schema (maxItems)
        raise QueryError(_("Trop de valeurs pour le filtre « %(name)s ».") % {"name": name})
    values = [value.strip() for value in values if value and value.strip()]
    for value in values:
        if not VALUE_PATTERN.match(value):
            raise QueryError(_("Valeur inconnue pour le filtre « %(name)s ».") % {"name": name})
    return tuple(dict.fromkeys(values))


def _integer(params, name: str, low: int, high: int, default: int | None) -> int | None:
    raw = _single(params, name)
    if raw is None:
        return default
    # ASCII digits only: \d and \s also match characters int() refuses (a 500 before).
    digits = raw.strip()
    if not re.fullmatch(r"[0-9]{1,6}", digits):
        raise QueryError(_("Le paramètre « %(name)s » doit être un nombre entier.") % {"name": name})
    value = int(digits)
    if not low <= value <= high:
        raise QueryError(
            _("Le paramètre « %(name)s » doit être compris entre %(low)s et %(high)s.")
            % {"name": name, "low": low, "high": high}
        )
    return value


def has_forbidden_characters(text: str) -> bool:
    """Control, surrogate, private-use or unassigned characters (tab and line breaks aside)."""
    return any(unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r" for char in text)


def check_text(text: str) -> str:
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(_("La recherche est trop longue (%(max)s caractères au plus).") % {"max": MAX_QUERY_LENGTH})
    if has_forbidden_characters(text):
        raise QueryError(_("La recherche contient des caractères non autorisés."))
    return " ".join(text.split())


def parse_params(params) -> SearchQuery:
    """Build a SearchQuery from GET parameters (a QueryDict or a dict); raise QueryError if invalid."""
    text = check_text(_single(params, "q") or "")
    terms, phrases, excluded = parse_text(text)
    filters = {}
    for name in FILTERS:
        values = _many(params, name)
        if name in CHOICE_FILTERS and any(value not in CHOICE_FILTERS[name].values for value in values):
            raise QueryError(_("Valeur inconnue pour le filtre « %(name)s ».") % {"name": name})
        if values:
            filters[name] = values
    year_from = _integer(params, "year_from", YEAR_MIN, YEAR_MAX, None)
    year_to = _integer(params, "year_to", YEAR_MIN, YEAR_MAX, None)
    if year_from and year_to and year_from > year_to:
        raise QueryError(_("L'année de début de la période dépasse l'année de fin."))
    sort = _single(params, "sort") or "pertinence"
    if sort not in SORTS:
        raise QueryError(_("Tri inconnu : choisissez pertinence, recent ou debut."))
    page_size = _integer(params, "page_size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)
    page = _integer(params, "page", 1, MAX_RESULT_WINDOW, 1)
    if (page - 1) * page_size >= MAX_RESULT_WINDOW:
        raise QueryError(_("Cette page est trop loin : affinez la recherche."))
    return SearchQuery(
        text=text,
        terms=terms,
        phrases=phrases,
        excluded=excluded,
        filters=filters,
        year_from=year_from,
        year_to=year_to,
        sort=sort,
        page=page,
        page_size=page_size,
    )


def check_references(query: SearchQuery) -> None:
    """Unknown themes, regions or départements are errors, not silently empty results (names kept in memory)."""
    from search.labels import labels

    asked = {name: query.filters.get(name, ()) for name in ("theme", "region", "departement")}
    if not any(asked.values()):
        return
    known = labels(asked)
    if set(asked["theme"]) - known["theme"].keys():
        raise QueryError(_("Thème inconnu."))
    if set(asked["region"]) - known["region"].keys():
        raise QueryError(_("Région inconnue (code INSEE attendu, par exemple 32)."))
    if set(asked["departement"]) - known["departement"].keys():
        raise QueryError(_("Département inconnu (code INSEE attendu, par exemple 62)."))


def parse_request(params) -> SearchQuery:
    """parse_params() then check_references(): what views and the API call."""
    query = parse_params(params)
    check_references(query)
    return query
