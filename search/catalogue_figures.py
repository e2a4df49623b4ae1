"""The figures of the whole public catalogue shown by the home page and the explorer."""

from collections import Counter

from django.db.models import Count

from cms.collation import Alphabetical
from projets.catalogue import public_projects
from projets.choices import FundingKind, TerritoryKind
from projets.models import ProjectPartner, Territory, Theme
from projets.restrictions import public_q
from search.models import SearchFacet

FACETS = ("region", "departement", "theme", "funding_kind", "year")


def catalogue_figures() -> dict:
    """Counts by region, département, theme, year and funding kind over every public case study.

    One GROUP BY over the facet table (search.SearchFacet, written at each publication with the values
    the search facets use) instead of loading every case study: constant time and memory per 100,000.
    Case studies set beyond France (territories of the "perimetre" kind: Europe, Wallonia...) are counted
    per scope and as one "abroad" total, a case study with several scopes once.
    """
    public = public_projects()
    rows = (
        SearchFacet.objects.filter(page__in=public.values("pk"), facet__in=FACETS)
        .values_list("facet", "value")
        .annotate(count=Count("page_id"))
        .order_by()
    )
    counts = {name: Counter() for name in FACETS}
    for facet, value, count in rows:
        counts[facet][value] = count
    by_region, by_theme, by_funding = counts["region"], counts["theme"], counts["funding_kind"]
    by_year = Counter({int(year): count for year, count in counts["year"].items() if year.isdigit()})
    french = Territory.objects.filter(kind__in=(TerritoryKind.REGION, TerritoryKind.DEPARTEMENT)).order_by(
        Alphabetical("name")
    )
    french = list(french)
    regions = [territory for territory in french if territory.kind == TerritoryKind.REGION]
    departements = sorted((t for t in french if t.kind == TerritoryKind.DEPARTEMENT), key=lambda t: t.code)
    scopes = Territory.objects.filter(kind=TerritoryKind.SCOPE).order_by(Alphabetical("name"))
    scopes = scopes.annotate(count=Count("projects", filter=public_q("projects"), distinct=True))
    themes = list(Theme.objects.filter(parent__isnull=True).order_by(Alphabetical("name")))
    organisations = (
        ProjectPartner.objects.filter(page__in=public.values("pk")).values("organisation_id").distinct().count()
    )
    return {
        "project_count": public.count(),
        "organisation_count": organisations,
        "regions_covered": sum(1 for region in regions if by_region[region.code]),
        "regions": [(region, by_region[region.code]) for region in regions],
        "departements": [(departement, counts["departement"][departement.code]) for departement in departements],
        "abroad": {
            "count": public.filter(territories__kind=TerritoryKind.SCOPE).values("pk").distinct().count(),
            "scopes": [(scope, scope.count) for scope in scopes],
        },
        "themes": [(theme, by_theme[theme.slug]) for theme in themes],
        "years": sorted(by_year.items()),
        "funding": [(label, by_funding[value]) for value, label in FundingKind.choices if by_funding[value]],
    }
