"""The names of search.models.CardNames: written at publication, kept in step with renames, dropped otherwise.

search.hit_loading reads them for the hits' cards and falls back on the relations for a page without a row;
the rows hold exactly what it would read there (`names_to_store` of `attach_names_from_relations`), which
tests/search/test_card_names.py checks page by page.
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.db import transaction

from search.hit_loading import attach_names_from_relations, names_to_store

DEFAULT_CHUNK_SIZE = 1000


def rows_for(page_ids: Iterable[int]) -> list:
    """One CardNames a page, from the relations as they are now (one query for them all)."""
    from search.models import CardNames

    pages = [SimpleNamespace(pk=page_id) for page_id in dict.fromkeys(page_ids)]
    attach_names_from_relations(pages)
    return [CardNames(page_id=page.pk, names=names_to_store(page)) for page in pages]


def write(page_ids: Iterable[int]) -> None:
    """Replace the rows of these case studies."""
    from search.models import CardNames

    rows = rows_for(page_ids)
    with transaction.atomic():
        CardNames.objects.filter(page_id__in=[row.page_id for row in rows]).delete()
        CardNames.objects.bulk_create(rows, batch_size=500)


def drop(page_ids: Iterable[int]) -> None:
    """Forget the rows of these case studies: their cards read the relations until the rows are written again."""
    from search.models import CardNames

    page_ids = list(page_ids)
    for start in range(0, len(page_ids), DEFAULT_CHUNK_SIZE):
        CardNames.objects.filter(page_id__in=page_ids[start : start + DEFAULT_CHUNK_SIZE]).delete()


def sync_all(chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Rebuild the rows of every live case study in chunks (keyset pagination); returns their number."""
    from projets.models import ProjectPage
    from search.indexing import keyset_chunks

    done = 0
    for chunk in keyset_chunks(ProjectPage.objects.live().order_by("pk").only("pk"), chunk_size):
        write([page.pk for page in chunk])
        done += len(chunk)
    return done
