"""The first passage of a case study's narrative that holds the words searched, for a hit's snippet.

On the database backends, a hit whose summary lacks the words shows the first block of its narrative
(StreamField `body`) whose searchable text has them (an engine's highlighter finds its own passage:
search.engine_query). Building each narrative's StreamValue and asking every block for its searchable text
(Django's `strip_tags`, an HTML parser written in Python, on every paragraph) cost more than the search
itself. So each narrative is read as the JSON it is stored as, and a block is asked for its searchable text
only when its strings may hold a wanted word.

"May hold" is checked on the block's strings as stored and as their text once markup is removed the way
`get_text_for_indexing` does (spaces after block elements, none for inline ones, entities decoded), by
regular expressions rather than an HTML parser. The only text it could miss is a word split by inline
markup *and* inside malformed "<...>" pairs; such a hit shows its summary. The block that passes is
converted and read by Wagtail itself, so the passage shown is exactly the block's searchable text.
"""

import json
import re
from html import unescape

from django.db.models import TextField
from django.db.models.functions import Cast

from search.highlight import matches

# The keys of a block in a stored stream: its type and id are no text (and each id would only fill the
# highlighting's word caches).
STREAM_CHILD_KEYS = {"type", "value", "id"}
# As wagtail.rich_text.get_text_for_indexing: a space after block elements and line breaks, then no markup.
BLOCK_END = re.compile(r"(</(p|h\d|li|blockquote)>|<(br|hr)\s*/>)", re.IGNORECASE)
MARKUP = re.compile(r"<[^>]*>")


def first_passages(page_ids, wanted: frozenset[str]) -> dict[int, str]:
    """{page id: the first searchable text of its narrative that holds a wanted stem}, for these pages (their
    narratives read in one query)."""
    from projets.models import ProjectPage

    block_of_stream = stream_block()
    passages = {}
    for pk, stored in stored_narratives(ProjectPage.objects.filter(pk__in=page_ids)):
        passage = first_passage(stored, block_of_stream, wanted)
        if passage is not None:
            passages[pk] = passage
    return passages


def stream_block():
    """The StreamBlock of a case study's narrative (ProjectPage.body)."""
    from projets.models import ProjectPage

    return ProjectPage._meta.get_field("body").stream_block


def stored_narratives(pages) -> list[tuple[int, list]]:
    """(id, blocks as stored) of these ProjectPages: read as text and decoded, since the field's own conversion
    would build every StreamValue and block value first."""
    rows = pages.values_list("pk", Cast("body", output_field=TextField()))
    return [(pk, json.loads(stored) if stored else []) for pk, stored in rows]


def known_blocks(stored: list, block_of_stream):
    """(block, stored value) of each child of these stored blocks whose type the stream still has, in order:
    StreamValue skips the other types too."""
    for child in stored:
        block = block_of_stream.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
        if block is not None:
            yield block, child.get("value")


def first_passage(stored: list, block_of_stream, wanted: frozenset[str]) -> str | None:
    """The first searchable text of these stored blocks (in order) that has a wanted stem, or None."""
    for block, value in known_blocks(stored, block_of_stream):
        if not may_hold(value, wanted):
            continue
        for text in block.get_searchable_content(block.to_python(value)):
            if isinstance(text, str) and matches(text, wanted):
                return text
    return None


def may_hold(value, wanted: frozenset[str]) -> bool:
    """False if neither the stored strings nor their text without markup have a wanted stem."""
    stored = "\n".join(_strings(value))
    if not stored:
        return False
    if matches(stored, wanted):
        return True
    return ("<" in stored or "&" in stored) and matches(
        unescape(MARKUP.sub("", BLOCK_END.sub(r"\1 ", stored))), wanted
    )


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        if set(value) == STREAM_CHILD_KEYS:  # a block of the stream: only its value is text
            yield from _strings(value["value"])
            return
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
