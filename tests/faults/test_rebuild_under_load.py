"""An atomic rebuild while people search and editors publish: every query answers, no edit is lost.

The rebuild (search.indexing.reindex: new index, alias swap) is driven chunk by chunk. After the first
chunk of case studies is in the new index, pages of that chunk are edited, published and unpublished:
their index updates go through the alias into the old index, which the swap throws away, so only the
catch-up after the swap can bring them back. On PostgreSQL, threads also search and publish throughout.
Editors stop before the swap so that what "lost" means is unambiguous; queries run through it.
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from modelsearch.index import get_indexed_models
from wagtail.models import Page

from projets.models import ProjectPage
from search.engine_indexes import alias_targets, is_engine, prefixed_indexes
from search.indexing import indexed_queryset, reindex
from search.query import parse_request
from search.resync import resync
from search.service import search
from tests.wagtail_roots import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)

CHUNK_SIZE = 4


@pytest.fixture(autouse=True)
def wagtail_roots(transactional_db):
    """An earlier transactional test's flush removed the root page its migrations made (autouse: first)."""
    ensure_wagtail_roots()


class Load:
    """Threads that search (service and HTTP) and publish until told to stop; they record every answer."""

    def __init__(self, page_ids):
        self.page_ids = page_ids
        self.stop_queries, self.stop_edits = threading.Event(), threading.Event()
        self.answers, self.degraded, self.errors, self.edits = 0, 0, [], {}
        self.threads, self.editors = [], []

    def start(self, searchers=2, editors=1):
        self.threads = [threading.Thread(target=self._search, args=(n,)) for n in range(searchers)]
        self.editors = [threading.Thread(target=self._edit, args=(n,)) for n in range(editors)]
        for thread in self.threads + self.editors:
            thread.start()

    def _search(self, number):
        client = Client()
        try:
            while not self.stop_queries.is_set():
                if number % 2:
                    outcome = search(parse_request({"q": "coopération"}))
                    self.degraded += outcome.degraded
                else:
                    response = client.get("/api/recherche", {"q": "coopération"})
                    assert response.status_code == 200, response.status_code
                    self.degraded += response.json()["degraded"]
                self.answers += 1
                time.sleep(0.01)  # two cores: leave some to the rebuild
        except Exception as error:  # noqa: BLE001 (recorded: the test asserts there is none)
            self.errors.append(repr(error))
        finally:
            connections.close_all()

    def _edit(self, number):
        try:
            round_ = 0
            while not self.stop_edits.is_set():
                page = ProjectPage.objects.get(pk=self.page_ids[round_ % len(self.page_ids)])
                page.title = f"Révision {number}-{round_} de la coopération"
                page.save_revision().publish()
                self.edits[page.pk] = page.title
                round_ += 1
                time.sleep(0.02)
        except Exception as error:  # noqa: BLE001
            self.errors.append(repr(error))
        finally:
            connections.close_all()

    def stop_editing(self):
        self.stop_edits.set()
        for thread in self.editors:
            thread.join()

    def stop(self):
        self.stop_editing()
        self.stop_queries.set()
        for thread in self.threads:
            thread.join()


def test_atomic_rebuild_under_queries_and_edits(make_project, search_backend, capsys):
    reindex(
        only=[ProjectPage]
    )  # the index becomes an alias (and holds the site tree built before the fixture emptied it)
    pages = [make_project(title=f"Coopération numéro {n}", slug=f"cooperation-{n}") for n in range(8)]
    draft = make_project(title="Coopération en brouillon", slug="brouillon", publish=False)
    search_backend.refresh_indexes()
    page_models = [model for model in get_indexed_models() if issubclass(model, Page)]
    indexed = sum(indexed_queryset(model).count() for model in page_models)
    threaded = connection.vendor == "postgresql"  # SQLite: one writer at a time, edits between chunks only
    load = Load([page.pk for page in pages[4:]])
    state = {"documents": 0, "edited": False}

    def during_rebuild(stat):
        state["documents"] += stat.size
        if stat.model == "projets.ProjectPage" and not state["edited"]:
            state["edited"] = True  # pages[0..3] are in the new index already: edit them now
            first = ProjectPage.objects.get(pk=pages[0].pk)
            first.title = "Rebaptisée pendant la reconstruction"
            first.save_revision().publish()
            ProjectPage.objects.get(pk=pages[1].pk).unpublish()
            ProjectPage.objects.get(pk=draft.pk).save_revision().publish()
            if threaded:
                load.start()
        assert search(parse_request({"q": "coopération"})).count
        if state["documents"] >= indexed:  # the last chunk: the swap comes next
            load.stop_editing()

    try:
        report = reindex(chunk_size=CHUNK_SIZE, on_chunk=during_rebuild, only=[ProjectPage])
    finally:
        load.stop()

    print(
        f"rebuild {report.seconds:.1f} s, {report.documents} documents, {load.answers} queries answered "
        f"({load.degraded} degraded), {len(load.edits)} pages edited by threads, {report.caught_up} re-applied"
    )
    assert load.errors == []
    assert load.degraded == 0
    if threaded:
        assert load.answers >= 2 and load.edits
    assert state["edited"]
    # No edit made during the rebuild is missing: the index equals the database, document by document.
    assert sum(drift.drift for drift in resync(dry_run=True)) == 0
    found = {hit.page.pk for hit in search(parse_request({"q": "coopération", "page_size": "100"})).hits}
    assert found == set(ProjectPage.objects.live().public().values_list("pk", flat=True))
    assert pages[1].pk not in found and draft.pk in found
    assert [hit.page.pk for hit in search(parse_request({"q": "rebaptisée"})).hits] == [pages[0].pk]
    for pk, title in load.edits.items():
        assert ProjectPage.objects.get(pk=pk).title == title
        assert pk in {hit.page.pk for hit in search(parse_request({"q": title.split()[1]})).hits}

    if is_engine(search_backend):
        assert report.caught_up >= 3  # the three edits above, at least
        # No stale index: the one the rebuild filled is the only one left, behind the alias.
        alias = search_backend.get_index_for_model(ProjectPage).name
        left = {name: aliases for name, aliases in prefixed_indexes(search_backend).items() if alias in name}
        assert left == {report.indexes[0]: [alias]}
        assert alias_targets(search_backend, alias) == report.indexes
