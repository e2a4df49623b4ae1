"""The total and facet counts of the whole catalogue (no words, no filter), kept a minute.

Kept because they are the same for every visitor of /projets/ and /recherche/ without parameters (the
catalogue's most visited address), and counting them scans the whole facet table (or aggregates every
document of the engine): a cost that grows with the catalogue, for an answer that changes only when
something is published. Dropped in this process whenever a case study is saved, published, unpublished or
deleted, or facet rows are rewritten; other processes see the change after CATALOGUE_SECONDS at most.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

CATALOGUE_SECONDS = 60
KEY = "search:whole-catalogue-counts"
# The home page's and the explorer's figures (search.catalogue_figures): counts over the whole catalogue too.
FIGURES_KEY = "search:whole-catalogue-figures"


def get():
    """(total, {facet: {value: count}}) or None."""
    return cache.get(KEY)


def put(total: int, counts: dict) -> None:
    cache.set(KEY, (total, counts), CATALOGUE_SECONDS)


def figures(compute):
    """catalogue_figures(), computed at most once per CATALOGUE_SECONDS and content change in this process."""
    value = cache.get(FIGURES_KEY)
    if value is None:
        value = compute()
        cache.set(FIGURES_KEY, value, CATALOGUE_SECONDS)
    return value


def clear(**kwargs) -> None:
    cache.delete_many([KEY, FIGURES_KEY])


def connect() -> None:
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    from projets.models import ProjectPage, Territory, Theme
    from search.models import SearchFacet

    page_published.connect(clear, dispatch_uid="search-catalogue-published")
    page_unpublished.connect(clear, dispatch_uid="search-catalogue-unpublished")
    post_delete.connect(clear, sender=Page, dispatch_uid="search-catalogue-page-deleted")
    for model in (ProjectPage, SearchFacet, Theme, Territory):  # figures name themes and regions
        post_save.connect(clear, sender=model, dispatch_uid=f"search-catalogue-save-{model.__name__}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"search-catalogue-delete-{model.__name__}")
