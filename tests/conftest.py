"""Shared fixtures: the site tree and the search backend chosen by the environment.

Also how a test is classified. `make test` runs every test on PostgreSQL + OpenSearch (the production
shape) and only the tests marked `backend` on SQLite + the database search backend: those whose answer may
depend on the database or the search engine. The mark is put here (pytest_collection_modifyitems), so a new
test is classified without an edit; `@pytest.mark.backend` in a test module does it by hand.
"""

import contextlib
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from modelsearch.index import get_indexed_models
from wagtail.search.backends import get_search_backend

from cms.demo import build_site_tree
from search.engine_indexes import index_exists, prefixed_indexes


def engine_in_use() -> str:
    """'database' or the engine scheme (opensearch, elasticsearch) of SEARCH_URL."""
    return settings.SEARCH_URL.split("://", 1)[0] if settings.SEARCH_URL else "database"


def database_vendor() -> str:
    """'postgresql' or 'sqlite': the default database of this run."""
    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


# For a test that checks one backend only (it is reported as skipped on the others).
only_on_postgresql = pytest.mark.skipif(database_vendor() != "postgresql", reason="PostgreSQL seul")
only_on_sqlite = pytest.mark.skipif(database_vendor() != "sqlite", reason="SQLite seul")
only_with_an_engine = pytest.mark.skipif(engine_in_use() == "database", reason="moteur de recherche seul")
only_with_database_search = pytest.mark.skipif(engine_in_use() != "database", reason="recherche en base seule")


TESTS = Path(__file__).resolve().parent

# Test folders, files and tests (file::name) that depend on the backend, and why.
BACKEND_PATHS = (
    "search/",  # the search engines and the databases' full text search
    "faults/",  # an engine down or hung, resynchronisation, rebuilds under load
    "bench/",  # generation and reindexing, in bulk and in parallel
    "projets/test_draft_references.py",  # a function with a PostgreSQL and a SQLite form
    "projets/test_routing.py",  # routing in hand-written SQL
    "projets/test_restrictions.py",  # private sections read in hand-written SQL
    "projets/test_page_lists.py",  # a case study's lists in hand-written SQL (SQLite gives dates as text)
    "projets/test_row_numbering_migration.py",  # a data migration run on the connection
    "projets/test_reference_data.py::test_organisation_listing_",  # admin listings searched with the ORM's
    "projets/test_reference_data.py::test_theme_listing_",  # icontains (SQLite folds ASCII letters only) or
    "projets/test_reference_data.py::test_territory_listing_",  # the search backend
    "precedents/test_textsearch.py",  # unaccent: a PostgreSQL extension, a Python function on SQLite
    "precedents/test_api.py",  # contract selection with words (unaccent)
    "precedents/test_precedents_table.py",  # the same, through the page
    "site/test_case_study_page.py",  # related case studies in hand-written SQL
    "site/test_crawler.py",  # every page with hostile values: a 500 may come from one database only
    "site/test_organisation_and_explorer.py",  # the explorer's counts come from the search service
    "security/test_organisation_visibility.py",  # visible organisations in hand-written SQL
    "security/test_api_fuzz.py",  # generated requests (it found a 500 that SQLite alone gave)
)
# Fixtures that make a test depend on the backend: the search engine, or transactions seen by other
# connections (a live server's threads: SQLite has a single writer).
BACKEND_FIXTURES = {"search_backend", "corpus", "corpus_to_change", "transactional_db", "live_server"}
# Words in a test module that say it branches on the backend.
BACKEND_WORDS = ("connection.vendor", "engine_in_use(", "database_vendor(", "only_on_", "only_with_")


def is_backend_dependent(item, sources: dict) -> bool:
    if item.get_closest_marker("backend"):
        return True
    relative = Path(str(item.path)).resolve().relative_to(TESTS).as_posix()
    if f"{relative}::{item.name}".startswith(BACKEND_PATHS):
        return True
    if BACKEND_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    if item.path not in sources:
        sources[item.path] = Path(item.path).read_text(encoding="utf-8")
    return any(word in sources[item.path] for word in BACKEND_WORDS)


def reads_shared_data(item) -> bool:
    """The test uses data built once for its module or session (a fixture of ours that unblocks the database)."""
    info = getattr(item, "_fixtureinfo", None)  # pytest's record of the fixtures a test function uses
    for fixturedefs in info.name2fixturedefs.values() if info else ():
        for fixturedef in fixturedefs:
            if (
                fixturedef.scope != "function"
                and "django_db_blocker" in fixturedef.argnames
                and not fixturedef.func.__module__.startswith("pytest_django")
            ):
                return True
    return False


def pytest_collection_modifyitems(config, items):
    """Mark the backend-dependent tests (before `-m` selects), and put the readers of a module's shared data
    last among the tests of that module that run in a row (pytest-django has already ordered them): no other
    test of the module runs inside the transaction that holds the data (shared_data)."""
    sources = {}
    for item in items:
        if is_backend_dependent(item, sources):
            item.add_marker(pytest.mark.backend)
    ordered, run = [], []
    for item in [*items, None]:
        if run and (item is None or item.path != run[0].path):
            ordered += sorted(run, key=reads_shared_data)
            run = []
        if item is not None:
            run.append(item)
    items[:] = ordered


@contextlib.contextmanager
def shared_data(django_db_blocker):
    """Data built once for a module, in a transaction rolled back after its last test.

    Each test of the module still runs in its own savepoint (pytest-django's `db`), so what a test writes to
    the database is undone before the next one. What it writes to a search engine is not: see tests/search.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            forget_memory()


@pytest.fixture(autouse=True)
def no_memory_from_earlier_tests():
    """Each test starts without what earlier tests of this process left in memory.

    search.labels, search.catalogue_cache and Wagtail's site root paths (in the default cache) are dropped on
    save signals, which a test's rollback never sends; the engine breaker (search.breaker) rests for 30 s
    after any engine failure, which a slow CI run can cause in an unrelated test; the restrictions memo
    (projets.restrictions) ends with request_finished, which an unconsumed streaming response never sends.
    """
    forget_memory()


def forget_memory():
    from django.core.cache import cache

    from projets import restrictions
    from search import breaker, catalogue_cache, labels

    labels.clear()
    catalogue_cache.clear()
    cache.clear()
    breaker.reset()
    restrictions.forget_request()


@pytest.fixture
def home_page(db):
    return build_site_tree()


@pytest.fixture
def search_backend(db):
    """The configured backend with empty, mapped indexes; refresh it after writes to search."""
    return empty_search_backend()


def empty_search_backend():
    """The configured backend, its indexes emptied and mapped (the engine's; the database one is the database).

    An index that nothing wrote to since it was made here, and that is still as it was made (aliases,
    settings, mappings), is kept: it is what making it again would give, and making an index costs the engine
    a second. Emptying one instead would not do: deleted documents still count in the relevance statistics.
    """
    backend = get_search_backend()
    if engine_in_use() == "database":
        return backend
    made = _MADE_INDEXES.setdefault(backend.index_prefix, {})
    state = engine_index_state(backend)
    writes = engine_write_counts(backend, list(state))
    kept = {name for name in state if made.get(name) == state[name] and writes[name] == (0, 0)}
    # Not backend.reset_indexes(): it cannot delete an alias left by an atomic rebuild.
    for name in sorted(prefixed_indexes(backend)):
        if name not in kept:
            backend.es.indices.delete(index=name, ignore_unavailable=True)
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if index.name in kept:
            continue
        if not index_exists(backend, index.name):
            index.put()
        index.add_model(model)
    made.clear()
    made.update(engine_index_state(backend))
    return backend


_MADE_INDEXES: dict[str, dict] = {}
# Settings an index gets when it is made, whatever it holds.
_VOLATILE_SETTINGS = ("uuid", "creation_date", "version", "provided_name")


def engine_index_state(backend) -> dict:
    """{index name: its aliases, settings and mappings} for this prefix's own indexes."""
    from search.engine_indexes import is_own_index, own_index_names

    own = own_index_names(backend)
    found = backend.es.indices.get(index=f"{backend.index_prefix}*", ignore_unavailable=True)
    state = {}
    for name, index in sorted(found.items()):
        if is_own_index(name, own):
            kept = {key: value for key, value in index["settings"]["index"].items() if key not in _VOLATILE_SETTINGS}
            state[name] = (index.get("aliases", {}), kept, index.get("mappings", {}))
    return state


def engine_write_counts(backend, names: list[str]) -> dict[str, tuple[int, int]]:
    """{index name: (documents indexed, documents deleted)} since the index was made, as the engine counts."""
    if not names:
        return {}
    stats = backend.es.indices.stats(index=names, metric="indexing")["indices"]
    counted = {name: stats[name]["primaries"]["indexing"] for name in names}
    return {name: (counts["index_total"], counts["delete_total"]) for name, counts in counted.items()}


def drop_aliased_indexes(backend):
    """Delete every index an alias of this prefix points to (left by reindex_projects), freeing the names."""
    for name, aliases in prefixed_indexes(backend).items():
        if aliases:
            backend.es.indices.delete(index=name)


@pytest.fixture
def project_index(home_page):
    """The catalogue page (there is one: max_count), made unless data shared by the module holds it."""
    from projets.models import ProjectIndexPage
    from tests.factories import ProjectIndexPageFactory

    return ProjectIndexPage.objects.child_of(home_page).first() or ProjectIndexPageFactory(parent=home_page)


@pytest.fixture
def make_project(project_index):
    """Build a published case study with its parts: make_project(title=..., partners=[(org, role)], ...)."""
    return project_maker(project_index)


def project_maker(project_index):
    """make_project for this index page (also for data built once per module)."""
    from tests.factories import FundingLineFactory, ProjectPageFactory, ProjectPartnerFactory

    def build(partners=(), funding=(), publish=True, **fields):
        with draft_not_indexed():
            page = ProjectPageFactory(parent=project_index, **fields)
            for organisation, role in partners:
                ProjectPartnerFactory(page=page, organisation=organisation, role=role)
            for kind, amount in funding:
                FundingLineFactory(page=page, kind=kind, amount=amount)
            revision = page.save_revision() if publish else None
        if publish:
            # Publishing a revision re-indexes the page with its parts, as the admin does.
            revision.publish()
        else:
            page.unpublish()
        return page

    return build


@contextlib.contextmanager
def draft_not_indexed():
    """While a test builds a case study: no search document and no reference-index row for each of its saves.

    The factory saves a page twice and a revision once more before it is published; each save sent a search
    document and rewrote the reference index, three writes that the publication (or unpublication) right
    after makes again from the finished page.
    """
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from projets.models import ProjectPage

    # The page only: an organisation a factory makes on the way is indexed as usual.
    post_save.disconnect(post_save_signal_handler, sender=ProjectPage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=ProjectPage)
