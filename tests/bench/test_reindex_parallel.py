"""A rebuild filled from two processes: every case study exactly once, behind the alias, nothing re-sent."""

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from bench.synthetic import writer
from cms.demo import build_site_tree
from projets.models import ProjectPage, Territory
from search.engine_indexes import drop_prefixed_indexes
from search.indexing import indexed_queryset, reindex
from search.indexing_parallel import pk_ranges
from tests.conftest import drop_aliased_indexes, engine_in_use
from tests.wagtail_roots import ensure_wagtail_roots

# The forked workers read the database through their own connections: the pages must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

COUNT = 45


@pytest.fixture
def generated(search_backend):
    ensure_wagtail_roots()  # an earlier transactional test's flush removed the root page…
    if not Territory.objects.exists():  # … and the territories its migrations loaded
        call_command("load_territories", verbosity=0)
    build_site_tree()
    writer.generate(COUNT, seed=12, batch_size=20)
    yield search_backend
    if hasattr(search_backend, "es"):
        drop_aliased_indexes(search_backend)


def test_primary_key_ranges_cover_every_case_study_once(generated):
    queryset = indexed_queryset(ProjectPage)
    ranges = pk_ranges(queryset, 3)
    assert len(ranges) == 3 and ranges[0][0] is None and ranges[-1][1] is None
    parts = []
    for after, up_to in ranges:
        part = queryset
        part = part if after is None else part.filter(pk__gt=after)
        part = part if up_to is None else part.filter(pk__lte=up_to)
        parts.append(list(part.values_list("pk", flat=True)))
    every = [pk for part in parts for pk in part]
    assert sorted(every) == sorted(queryset.values_list("pk", flat=True))  # all, none twice
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert pk_ranges(queryset, 1) == [(None, None)]


def test_two_workers_index_every_case_study(generated):
    if engine_in_use() != "database":
        drop_prefixed_indexes(generated)  # a first build, as on a fresh 100,000-case database
    report = reindex(chunk_size=10, workers=2)
    pages = [chunk for chunk in report.chunks if chunk.model == "projets.ProjectPage"]
    assert sum(chunk.size for chunk in pages) == ProjectPage.objects.count()
    assert ProjectPage.objects.live().search("synthétique").count() == COUNT
    assert report.caught_up == 0
    if engine_in_use() != "database":
        backend = get_search_backend()
        alias = backend.get_index_for_model(ProjectPage).name
        backend.es.indices.refresh(index=alias)
        query = {"query": {"term": {"_django_content_type": "projets.ProjectPage"}}}
        assert backend.es.count(index=alias, body=query)["count"] == ProjectPage.objects.count()
        assert list(backend.es.indices.get_alias(name=alias)) == [report.indexes[0]]
        # Two processes, each its own half (22 and 23 case studies) in chunks of 10.
        assert sorted(chunk.size for chunk in pages) == [2, 3, 10, 10, 10, 10]
