"""The backend chosen by the environment is really the one that indexes and answers."""

import os

import pytest
from django.conf import settings
from wagtail.search.backends import get_search_backend

from cms.models import ContentPage
from tests.conftest import engine_in_use, only_with_an_engine

BACKEND_CLASSES = {
    "database": ("FrenchSQLiteSearchBackend", "FrenchPostgresSearchBackend"),
    "opensearch": ("OpenSearchBackend",),  # search.backends.opensearch: modelsearch's, with the cards
    "elasticsearch": ("ElasticsearchBackend",),
}


def test_backend_matches_what_the_test_run_expects():
    """`make test` says which engine each run must use, so a misconfiguration cannot pass silently."""
    expected = os.environ.get("COOP_EXPECT_SEARCH", engine_in_use())
    assert engine_in_use() == expected
    assert type(get_search_backend()).__name__ in BACKEND_CLASSES[expected]


@pytest.mark.django_db
def test_a_published_page_is_indexed_and_found(home_page, search_backend):
    page = ContentPage(title="Boutique des sciences", slug="boutique", intro="Une coopération exemplaire.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    search_backend.refresh_indexes()

    found = ContentPage.objects.live().search("boutique")
    assert [result.pk for result in found] == [page.pk]

    if engine_in_use() == "database":
        from wagtail.search.models import IndexEntry

        assert IndexEntry.objects.filter(object_id=str(page.pk)).exists()
    else:
        # Ask the engine itself: the document must be in our prefixed index.
        index = search_backend.get_index_for_model(ContentPage)
        assert index.name.startswith(settings.INDEX_PREFIX)
        hits = search_backend.es.search(index=index.name, body={"query": {"match": {"title": "boutique"}}})
        assert hits["hits"]["total"]["value"] == 1


@pytest.mark.django_db
def test_the_backend_analyses_french_like_search_french(search_backend):
    """The index (engine) or the text search configuration (PostgreSQL) stems like search/french.py."""
    from django.db import connection

    from projets.models import ProjectPage
    from search.french import analyse

    text = "L'Économie des coopérations : coopérer"
    if engine_in_use() != "database":
        index = search_backend.get_index_for_model(ProjectPage).name
        tokens = search_backend.es.indices.analyze(index=index, body={"analyzer": "default", "text": text})
        assert " ".join(token["token"] for token in tokens["tokens"]) == analyse(text) == "econom cooper cooper"
        edge = search_backend.es.indices.analyze(index=index, body={"analyzer": "standard", "text": "Écon"})
        assert [token["token"] for token in edge["tokens"]] == ["econ"]
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT strip(to_tsvector('coop_french', %s))::text", [text])
            assert cursor.fetchone()[0] == "'cooper' 'econom'"
    else:
        assert analyse(text) == "econom cooper cooper"


def test_own_indexes_are_told_from_those_of_a_longer_prefix():
    """`coop_` must not drop `coop_bench_100000_`'s indexes (a benchmark's, another deployment's)."""
    from search.engine_indexes import is_own_index

    own = {"coop_wagtailcore_page", "coop_projets_theme"}
    assert is_own_index("coop_wagtailcore_page", own)
    assert is_own_index("coop_wagtailcore_page_rb0m5op", own)  # left by an atomic rebuild
    assert not is_own_index("coop_bench_100000_wagtailcore_page_rb0m5op", own)
    assert not is_own_index("coop_bench_100000_wagtailcore_page", own)


@only_with_an_engine
@pytest.mark.django_db
def test_clean_up_leaves_the_indexes_of_a_longer_prefix_alone(search_backend):
    from search.engine_indexes import drop_prefixed_indexes, index_exists, own_index_names

    base = sorted(own_index_names(search_backend))[0].removeprefix(search_backend.index_prefix)
    foreign = f"{search_backend.index_prefix}other_1_{base}_abc1234"
    search_backend.es.indices.create(index=foreign)
    search_backend.es.indices.put_alias(index=foreign, name=f"{search_backend.index_prefix}other_1_{base}")
    try:
        dropped = drop_prefixed_indexes(search_backend)
        assert foreign not in dropped
        assert index_exists(search_backend, foreign)
        assert f"{search_backend.index_prefix}{base}" in dropped  # its own indexes do go
    finally:
        search_backend.es.indices.delete(index=foreign, ignore_unavailable=True)
