"""An import running in another thread does not hold the database: /proposer/ is saved meanwhile."""

import threading
import time

import pytest
from django.db import connection

from projets.models import ProjectPage, ProjectProposal
from tests.site.test_proposals import VALID as PROPOSAL
from tests.wagtail_roots import ensure_wagtail_roots

from .conftest import run_json

PROJECTS = [{"reference": f"LOT{n}", "titre": f"Projet importé {n}", "resume": "Résumé."} for n in range(16)]


@pytest.fixture
def wagtail_roots(transactional_db):
    """An earlier transactional test's flush removed the root page its migrations made."""
    ensure_wagtail_roots()


def test_a_proposal_is_saved_while_an_import_runs(wagtail_roots, settings, client, project_index):
    settings.IMPORT_CHUNK_SIZE = 2
    progress = {"done": 0, "total": 0}
    started, outcome = threading.Event(), {}

    def slowly(done, total):  # each project takes a while, as in a large import
        progress.update(done=done, total=total)
        started.set()
        time.sleep(0.2)

    def run():
        try:
            outcome["report"] = run_json(PROJECTS, progress=slowly)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert started.wait(60), "the import did not start"
        begin = time.monotonic()
        response = client.post("/proposer/", PROPOSAL)
        waited, done_then = time.monotonic() - begin, progress["done"]
    finally:
        thread.join(300)
    assert response.status_code == 302, response.content.decode()[:500]
    assert done_then < progress["total"], f"the proposal waited {waited:.1f} s, until the import ended"
    assert ProjectProposal.objects.filter(page__title=PROPOSAL["title"]).exists()
    assert "error" not in outcome, outcome.get("error")
    report = outcome["report"]
    assert report.ok and len(report.created) == len(PROJECTS), report.errors
    assert ProjectPage.objects.filter(reference__startswith="LOT").count() == len(PROJECTS)


def test_every_sqlite_configuration_queues_writers(monkeypatch):
    """Not only the test settings: dev's SQLite too waits for the write lock instead of failing."""
    from cms.settings.environment import env_database

    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/coop-essai.sqlite3")
    assert env_database()["OPTIONS"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}
