"""The facet table (search.SearchFacet): each case study's facet values, rewritten at publication."""

from collections.abc import Iterable

from django.db import transaction

from projets.facets import FACET_PREFETCH, facet_values
from search import catalogue_cache


def sync_pages(pages: Iterable) -> None:
    """Rewrite the facet rows of these case studies (prefetch FACET_PREFETCH for bulk use)."""
    from search.models import SearchFacet

    pages = list(pages)
    rows = [
        SearchFacet(page_id=page.pk, facet=name, value=value)
        for page in pages
        for name, values in facet_values(page).items()
        for value in values
    ]
    with transaction.atomic():
        SearchFacet.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        SearchFacet.objects.bulk_create(rows, batch_size=2000)
    catalogue_cache.clear()


def sync_all(chunk_size: int = 1000) -> int:
    """Rebuild the whole table in chunks (keyset pagination); returns the number of case studies."""
    from projets.models import ProjectPage

    done, last_pk = 0, 0
    while True:
        chunk = list(
            ProjectPage.objects.filter(pk__gt=last_pk).order_by("pk").prefetch_related(*FACET_PREFETCH)[:chunk_size]
        )
        if not chunk:
            return done
        sync_pages(chunk)
        done += len(chunk)
        last_pk = chunk[-1].pk
