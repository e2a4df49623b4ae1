"""Shared fixtures: the site tree and the search backend chosen by the environment."""

import pytest
from django.conf import settings
from modelsearch.index import get_indexed_models
from wagtail.search.backends import get_search_backend

from cms.demo import build_site_tree
from search.engine_indexes import drop_prefixed_indexes, index_exists, prefixed_indexes


def engine_in_use() -> str:
    """'database' or the engine scheme (opensearch, elasticsearch) of SEARCH_URL."""
    return settings.SEARCH_URL.split("://", 1)[0] if settings.SEARCH_URL else "database"


@pytest.fixture(autouse=True)
def no_memory_from_earlier_tests():
    """Each test starts without what earlier tests of this process left in memory.

    search.labels, search.catalogue_cache and Wagtail's site root paths (in the default cache) are dropped on
    save signals, which a test's rollback never sends; the engine breaker (search.breaker) rests for 30 s
    after any engine failure, which a slow CI run can cause in an unrelated test; the restrictions memo
    (projets.restrictions) ends with request_finished, which an unconsumed streaming response never sends.
    """
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
    """The configured backend, its indexes emptied and mapped (the engine's; the database one is the database)."""
    backend = get_search_backend()
    if engine_in_use() != "database":
        # Not backend.reset_indexes(): it cannot delete an alias left by an atomic rebuild.
        drop_prefixed_indexes(backend)
        for model in get_indexed_models():
            index = backend.get_index_for_model(model)
            if not index_exists(backend, index.name):
                index.put()
            index.add_model(model)
    return backend


def drop_aliased_indexes(backend):
    """Delete every index an alias of this prefix points to (left by reindex_projects), freeing the names."""
    for name, aliases in prefixed_indexes(backend).items():
        if aliases:
            backend.es.indices.delete(index=name)


@pytest.fixture
def project_index(home_page):
    from tests.factories import ProjectIndexPageFactory

    return ProjectIndexPageFactory(parent=home_page)


@pytest.fixture
def make_project(project_index):
    """Build a published case study with its parts: make_project(title=..., partners=[(org, role)], ...)."""
    from tests.factories import FundingLineFactory, ProjectPageFactory, ProjectPartnerFactory

    def build(partners=(), funding=(), publish=True, **fields):
        page = ProjectPageFactory(parent=project_index, **fields)
        for organisation, role in partners:
            ProjectPartnerFactory(page=page, organisation=organisation, role=role)
        for kind, amount in funding:
            FundingLineFactory(page=page, kind=kind, amount=amount)
        if publish:
            # Publishing a revision re-indexes the page with its parts, as the admin does.
            page.save_revision().publish()
        else:
            page.unpublish()
        return page

    return build
