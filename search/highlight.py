"""Highlighted snippets and matching partners, computed the same way for every backend.

Words are compared by their French stem (search/french.py), so "coopérer" highlights "coopérations".
Every piece of user text is escaped before <mark> is added: the result is safe HTML.
"""

import re
from functools import lru_cache
from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

from search.french import STOP_WORDS, fold, stem

TOKENS = re.compile(r"\w+|\W+")
SNIPPET_LENGTH = 240
SHORT_TEXT = 200


def query_stems(terms, phrases) -> frozenset[str]:
    words = [*terms, *(word for phrase in phrases for word in phrase.split())]
    return frozenset(stem(word) for word in words if word not in STOP_WORDS)


def matches(text: str, wanted: frozenset[str]) -> bool:
    if len(text) <= SHORT_TEXT:  # names of partners, repeated from hit to hit
        return not wanted.isdisjoint(_short_text_stems(text))
    # Each distinct word once (a narrative repeats most of its words), stemmed by map() rather than a generator,
    # and no further than the first wanted one.
    return not wanted.isdisjoint(map(stem, set(re.findall(r"[a-z0-9]+", fold(text)))))


def text_stems(text: str) -> set[str]:
    """Every stem `matches` may compare with the words searched: `matches(text, wanted)` is
    `not wanted.isdisjoint(text_stems(text))`."""
    return set(map(stem, set(re.findall(r"[a-z0-9]+", fold(text)))))


@lru_cache(maxsize=20_000)
def _short_text_stems(text: str) -> frozenset[str]:
    """Kept in memory: every search with words compares them with the names of every partner and funder of its
    hits (hundreds), and the same few thousand organisations come back from search to search."""
    return frozenset(text_stems(text))


def highlight(text: str, wanted: frozenset[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """Escape `text`, wrap the words whose stem is wanted in <mark>, and cut around the first match."""
    pieces = TOKENS.findall(text or "")
    marked = [bool(wanted) and piece[:1].isalnum() and stem(fold(piece)) in wanted for piece in pieces]
    start = 0
    if True in marked:
        first = marked.index(True)
        offset = sum(len(piece) for piece in pieces[:first])
        if offset > length // 2:
            # Start a few words before the first match.
            start = max(0, first - 12)
    # Runs of unmarked pieces are escaped at once: one escape() per run rather than per word.
    out, run, size = [], [], 0
    if start:
        out.append("…")
    for piece, hit in zip(pieces[start:], marked[start:], strict=True):
        if size >= length:
            run.append("…")
            break
        if hit:
            out.append(escape("".join(run)))
            out.append(f"<mark>{escape(piece)}</mark>")
            run = []
        else:
            run.append(piece)
        size += len(piece)
    out.append(escape("".join(run)))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
