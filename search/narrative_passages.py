"""The narrative passages of search.models.NarrativePassages: written at publication, read for snippets.

`pieces` are the texts search.passages.first_passage walks (each block's searchable text, in order), and
`first_piece` gives, for every stem of them, the index of the first piece that has it: the passage of a
hit for the stems searched is the piece with the lowest index among theirs, the very one first_passage
returns (tests/search/test_narrative_passages.py). On PostgreSQL that lookup runs in SQL, and only the
passages travel: ~20 short texts instead of ~60 KB of narratives to decode and scan.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from search.highlight import text_stems
from search.passages import known_blocks, stored_narratives, stream_block

DEFAULT_CHUNK_SIZE = 1000


def pieces_of(stored: list, block_of_stream) -> list[str]:
    """Every searchable text of these stored blocks, in order (unknown block types skipped, as StreamValue does)."""
    return [
        text
        for block, value in known_blocks(stored, block_of_stream)
        for text in block.get_searchable_content(block.to_python(value))
        if isinstance(text, str)
    ]


def first_piece_by_stem(pieces: list[str]) -> dict[str, int]:
    first: dict[str, int] = {}
    for index, text in enumerate(pieces):
        for found in text_stems(text):
            first.setdefault(found, index)
    return first


def row_for(page_id: int, stored: list, block_of_stream):
    from search.models import NarrativePassages

    pieces = pieces_of(stored, block_of_stream)
    return NarrativePassages(page_id=page_id, pieces=pieces, first_piece=first_piece_by_stem(pieces))


def write(rows: list) -> None:
    """Replace the rows of these pages."""
    from search.models import NarrativePassages

    with transaction.atomic():
        NarrativePassages.objects.filter(page_id__in=[row.page_id for row in rows]).delete()
        NarrativePassages.objects.bulk_create(rows, batch_size=500)


def sync_pages(pages: Iterable) -> None:
    """Rewrite the rows of these case studies from their narrative as it is now (a page being published)."""
    block_of_stream = stream_block()
    write([row_for(page.pk, block_of_stream.get_prep_value(page.body), block_of_stream) for page in pages])


def drop(page_id: int) -> None:
    from search.models import NarrativePassages

    NarrativePassages.objects.filter(page_id=page_id).delete()


def sync_all(chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Rebuild the rows of every live case study in chunks (keyset pagination); returns their number."""
    from projets.models import ProjectPage

    block_of_stream, done, last_pk = stream_block(), 0, 0
    while True:
        chunk = stored_narratives(ProjectPage.objects.live().filter(pk__gt=last_pk).order_by("pk")[:chunk_size])
        if not chunk:
            return done
        write([row_for(pk, stored, block_of_stream) for pk, stored in chunk])
        done += len(chunk)
        last_pk = chunk[-1][0]


# The piece of lowest index among those of the stems searched (NULL if none has one), for each page.
PASSAGE_SQL = """
SELECT passages.page_id,
       passages.pieces ->> (SELECT min((passages.first_piece ->> wanted)::integer) FROM unnest(%s::text[]) wanted)
  FROM {table} passages
 WHERE passages.page_id IN ({pages})
"""


def stored_passages(page_ids: list[int], wanted: frozenset[str]) -> dict[int, str | None]:
    """{page id: its passage for these stems, or None when its narrative has none} for the pages with a row."""
    from cms.sql import placeholders, table
    from search.models import NarrativePassages

    if not page_ids or not wanted:
        return {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql = PASSAGE_SQL.format(table=table(NarrativePassages), pages=placeholders(page_ids))
            cursor.execute(sql, [sorted(wanted), *page_ids])
            return dict(cursor.fetchall())
    rows = NarrativePassages.objects.filter(page_id__in=page_ids).values_list("page_id", "pieces", "first_piece")
    return {page_id: passage_in(pieces, first_piece, wanted) for page_id, pieces, first_piece in rows}


def passage_in(pieces: list[str], first_piece: dict[str, int], wanted: frozenset[str]) -> str | None:
    """What PASSAGE_SQL picks, in Python (other databases)."""
    indexes = [first_piece[stem] for stem in wanted if stem in first_piece]
    return pieces[min(indexes)] if indexes else None
