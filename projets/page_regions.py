"""The regions of a case study, stored on the page so that the admin listing sorts by them with an index.

A département counts for its region. `ProjectPage.region_names` holds the region names, sorted and joined
by ", ", computed from the page's in-memory territories on every full save (as `missing_parts` is); bulk
writes and edited territories refresh it with `store_region_names`.
"""

from projets.choices import TerritoryKind

SEPARATOR = ", "
CHUNK = 1000


def region_names(territories) -> str:
    """The names of the regions of these territories (a département gives its region), sorted, joined."""
    regions = (territory.region_or_self for territory in territories)
    return SEPARATOR.join(
        sorted({region.name for region in regions if region and region.kind == TerritoryKind.REGION})
    )


def region_names_of(page) -> str:
    """The stored value for this page, from its territories (saved or in memory)."""
    return region_names(page.territories.all())


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
