"""SQLite FTS5 with French analysis: see search/backends/database.py (imported only on SQLite)."""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as stock_sqlite
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search.french import analyse, fold_words


class FrenchObjectIndexer(stock_sqlite.ObjectIndexer):
    @cached_property
    def title(self):
        return analyse(stock_sqlite.ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return analyse(stock_sqlite.ObjectIndexer.body.func(self))

    @cached_property
    def autocomplete(self):
        return fold_words(stock_sqlite.ObjectIndexer.autocomplete.func(self))


class FrenchSQLiteIndex(stock_sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        """The stock method with the French indexer (the module hard-codes its own)."""
        if not model.get_search_fields():
            return
        indexers = [FrenchObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in existing:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            stock_sqlite.IndexEntry(
                content_type_id=content_type_pk, object_id=object_id, title=title, autocomplete=autocomplete, body=body
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in existing
        )
        self._refresh_title_norms()


class WeightedBM25(stock_sqlite.BM25):
    """bm25() with column weights (autocomplete, body, title): a word in the title counts most, as elsewhere."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({stock_sqlite.SQLiteFTSIndexEntry._meta.db_table}, 1.0, 1.0, 4.0)", []


class FrenchSQLiteQueryCompiler(stock_sqlite.SQLiteSearchQueryCompiler):
    normalise = staticmethod(analyse)

    def get_search_vectors(self):
        """One rank per entry: WeightedBM25 already weighs the title column.

        The stock compiler adds bm25 × title_norm (the average title length over this title's length) to
        bm25, whether or not the title matched: a short title outranked one that holds every word searched.
        """
        return self.get_index_vectors()[-1:]

    def search(self, config, start, stop, score_field=None):
        # Text of which the analysis keeps no word ("¨¨", a script other than Latin) matches nothing; the stock
        # compiler would build an empty MATCH and fail (the admin's searches come here too).
        if isinstance(self.query, PlainText | Phrase) and not self.normalise(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, Phrase | PlainText):
            return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(self.normalise(query.query_string), operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase):
            # The stock backend passes the phrase unquoted (FTS5 then matches the words anywhere).
            return stock_sqlite.SearchQueryExpression(stock_sqlite.Lexeme(self.normalise(query.query_string)))
        return super().build_search_query_content(query, config=config)


class FrenchSQLiteAutocompleteQueryCompiler(FrenchSQLiteQueryCompiler, stock_sqlite.SQLiteAutocompleteQueryCompiler):
    normalise = staticmethod(fold_words)


class FrenchSQLiteSearchBackend(stock_sqlite.SQLiteSearchBackend):
    index_class = FrenchSQLiteIndex
    query_compiler_class = FrenchSQLiteQueryCompiler
    autocomplete_query_compiler_class = FrenchSQLiteAutocompleteQueryCompiler

    def correct(self, words) -> dict[str, str]:
        """{typed word: the words searched instead} for the words that have some (see nearest_word)."""
        vocabulary = read_vocabulary()
        found = {word: nearest_word(word, vocabulary) for word in words}
        return {word: instead for word, instead in found.items() if instead}


# -- Typos: SQLite FTS5 has no approximate matching; a word that matches nothing is corrected to the nearest
# stem of the index's own vocabulary (FTS5's `fts5vocab` over the index, read live: nothing to keep in sync).

VOCABULARY_TABLE = "coop_search_vocabulary"
MIN_STEM = 4  # shorter stems are too many to tell a typo from another word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition is one edit), or limit + 1 when beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(typed_stem: str) -> int:
    return 0 if len(typed_stem) < MIN_STEM else 1 if len(typed_stem) <= 7 else 2


# French endings tried to write a stem as a word that stems back to it ("cooper" -> "cooperation"): the
# query is analysed again, and a stem is not always its own stem.
ENDINGS = ("", "e", "es", "s", "er", "ation", "ations", "ement", "ite", "ique", "eur", "ion", "ant", "if", "al", "age")


def spell(found: str) -> str | None:
    """A word whose stem is the indexed term `found`, None when none of ENDINGS gives one."""
    from search.french import stem

    return next((found + ending for ending in ENDINGS if stem(found + ending) == found), None)


def nearest_word(word: str, vocabulary: dict[str, int]) -> str | None:
    """A word searchable for the typed `word` that matches nothing: the indexed term nearest its stem or its
    beginning ("educaton" -> "educ"), fewest edits first, then the longest, then the most frequent; None beyond
    the allowed edits."""
    from search.french import stem

    typed = stem(word)
    limit, ranked = allowed_edits(typed), []
    for candidate, documents in vocabulary.items():
        if len(candidate) < MIN_STEM:
            continue
        # Its stem, or its beginning with one edit at most ("educaton" begins with "educ").
        distance = min(
            edit_distance(typed, candidate, limit),
            *(edit_distance(word[:length], candidate, 1) for length in {len(candidate), len(candidate) + 1}),
        )
        if distance <= limit:
            ranked.append(((distance, -len(candidate), -documents), candidate))
    for _key, candidate in sorted(ranked):
        written = spell(candidate)
        if written:
            return written
    return None


def read_vocabulary() -> dict[str, int]:
    """{indexed stem: how many entries hold it}, from FTS5's vocabulary of the live index (its title and body
    columns: the autocomplete column holds unstemmed words)."""
    from django.db import connection

    fts_table = stock_sqlite.SQLiteFTSIndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCABULARY_TABLE} USING fts5vocab(main, {fts_table}, 'col')"
        )
        cursor.execute(
            f"SELECT term, max(doc) FROM temp.{VOCABULARY_TABLE} WHERE col IN ('title', 'body') GROUP BY term"  # noqa: S608 (constant names)
        )
        return dict(cursor.fetchall())
