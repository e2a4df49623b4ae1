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
