"""Read-only content API (Wagtail API v2) at /api/v2/: case studies, organisations, themes, territories.

Structured fields reuse the export records, so the API shows exactly what the open data shows:
no drafts, no restricted pages, no members-only document URLs.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework.fields import Field, UUIDField
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from cms.document_access import DocumentAccess
from cms.site_url import absolute
from projets.catalogue import pages_state
from projets.models import Organisation, ProjectPage, Territory, Theme
from search.query import QueryError, check_text, has_forbidden_characters

from . import records
from .public import public_organisations, public_projects


class RecordField(Field):
    """A read-only field computed from the whole object by a function (request in the context)."""

    def __init__(self, function, **kwargs):
        self.function = function
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.function(value, self.context.get("request"))


# Beyond this, an offset no longer fits PostgreSQL's bigint (a 500 from the database); no listing here is
# anywhere near it.
MAX_OFFSET = 10**9


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filter (?status=en_cours), with a 400 for a value the field cannot take.

    Wagtail converts the values of plain and foreign-key fields only: a many-to-many or reverse relation
    (?themes=abc, ?partners=) reached the database lookup as it was typed and answered a 500.
    """

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError(f"filtre invalide : valeur refusée ({error})") from error


class CheckedPagination(WagtailPagination):
    """Wagtail's offset/limit pagination, with a 400 for an offset beyond any listing (the database's 500),
    and the addresses of the next and previous pages in `meta` (null at either end), as clients follow them."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        # ASCII digits only: "²".isdigit() is true, int("²") fails (Wagtail's own check then answers 400).
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset : {MAX_OFFSET} au plus")
        page = super().paginate_queryset(queryset, request, view)
        self.request = request
        self.offset = int(request.GET.get("offset", 0))
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        self.limit = int(request.GET.get("limit", min(20, limit_max) if limit_max else 20))  # Wagtail's default
        return page

    def _link(self, offset: int) -> str:
        params = self.request.GET.copy()
        params["offset"] = str(offset)
        return absolute(f"{self.request.path}?{params.urlencode()}")

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        meta = response.data["meta"]
        step = self.limit or 1
        following = self.offset + step
        meta["next"] = self._link(following) if self.limit and following < self.total_count else None
        meta["previous"] = self._link(max(self.offset - step, 0)) if self.limit and self.offset > 0 else None
        return response


class _KnownCount:
    """A queryset whose count is already known: Wagtail's pagination asks its count, then slices it."""

    def __init__(self, queryset, count: int):
        self.queryset, self.known = queryset, count

    def count(self) -> int:
        return self.known

    def __getitem__(self, window):
        return self.queryset[window]


# Parameters that choose the window or the fields shown, not which pages are counted.
WINDOW_PARAMETERS = {"offset", "limit", "fields", "format"}
# How long the count of one state of the pages is kept (a new state has a new key: this only frees memory).
COUNT_SECONDS = 24 * 3600


class PagesCountPagination(CheckedPagination):
    """CheckedPagination whose total is counted once per state of the pages (projets.catalogue.pages_state)
    and the same filters: counting every live page of the catalogue is what such a listing cost. A search
    (its answers follow the engine, not the pages) is counted each time."""

    def paginate_queryset(self, queryset, request, view=None):
        params = sorted((name, values) for name, values in request.GET.lists() if name not in WINDOW_PARAMETERS)
        if any(name == "search" for name, _values in params):
            return super().paginate_queryset(queryset, request, view)
        key = f"donnees:api-count:{request.path}:{request.get_host()}:{params}:{pages_state()}"
        count = cache.get(key)
        if count is None:
            count = queryset.count()
            cache.set(key, count, COUNT_SECONDS)
        return super().paginate_queryset(_KnownCount(queryset, count), request, view)


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ?search=, through the checks every search of the site makes (length, characters).

    Unchecked, 500 words ran the database backend's query builder out of recursion depth, a NUL byte
    reached PostgreSQL and an unknown search_operator raised a ValueError: three 500s.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            try:
                check_text(request.GET["search"])
            except QueryError as error:
                raise BadRequestError(f"search : {error}") from None
            if request.GET.get("search_operator", "and") not in SEARCH_OPERATORS:
                raise BadRequestError(_("search_operator : « and » ou « or » attendu."))
        return super().filter_queryset(request, queryset, view)


SEARCH_OPERATORS = ("and", "or")
REPLACED_FILTERS = {FieldsFilter: CheckedFieldsFilter, SearchFilter: CheckedSearchFilter}


def _checked(filter_backends: list) -> list:
    return [REPLACED_FILTERS.get(backend, backend) for backend in filter_backends]


# The largest key the database can hold (a bigint): beyond it SQLite raised an OverflowError.
MAX_ID = 2**63 - 1


def _checked_id(raw: str) -> None:
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_ID:
        raise BadRequestError(_("id : un nombre entier de 0 à %(max)s est attendu.") % {"max": MAX_ID})


class CheckedLookups:
    """A 400 for an id no row can have or a control character in html_path, before any query runs."""

    def get_object(self):
        _checked_id(str(self.kwargs.get("pk", 0)))
        return super().get_object()

    def find_object(self, queryset, request):
        if "id" in request.GET:
            _checked_id(request.GET["id"])
        if has_forbidden_characters(request.GET.get("html_path", "")):
            raise BadRequestError(_("html_path : l'adresse contient des caractères non autorisés."))
        return super().find_object(queryset, request)


def _contracts(page, request):
    # The same for everyone (documents anyone may read); verdicts kept for the request's whole listing.
    if not hasattr(request, "_public_document_access"):
        request._public_document_access = DocumentAccess()
    return records.contract_rows(page, request._public_document_access, request, as_lists=True)


# The public identifier (the key of the open data exports), under a name that says what it is.
IDENTIFIER_FIELD = APIField("identifier", serializer=UUIDField(source="public_id", read_only=True))


class ProjectsAPIViewSet(CheckedLookups, PagesAPIViewSet):
    name = "projets"
    model = ProjectPage
    filter_backends = _checked(PagesAPIViewSet.filter_backends)
    pagination_class = PagesCountPagination
    body_fields = [
        *PagesAPIViewSet.body_fields,
        "reference",
        "summary",
        "start_year",
        "start_month",
        "end_year",
        "end_month",
        "status",
        "scale",
        "cooperation_format",
    ]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "identifier", "reference", "summary"]

    @classmethod
    def get_body_fields(cls, model):
        structured = [
            IDENTIFIER_FIELD,
            APIField("themes", serializer=RecordField(lambda page, r: [t.slug for t in page.themes.all()])),
            APIField(
                "territories",
                serializer=RecordField(lambda page, r: [records.territory_token(t) for t in page.territories.all()]),
            ),
            APIField("tags", serializer=RecordField(lambda page, r: sorted(t.name for t in page.tags.all()))),
            APIField("partners", serializer=RecordField(lambda page, r: records.partner_rows(page))),
            APIField("funding", serializer=RecordField(lambda page, r: records.funding_rows(page))),
            APIField("contracts", serializer=RecordField(_contracts)),
        ]
        return super().get_body_fields(model) + structured

    def get_queryset(self):
        if self.request.GET.get("type"):
            raise BadRequestError("type: ce point d'accès ne sert que les études de cas")
        public_ids = self.get_base_queryset().values_list("pk", flat=True)
        return public_projects().filter(pk__in=public_ids)


class PublicPagesAPIViewSet(CheckedLookups, PagesAPIViewSet):
    """Wagtail's pages endpoint without restricted pages, whoever asks (Wagtail shows members theirs)."""

    filter_backends = _checked(PagesAPIViewSet.filter_backends)
    pagination_class = CheckedPagination

    def get_base_queryset(self):
        return super().get_base_queryset().public()


class _ReadOnlyModelViewSet(CheckedLookups, BaseAPIViewSet):
    filter_backends = [CheckedFieldsFilter, OrderingFilter]
    pagination_class = CheckedPagination
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name"]


class OrganisationsAPIViewSet(_ReadOnlyModelViewSet):
    name = "organisations"
    listing_default_fields = [*_ReadOnlyModelViewSet.listing_default_fields, "identifier"]
    body_fields = [*BaseAPIViewSet.body_fields, "name", "acronym", "slug", "kind", "description", "website"]
    body_fields += ["city", "country", "rna", "siren", "rnsr", "ror"]

    model = Organisation

    @classmethod
    def get_body_fields(cls, model):
        return [*super().get_body_fields(model), IDENTIFIER_FIELD]

    def get_queryset(self):
        return public_organisations()


class ThemesAPIViewSet(_ReadOnlyModelViewSet):
    name = "themes"
    model = Theme
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "parent", "description"]
    listing_default_fields = [*_ReadOnlyModelViewSet.listing_default_fields, "slug", "parent"]

    def get_queryset(self):
        return Theme.objects.order_by("pk")


class TerritoriesAPIViewSet(_ReadOnlyModelViewSet):
    name = "territoires"
    model = Territory
    body_fields = [*BaseAPIViewSet.body_fields, "kind", "code", "name", "slug", "region"]
    listing_default_fields = [*_ReadOnlyModelViewSet.listing_default_fields, "kind", "code"]

    def get_queryset(self):
        return Territory.objects.select_related("region").order_by("pk")


api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("projets", ProjectsAPIViewSet)
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("organisations", OrganisationsAPIViewSet)
api_router.register_endpoint("themes", ThemesAPIViewSet)
api_router.register_endpoint("territoires", TerritoriesAPIViewSet)
