"""Catalogue filters read from a query string, applied with the ORM.

One function, `filter_projects`, so the lead can later route it through the search service.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from projets.choices import CooperationFormat, Status, TerritoryKind
from projets.identifiers import normalise_name
from projets.models import Territory, Theme


class InvalidFilter(ValueError):
    """A query-string value that names nothing: the view answers 400 with this French message."""


@dataclass
class ProjectFilters:
    theme: Theme | None = None
    region: Territory | None = None
    status: str = ""
    format: str = ""
    q: str = ""

    def describe(self) -> str:
        parts = []
        if self.theme:
            parts.append(_("thème « %(name)s »") % {"name": self.theme.name})
        if self.region:
            parts.append(_("région « %(name)s »") % {"name": self.region.name})
        if self.status:
            parts.append(_("état « %(label)s »") % {"label": Status(self.status).label})
        if self.format:
            parts.append(_("forme « %(label)s »") % {"label": CooperationFormat(self.format).label})
        if self.q:
            parts.append(_("recherche « %(q)s »") % {"q": self.q})
        return ", ".join(parts)


def parse_filters(params) -> ProjectFilters:
    filters = ProjectFilters()
    if slug := params.get("theme", "").strip():
        filters.theme = Theme.objects.filter(slug=slug).first()
        if filters.theme is None:
            raise InvalidFilter(_("Thème inconnu : « %(value)s ».") % {"value": slug})
    if code := params.get("region", "").strip():
        filters.region = Territory.objects.filter(kind=TerritoryKind.REGION, code=code).first()
        if filters.region is None:
            raise InvalidFilter(_("Région inconnue (code INSEE attendu) : « %(value)s ».") % {"value": code})
    for name, choices in (("status", Status), ("format", CooperationFormat)):
        value = params.get(name, "").strip()
        if value and value not in choices.values:
            raise InvalidFilter(
                _("Valeur inconnue pour « %(name)s » : « %(value)s ».") % {"name": name, "value": value}
            )
        setattr(filters, name, value)
    filters.q = params.get("q", "").strip()[:200]
    return filters


def filter_projects(queryset, filters: ProjectFilters):
    """Narrow a ProjectPage queryset: theme (with its children), region (with its départements)…"""
    if filters.theme:
        queryset = queryset.filter(Q(themes=filters.theme) | Q(themes__parent=filters.theme))
    if filters.region:
        queryset = queryset.filter(Q(territories=filters.region) | Q(territories__region=filters.region))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.format:
        queryset = queryset.filter(cooperation_format=filters.format)
    if filters.q:
        # Accent- and case-insensitive on every database: compare normalised text in Python.
        wanted = normalise_name(filters.q)
        matching = [
            pk
            for pk, title, summary in queryset.values_list("pk", "title", "summary")
            if wanted in normalise_name(title) or wanted in normalise_name(summary)
        ]
        queryset = queryset.filter(pk__in=matching)
    return queryset.distinct()
