"""After an outage, `manage.py resync_search` makes the index equal to the database again: zero drift.

With an engine (OpenSearch run): pages are published, edited, unpublished and deleted while SEARCH_URL
points at a dead port, then the command runs against the real node. With the database backend (SQLite
run) the outage is the worker's: index updates wait in the queue, and the command catches up without it.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page

from projets.models import ProjectPage
from search.engine_indexes import fingerprint, scan_fingerprints
from search.query import parse_request
from search.resync import resync
from search.service import search
from tests.conftest import engine_in_use
from tests.faults.conftest import engine_at, free_port, queued_tasks

pytestmark = pytest.mark.django_db

WORDS = ["abeilles", "bibliothèques", "cantines"]


def found(text: str = "") -> set[int]:
    outcome = search(parse_request({"q": text, "page_size": "100"} if text else {"page_size": "100"}))
    assert not outcome.degraded
    return {hit.page.pk for hit in outcome.hits}


def live_public_ids() -> set[int]:
    return set(ProjectPage.objects.live().public().values_list("pk", flat=True))


def engine_case_study_ids(backend) -> set[int]:
    index = backend.get_index_for_model(ProjectPage).name
    query = {"query": {"term": {"_django_content_type": "projets.ProjectPage"}}, "size": 1000, "_source": False}
    return {int(hit["_id"]) for hit in backend.es.search(index=index, body=query)["hits"]["hits"]}


def database_index_ids() -> set[int]:
    from wagtail.search.models import IndexEntry

    content_type = ContentType.objects.get_for_model(ProjectPage)
    return {int(pk) for pk in IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True)}


def drift_by_kind(drifts) -> dict[str, set[int]]:
    return {
        kind: {int(pk) for drift in drifts for pk in getattr(drift, kind)} for kind in ("missing", "stale", "extra")
    }


def make_corpus(make_project):
    pages = [make_project(title=f"Coopération {word}", slug=word) for word in WORDS]
    draft = make_project(title="Brouillon de coopération", slug="brouillon", publish=False)
    return pages, draft


def change_everything(make_project, pages, draft):
    new = make_project(title="Publiée pendant la panne", slug="nouvelle")
    draft.save_revision().publish()
    edited = pages[0]
    edited.title = "Titre corrigé pendant la panne"
    edited.save_revision().publish()
    pages[1].unpublish()
    return new, edited


def test_resync_after_an_engine_outage_leaves_zero_drift(make_project, search_backend, capsys):
    resync()  # the site tree was built before the fixture emptied the index
    pages, draft = make_corpus(make_project)
    search_backend.refresh_indexes()
    assert sum(drift.drift for drift in resync(dry_run=True)) == 0  # what indexing wrote is what we compare

    if engine_in_use() == "database":
        with queued_tasks():  # the worker is down: index updates stay in the queue
            new, edited = change_everything(make_project, pages, draft)
        assert new.pk not in found("panne") and edited.pk in found("abeilles")
        call_command("resync_search")
        assert database_index_ids() == set(ProjectPage.objects.values_list("pk", flat=True))
    else:
        with engine_at(f"opensearch://127.0.0.1:{free_port()}"):
            new, edited = change_everything(make_project, pages, draft)
            pages[2].delete()
        drift = drift_by_kind(resync(dry_run=True))
        assert new.pk in drift["missing"]
        assert {edited.pk, draft.pk, pages[1].pk} <= drift["stale"]
        assert pages[2].pk in drift["extra"]
        assert new.pk not in found("panne") and edited.pk in found("abeilles")

        call_command("resync_search")
        assert engine_case_study_ids(search_backend) == set(ProjectPage.objects.values_list("pk", flat=True))
        every_page = scan_fingerprints(search_backend, search_backend.get_index_for_model(Page).name)
        assert set(every_page) == {str(pk) for pk in Page.objects.values_list("pk", flat=True)}

    assert "écarts corrigés" in capsys.readouterr().out
    assert sum(drift.drift for drift in resync(dry_run=True)) == 0
    assert found() == live_public_ids()
    assert found("panne") == {new.pk, edited.pk}
    assert not found("abeilles")
    assert pages[1].pk not in found("cantines") | found("bibliothèques")
    assert draft.pk in found("brouillon")


def test_resync_fails_fast_while_the_engine_is_still_down(home_page, hung_node):
    with engine_at(f"opensearch://127.0.0.1:{hung_node.port}"), pytest.raises(Exception) as failure:  # noqa: B017, PT011
        call_command("resync_search")
    assert "timeout" in repr(failure.value).lower()


def test_fingerprint_compares_what_the_engine_stores_whatever_the_order():
    sent = {
        "title": "Étude",
        "start": datetime.date(2020, 1, 2),
        "amount": Decimal("10.50"),
        "tags": [{"n": 2}, {"n": 1}],
    }
    stored = json.loads('{"tags": [{"n": 1}, {"n": 2}], "amount": 10.5, "start": "2020-01-02", "title": "Étude"}')
    assert fingerprint(sent) == fingerprint(stored)
    assert fingerprint({**sent, "start": datetime.date(2020, 1, 3)}) != fingerprint(stored)
    assert fingerprint({**sent, "tags": [{"n": 1}]}) != fingerprint(stored)
