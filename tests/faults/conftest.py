"""Faults on demand: an engine address where nothing listens, and one that accepts and never answers."""

import contextlib
import socket
import threading

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.management.commands import db_worker

from search.config import search_backends_from_url

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class HungNode:
    """A TCP server on loopback that accepts every connection, reads, and never sends a byte back."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.server.settimeout(0.1)
        while not self.stopped.is_set():
            with contextlib.suppress(TimeoutError):
                self.accepted.append(self.server.accept()[0])

    def close(self):
        self.stopped.set()
        self.thread.join()
        for connection in self.accepted:
            connection.close()
        self.server.close()


def free_port() -> int:
    """A loopback port where nothing listens (bound then released)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.fixture
def hung_node():
    node = HungNode()
    yield node
    node.close()


@pytest.fixture(params=["port-ferme", "noeud-bloque"])
def unreachable_engine(request):
    """SEARCH_URL of an engine that refuses connections, then of one that hangs."""
    if request.param == "port-ferme":
        yield f"opensearch://127.0.0.1:{free_port()}"
    else:
        node = HungNode()
        yield f"opensearch://127.0.0.1:{node.port}"
        node.close()


def engine_at(url: str):
    """Settings as production builds them from SEARCH_URL=url (short timeout, database fallback alias)."""
    return override_settings(WAGTAILSEARCH_BACKENDS=search_backends_from_url(url, settings.INDEX_PREFIX))


def queued_tasks():
    """Background tasks queued in the database, as in production (tests otherwise run them at once)."""
    return override_settings(TASKS=DATABASE_TASKS)


@pytest.fixture
def worker(monkeypatch):
    """Run `manage.py db_worker --batch` in this process: worker(max_tasks=None) runs the queued tasks.

    The worker must keep the test's database connection, which it would otherwise close between tasks
    as a long-running process should.
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(max_tasks=None):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, max_tasks=max_tasks, verbosity=0)

    return run
