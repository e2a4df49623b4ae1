"""One statement run on a second database connection while the request's own connection runs another.

Why (issue 8): on PostgreSQL, a search by relevance matching most of the catalogue spends ~60 ms in RUM's
ordered scan for its page of hits and ~80 ms on its total and facet counts (search.postgres_text). Neither
needs the other's work; side by side, each on a core of this 2-core machine, the search API's p95 at 100,000
went from 156 to 127 ms (plain), 142 to 102 (filters), 156 to 117 (facets). The filtered candidates are read
on both connections (each needs them, at the same time). Under load, with every core busy, the two share the
cores and the search costs what it did: this shortens a search's wait, not its work.

Used only where it can be: on PostgreSQL, outside a transaction (a second connection does not see the
uncommitted rows of the first: a search inside `transaction.atomic()`, a test in a rolled-back transaction),
and when `SEARCH_SIDE_CONNECTION` is not off. Otherwise, or should the side statement fail, the caller runs
it on its own connection (`run_here`).

The statement runs in a thread of this process with its own Django connection (thread-local, kept
CONN_MAX_AGE seconds like the request's). psycopg releases the GIL while PostgreSQL works.
"""

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

logger = logging.getLogger(__name__)

# One thread: a gunicorn sync worker serves one request at a time. Under a threaded server, simultaneous
# searches queue for it (still correct, only no longer side by side).

_executor: ThreadPoolExecutor | None = None
_executor_pid: int | None = None
_lock = threading.Lock()


def available() -> bool:
    return settings.SEARCH_SIDE_CONNECTION and connection.vendor == "postgresql" and not connection.in_atomic_block


def _executor_here() -> ThreadPoolExecutor:
    """This process's threads (a forked worker does not inherit its parent's threads)."""
    global _executor, _executor_pid
    with _lock:
        if _executor is None or _executor_pid != os.getpid():
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coop-side-sql")
            _executor_pid = os.getpid()
        return _executor


def start(sql: str, params: list | None, setup: tuple[str, ...] = ()) -> Future:
    """Runs `setup` then `sql` in a transaction of a side connection; the future's result is its rows."""
    return _executor_here().submit(_run, sql, params, setup)


def _run(sql: str, params: list | None, setup: tuple[str, ...]) -> tuple[list, float]:
    side = connections[DEFAULT_DB_ALIAS]
    side.close_if_unusable_or_obsolete()  # what Django does for a request's connection at its start
    started = time.perf_counter()
    with transaction.atomic(), side.cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)
        cursor.execute(sql, params)
        found = cursor.fetchall() if cursor.description is not None else []
        return found, time.perf_counter() - started


def rows(pending: Future, sql: str, params: list, run_here: Callable[[], list]) -> list:
    """The side statement's rows; on any failure of its connection, `run_here()` on the request's connection.

    When the request's queries are being logged (DEBUG, or a CaptureQueriesContext: bench.measure replays
    them), the side statement is logged there too, marked `side`, with its own time."""
    try:
        found, seconds = pending.result()
    except Exception:  # the side connection's failure must not fail the search: the caller's does the work
        logger.warning("search: side statement failed, run on the request's connection", exc_info=True)
        return run_here()
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": connection.ops.compose_sql(sql, params), "time": f"{seconds:.3f}", "side": True}
        )
    return found


def close() -> None:
    """Closes the side thread's connection (before a test database is dropped: it refuses open sessions)."""
    if _executor is not None and _executor_pid == os.getpid():
        _executor.submit(connections.close_all).result()
