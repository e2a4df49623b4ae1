"""Read-only content API (Wagtail API v2) at /api/v2/: case studies, organisations, themes, territories.

Structured fields reuse the export records, so the API shows exactly what the open data shows:
no drafts, no restricted pages, no members-only document URLs.
"""

from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from projets.models import Organisation, ProjectPage, Territory, Theme

from . import records
from .public import public_organisations, public_projects, restricted_collection_ids


class RecordField(Field):
    """A read-only field computed from the whole object by a function (request in the context)."""

    def __init__(self, function, **kwargs):
        self.function = function
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.function(value, self.context.get("request"))


def _contracts(page, request):
    # Computed once per request, not once per case study of a listing.
    if not hasattr(request, "_restricted_collection_ids"):
        request._restricted_collection_ids = restricted_collection_ids()
    return records.contract_rows(page, request._restricted_collection_ids, request, as_lists=True)


class ProjectsAPIViewSet(PagesAPIViewSet):
    name = "projets"
    model = ProjectPage
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
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "reference", "summary"]

    @classmethod
    def get_body_fields(cls, model):
        structured = [
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


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint without restricted pages, whoever asks (Wagtail shows members theirs)."""

    def get_base_queryset(self):
        return super().get_base_queryset().public()


class _ReadOnlyModelViewSet(BaseAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name"]


class OrganisationsAPIViewSet(_ReadOnlyModelViewSet):
    name = "organisations"
    body_fields = [*BaseAPIViewSet.body_fields, "name", "acronym", "slug", "kind", "description", "website"]
    body_fields += ["city", "country", "rna", "siren", "rnsr", "ror"]

    model = Organisation

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
