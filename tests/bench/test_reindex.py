"""The keyset reindex: every case study in the index, chunks by primary key, no index left behind."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from bench.synthetic import writer
from projets.models import ProjectPage
from search.config import FALLBACK_ALIAS
from search.engine_indexes import drop_prefixed_indexes
from search.indexing import indexed_queryset, keyset_chunks, reindex
from tests.conftest import drop_aliased_indexes, engine_in_use, only_with_an_engine, only_with_database_search

COUNT = 50


@pytest.fixture
def generated(home_page, search_backend):
    writer.generate(COUNT, seed=11, batch_size=25)
    yield search_backend
    if hasattr(search_backend, "es"):
        drop_aliased_indexes(search_backend)  # leave plain index names for the next tests


def test_keyset_chunks_cover_every_page_once_without_offset(generated):
    with CaptureQueriesContext(connection) as queries:
        chunks = list(keyset_chunks(indexed_queryset(ProjectPage), chunk_size=8))
    ids = [page.pk for chunk in chunks for page in chunk]
    assert ids == sorted(ProjectPage.objects.values_list("pk", flat=True))
    assert [len(chunk) for chunk in chunks] == [8] * 6 + [2]
    page_selects = [q["sql"] for q in queries.captured_queries if 'FROM "projets_projectpage"' in q["sql"]]
    assert len(page_selects) == 7 and not any("OFFSET" in sql for sql in page_selects)
    assert all('"page_ptr_id" >' in sql for sql in page_selects[1:])


def test_chunk_query_count_does_not_depend_on_partners(generated):
    """Partners, organisations, themes and regions come with the chunk, not one query per row."""
    queryset = indexed_queryset(ProjectPage)
    with CaptureQueriesContext(connection) as small:
        for page in queryset[:2]:
            backend_document(page)
    with CaptureQueriesContext(connection) as large:
        for page in queryset[:40]:
            backend_document(page)
    assert len(large.captured_queries) == len(small.captured_queries)


def backend_document(page):
    """What the document builder reads: every related field of every search field."""
    for partner in page.partners.all():
        partner.organisation.name  # noqa: B018
    page.facet_theme(), page.facet_region(), page.facet_partner_kind(), page.facet_contract_kind()


@pytest.mark.engine
def test_reindex_puts_every_case_study_in_the_index(generated):
    backend, on_engine, refresh = get_search_backend(), engine_in_use() != "database", None
    if on_engine:
        drop_prefixed_indexes(generated)  # a first build: no index existed before it
        alias = backend.get_index_for_model(ProjectPage).name

        def refresh(stat):  # one segment per chunk, for the rebuild to merge
            backend.es.indices.refresh(index=f"{alias}_*")

    report = reindex(chunk_size=20, on_chunk=refresh)
    # Nothing existed to catch up from: no document is written twice (it once re-sent all 100,000).
    assert report.caught_up == 0
    assert report.documents >= COUNT
    assert [c.size for c in report.chunks if c.model == "projets.ProjectPage"] == [20, 20, 10]
    results = ProjectPage.objects.live().search("synthétique")
    assert results.count() == COUNT
    if on_engine:
        backend.es.indices.refresh(index=alias)
        query = {"query": {"term": {"_django_content_type": "projets.ProjectPage"}}}
        assert backend.es.count(index=alias, body=query)["count"] == ProjectPage.objects.count()
        assert list(backend.es.indices.get_alias(name=alias)) == [report.indexes[0]]
        segments = backend.es.indices.segments(index=alias)["indices"][report.indexes[0]]["shards"]["0"]
        assert [len(copy["segments"]) for copy in segments] == [1]  # merged before going live
        assert reindex(chunk_size=20).caught_up == 0  # nothing edited during the rebuild
        indexes = backend.es.indices.get(index=f"{alias}_*")
        assert len(indexes) == 1 and report.indexes[0] not in indexes


@pytest.mark.engine
def test_command_prints_time_and_memory_per_chunk(generated, capsys):
    call_command("reindex_projects", chunk_size=25)
    out = capsys.readouterr().out
    assert out.count("projets.ProjectPage") == 2 and " ms " in out and "RSS" in out


LEXEMES = "(SELECT array_agg(lexeme || ':' || array_to_string(weights, '') || ':' || cardinality(positions)"
ENTRY_SQL = f"""
    SELECT object_id, title_text, body_text, {LEXEMES} ORDER BY lexeme) FROM unnest(title)),
        {LEXEMES} ORDER BY lexeme) FROM unnest(body)), {LEXEMES} ORDER BY lexeme) FROM unnest(autocomplete))
    FROM wagtailsearch_indexentry WHERE content_type_id = %s ORDER BY object_id
"""  # noqa: S608


SEARCHES = ["synthétique", "coopération", "association recherche", "université", "économie sociale"]


def test_rebuild_path_finds_what_the_backend_finds(generated):
    """The rebuild's add_items (bulk on PostgreSQL, the backend's own elsewhere) gives the same answers,
    in the same order; on PostgreSQL, the very same rows (lexemes, weights, texts)."""
    from search.indexing_pg import is_postgres_index, rebuild_add_items

    # With an engine, the database backend is the fallback alias; without one, it is the default.
    database_backend = FALLBACK_ALIAS if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS else "default"
    index = get_search_backend(database_backend).get_index_for_model(ProjectPage)
    assert is_postgres_index(index) == (connection.vendor == "postgresql")
    pages = list(indexed_queryset(ProjectPage)[:COUNT])

    def indexed_with(add):
        for page in pages:
            index.delete_item(page)
        assert not ProjectPage.objects.search("synthétique", backend=database_backend)
        add(ProjectPage, pages)
        answers = {q: [p.pk for p in ProjectPage.objects.search(q, backend=database_backend)] for q in SEARCHES}
        return answers, postgres_rows(index)

    stock_answers, stock_rows = indexed_with(index.add_items)
    rebuild_answers, rebuild_rows = indexed_with(rebuild_add_items(index))
    assert len(stock_answers["synthétique"]) == COUNT
    assert rebuild_answers == stock_answers
    assert rebuild_rows == stock_rows


def postgres_rows(index) -> list | None:
    """Every ProjectPage row of the PostgreSQL index table (None elsewhere: SQLite keeps FTS tables)."""
    from django.contrib.contenttypes.models import ContentType

    from search.indexing_pg import is_postgres_index

    if not is_postgres_index(index):
        return None
    with connection.cursor() as cursor:
        cursor.execute(ENTRY_SQL, [ContentType.objects.get_for_model(ProjectPage).pk])
        rows = cursor.fetchall()
    assert all(row[1] and row[3] and row[4] for row in rows)
    return rows


@only_with_database_search
def test_the_database_backend_rebuilds_without_catching_up(generated):
    assert reindex(chunk_size=20).caught_up == 0  # the database backend swaps in one transaction


@pytest.mark.engine
@only_with_an_engine
def test_write_count_sees_every_write_to_the_live_index(generated):
    """A rebuild skips its comparison scans only when the old index's write count has not moved."""
    from search.engine_indexes import write_count

    report = reindex(chunk_size=20)
    alias = generated.get_index_for_model(ProjectPage).name
    before = write_count(generated, alias)
    assert before is not None and write_count(generated, report.indexes[0]) == before  # the alias resolves to it
    generated.add(ProjectPage.objects.live().first())
    assert write_count(generated, alias) == before + 1
    assert write_count(generated, f"{alias}_absent") is None
