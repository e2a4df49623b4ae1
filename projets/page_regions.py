"""The regions of a case study, stored on the page so that the admin listing sorts by them with an index.

A département counts for its region. `ProjectPage.region_names` holds the region names, sorted and joined
by ", ", computed from the page's in-memory territories on every full save (as `missing_parts` is); bulk
writes and edited territories refresh it with `store_region_names`.
"""

from django.db.models import QuerySet

from projets.choices import TerritoryKind

SEPARATOR = ", "
CHUNK = 1000


def region_names(territories) -> str:
    """The names of the regions of these territories (a département gives its region), sorted, joined.

    The regions of départements read without theirs are fetched in one query, not one per département."""
    territories = list(territories)
    names = {territory.name for territory in territories if territory.kind == TerritoryKind.REGION}
    wanted = set()
    for territory in territories:
        if territory.kind != TerritoryKind.DEPARTEMENT or not territory.region_id:
            continue
        if type(territory).region.is_cached(territory):
            names.add(territory.region.name)
        else:
            wanted.add(territory.region_id)
    if wanted:
        regions = type(territories[0])._default_manager.filter(pk__in=wanted, kind=TerritoryKind.REGION)
        names.update(regions.values_list("name", flat=True))
    return SEPARATOR.join(sorted(names))


def region_names_of(page) -> str:
    """The stored value for this page, from its territories (saved, prefetched or in memory)."""
    territories = page.territories.all()
    if isinstance(territories, QuerySet) and territories._result_cache is None:  # read from the database
        territories = territories.select_related("region")
    return region_names(territories)


def store_region_names(pages) -> int:
    """Recompute the stored region names of a queryset of case studies by chunks; returns how many changed."""
    changed = 0
    pks = list(pages.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), CHUNK):
        chunk = pages.model.objects.filter(pk__in=pks[start : start + CHUNK]).only("pk", "region_names")
        stale = []
        for page in chunk.prefetch_related("territories__region"):
            value = region_names_of(page)
            if value != page.region_names:
                page.region_names = value
                stale.append(page)
        pages.model.objects.bulk_update(stale, ["region_names"])
        changed += len(stale)
    return changed
