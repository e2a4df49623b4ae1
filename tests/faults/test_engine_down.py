"""The engine is unreachable (refused, or hung): publishing still succeeds fast, search degrades, no 500.

SEARCH_URL points at a loopback port where nothing listens, then at a server that accepts connections
and never answers. Settings are built by search.config as in production (client timeout included).
"""

import time

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult
from wagtail.search.backends import get_search_backend

from projets.models import ProjectPage
from search import breaker
from search.config import ENGINE_TIMEOUT_SECONDS, search_backends_from_url
from search.query import parse_request
from search.service import search
from tests.faults.conftest import engine_at, free_port, queued_tasks

pytestmark = pytest.mark.django_db

PUBLISH_BUDGET_SECONDS = 3
# A search waits at most one client timeout for the engine, then answers from the database.
SEARCH_BUDGET_SECONDS = ENGINE_TIMEOUT_SECONDS + 1.5
INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


def test_engine_client_gives_up_quickly():
    config = search_backends_from_url("opensearch://127.0.0.1:9200", "coop_")["default"]
    assert config["TIMEOUT"] <= 2
    assert config["OPTIONS"]["max_retries"] <= 1
    assert config["OPTIONS"]["retry_on_timeout"] is False


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def test_publishing_never_waits_for_the_engine(unreachable_engine, make_project, worker):
    with engine_at(f"opensearch://127.0.0.1:{free_port()}"):
        page = make_project(title="Brouillon sans moteur", slug="jardins", publish=False)
    with engine_at(unreachable_engine), queued_tasks():
        page.title = "Jardins partagés et laboratoires"
        revision, saving = timed(page.save_revision)
        _, publishing = timed(revision.publish)
        assert saving + publishing < PUBLISH_BUDGET_SECONDS

        published = ProjectPage.objects.live().get(pk=page.pk)
        assert published.title == "Jardins partagés et laboratoires"
        # The index updates wait in the queue for the worker: publishing did not touch the engine.
        assert DBTaskResult.objects.filter(task_path=INDEX_TASK, status="READY").exists()

        # The worker gives up on the engine after one client timeout per index task (it runs them all:
        # which one it takes first is not ours to choose) and still updates the database fallback.
        index_tasks = DBTaskResult.objects.filter(task_path=INDEX_TASK).count()
        _, working = timed(worker)
        assert working < index_tasks * (ENGINE_TIMEOUT_SECONDS + 1.5)
        assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
        assert DBTaskResult.objects.filter(task_path=INDEX_TASK, status="SUCCESSFUL").exists()

        client = Client()
        response, elapsed = timed(client.get, "/recherche/", {"q": "jardins laboratoires"})
        first_search = elapsed
        assert response.status_code == 200 and elapsed < SEARCH_BUDGET_SECONDS
        html = response.content.decode()
        assert "Recherche dégradée" in html and "Jardins partagés et laboratoires" in html

        # The engine failed once: for a while the next searches do not wait for it at all.
        response, elapsed = timed(client.get, "/api/recherche", {"q": "jardins"})
        assert response.status_code == 200 and elapsed < ENGINE_TIMEOUT_SECONDS
        data = response.json()
        assert data["degraded"] is True
        assert [result["title"] for result in data["results"]] == ["Jardins partagés et laboratoires"]

        response, elapsed = timed(client.get, "/api/autocomplete", {"q": "jard"})
        assert response.status_code == 200 and elapsed < ENGINE_TIMEOUT_SECONDS
        assert "Jardins partagés et laboratoires" in [item["label"] for item in response.json()["results"]]
    print(
        f"{unreachable_engine}: publish {saving + publishing:.2f} s, "
        f"worker {working:.2f} s for {index_tasks} index tasks, "
        f"first search {first_search:.2f} s, autocomplete after it {elapsed:.2f} s"
    )


def test_bad_input_with_the_engine_down_is_never_a_500(home_page):
    with engine_at(f"opensearch://127.0.0.1:{free_port()}"):
        client = Client()
        for params in ({"q": "économie", "page": "abc"}, {"q": "x" * 300}, {"theme": "inconnu", "sort": "?"}):
            assert client.get("/recherche/", params).status_code < 500
            assert client.get("/api/recherche", params).status_code < 500


def test_the_engine_is_tried_again_after_its_rest(hung_node, home_page):
    url = f"opensearch://127.0.0.1:{hung_node.port}"
    with engine_at(url):
        engine = get_search_backend()
        assert search(parse_request({"q": "jardins"})).degraded
        assert breaker.is_resting(engine)
        breaker.trip(engine, seconds=0)  # the rest is over
        assert not breaker.is_resting(engine)
        _, elapsed = timed(search, parse_request({"q": "jardins"}))
        assert elapsed >= ENGINE_TIMEOUT_SECONDS  # it asked the engine again (still hung)
        assert breaker.is_resting(engine)
