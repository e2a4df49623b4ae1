"""Case studies indexed again when an organisation, a theme or a territory they name changes.

A case study's search document holds its partners' and funders' names and acronyms, its themes' and
territories' names, and its facet values hold their kinds, slugs and codes (projets.models.pages
search_fields, projets.facets). Publishing writes them; but renaming an organisation touches no page, so the
engine, the PostgreSQL index and the facet table kept the old name until `resync_search`: a search for the
new name missed its case studies while their cards, read from the database, showed it.

Now a save that changes one of these fields, or the deletion of a theme or a territory, sends the ids of the
case studies that read it to a background task (django-tasks: the database worker in production, at once
in dev and tests), which writes their documents (with the cards an engine's hits show: search.cards) and
facet rows again in chunks. The save itself does not wait on the engine: an engine that is down loses the
update (logged), and `resync_search` repairs it.
"""

import logging
from collections.abc import Iterable

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django_tasks import task

logger = logging.getLogger(__name__)

# What a case study's document or facet rows read of each model.
SEARCHED_FIELDS = {
    "projets.organisation": ("name", "acronym", "kind"),
    "projets.theme": ("name", "slug", "parent_id"),
    "projets.territory": ("name", "code", "kind", "region_id"),
}
CHUNK_SIZE = 500


def searched_fields(instance) -> tuple[str, ...]:
    return SEARCHED_FIELDS.get(instance._meta.label_lower, ())


def changes_what_is_searched(instance) -> bool:
    """Whether saving `instance` changes a field case studies are indexed with (one query; False if new)."""
    fields = searched_fields(instance)
    if not fields or instance.pk is None:
        return False
    stored = type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()
    return stored is not None and any(stored[field] != getattr(instance, field) for field in fields)


def case_studies_reading(instance) -> list[int]:
    """Ids of the case studies whose document or facets read `instance` (a parent theme gives its slug to the
    theme facet, a region its code to the region facet of its départements)."""
    from projets.models import ProjectPage

    label = instance._meta.label_lower
    if label == "projets.organisation":
        condition = Q(partners__organisation=instance) | Q(funding_lines__funder=instance)
    elif label == "projets.theme":
        condition = Q(themes=instance) | Q(themes__parent=instance)
    elif label == "projets.territory":
        condition = Q(territories=instance) | Q(territories__region=instance)
    else:
        return []
    return list(ProjectPage.objects.filter(condition).order_by("pk").values_list("pk", flat=True).distinct())


def connect() -> None:
    from django.apps import apps

    for label in SEARCHED_FIELDS:
        model = apps.get_model(label)
        for signal, handler in (
            (pre_save, _note_a_change),
            (post_save, _refresh_after_a_change),
            (pre_delete, _note_the_readers),
            (post_delete, _refresh_after_a_deletion),
        ):
            signal.connect(handler, sender=model, dispatch_uid=f"search-renames-{handler.__name__}-{label}")


def _note_a_change(sender, instance, raw=False, **kwargs):
    instance._changes_what_is_searched = not raw and changes_what_is_searched(instance)


def _refresh_after_a_change(sender, instance, **kwargs):
    if getattr(instance, "_changes_what_is_searched", False):
        instance._changes_what_is_searched = False
        refresh_later(case_studies_reading(instance))


def _note_the_readers(sender, instance, **kwargs):
    instance._case_studies_reading_it = case_studies_reading(instance)  # the links are gone after the delete


def _refresh_after_a_deletion(sender, instance, **kwargs):
    refresh_later(getattr(instance, "_case_studies_reading_it", ()))


def refresh_later(page_ids: Iterable[int]) -> None:
    """Their documents and facet rows are written again in the background."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        refresh_case_studies_task.enqueue(page_ids)


@task()
def refresh_case_studies_task(page_ids: list[int]) -> None:
    refresh_case_studies(page_ids)


def refresh_case_studies(page_ids: Iterable[int], chunk_size: int = CHUNK_SIZE) -> None:
    """Write again the documents (every backend kept up to date) and the facet rows of these case studies."""
    from modelsearch.index import get_search_backends_with_name

    from projets.facets import FACET_PREFETCH
    from projets.models import ProjectPage
    from search import facet_table
    from search.indexing import indexed_queryset

    page_ids = sorted(set(page_ids))
    for start in range(0, len(page_ids), chunk_size):
        chunk = page_ids[start : start + chunk_size]
        documents = list(indexed_queryset(ProjectPage).filter(pk__in=chunk))
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(ProjectPage, documents)
            except Exception:
                # As modelsearch does for a single save: an engine down must not fail the task for the others;
                # resync_search writes what it missed. A database backend's error is raised (its transaction).
                logger.exception("Could not index %d case studies again in the '%s' search backend", len(chunk), name)
                if not backend.catch_indexing_errors:
                    raise
        facet_table.sync_pages(ProjectPage.objects.filter(pk__in=chunk).prefetch_related(*FACET_PREFETCH))
