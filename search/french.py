"""French text analysis shared by every backend: fold accents, drop elisions and stop words, stem.

The same rules are expressed three times so that every backend gives the same answers:
- here in Python (SQLite FTS5 index and query text, highlighting, matching partners);
- as a PostgreSQL text search configuration (search/migrations/0002), `unaccent` then `french_stem`;
- as OpenSearch/Elasticsearch index settings (search/config.py: `FRENCH_ANALYSIS`).
All three use the Snowball French stemmer, which conflates "coopérer" and "coopération" (the
"light_french" stemmer does not), applied after accent folding.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# The Snowball French stop word list, folded (no accents), plus elided articles and pronouns.
_STOP_WORDS_TEXT = """
    au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi
    mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
    votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est sommes
    etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fussions
    fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura
    aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes
    eutes eurent aie aies ait ayons ayez aient eusse eusses eut eussions eussiez eussent jusqu lorsqu
    puisqu quoiqu
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Words are runs of letters and digits once folded: apostrophes (' and ’) and hyphens split them,
# so "l'impact" gives "l" (a stop word) and "impact".
WORD = re.compile(r"[a-z0-9]+")

_stemmer = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lower-case and strip accents: "Économie" -> "economie", "cœur" -> "coeur"."""
    text = text.lower()
    if text.isascii():  # most words: nothing to strip
        return text
    return _NON_ASCII.sub(_fold_match, text)


# No decomposition in Unicode, two letters in French.
LIGATURES = {"œ": "oe", "æ": "ae"}


def _fold_character(character: str) -> str:
    if character in LIGATURES:
        return LIGATURES[character]
    return "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))


# Only the few accented characters of a French text are looked up; the regular expression skips the rest.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match) -> str:
    # Character by character is the same as the whole text at once: NFKD decomposes each character on its own,
    # and only reorders combining marks, which are all dropped.
    return _fold_character(match.group())


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Snowball French stem of a folded word.

    Kept in memory: the stemmer is pure Python and by far the slowest step of analysing a word, every search
    stems each word of its hits' summaries, names and passages, and the same few thousand words come back
    from search to search (bounded: the least recently used go first).
    """
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Folded words, stop words included (positions matter for phrases)."""
    return WORD.findall(fold(text))


def stems(text: str) -> list[str]:
    """What the index stores for a text: folded, stemmed words without stop words."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def analyse(text: str) -> str:
    """Text ready for a backend without French analysis (SQLite FTS5): stems joined by spaces."""
    return " ".join(stems(text))


def fold_words(text: str) -> str:
    """Folded words without stemming, for prefix matching (autocomplete)."""
    return " ".join(words(text))
