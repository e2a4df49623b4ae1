"""The private sections of the site (pages under a view restriction), read once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called; a case-study page
needed them twice (related case studies, organisations to link). Restrictions change rarely and only
through an editor's action, so one read serves a whole request: the memo lives from `request_started`
to `request_finished` in the thread that serves it, and is dropped as soon as a restriction is saved or
deleted, or a page moves (a restricted section's path changes).
Outside a request (commands, tests, workers) nothing is kept: each call reads the database.
"""

import threading
from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

_memo = threading.local()


def private_sections() -> tuple[tuple[str, int], ...]:
    """(path, depth) of every page carrying a view restriction: each one hides itself and its descendants."""
    sections = getattr(_memo, "sections", None)
    if sections is None:
        sections = _read_sections()
        if getattr(_memo, "in_request", False):
            _memo.sections = sections
    return sections


def _read_sections() -> tuple[tuple[str, int], ...]:
    """In SQL: building the same query with the ORM cost more than running it (0.9 against 0.4 ms), on every
    request of the public site."""
    from django.db import connection
    from wagtail.models import Page, PageViewRestriction

    from cms.sql import table

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page.path, page.depth FROM {table(PageViewRestriction)} restriction "  # noqa: S608 (table names)
            f"JOIN {table(Page)} page ON page.id = restriction.page_id ORDER BY restriction.id"
        )
        return tuple((path, depth) for path, depth in cursor.fetchall())


def public_q(relation: str = "") -> Q:
    """Live pages in no private section; `relation` is the path from the filtered model to the page.

    The same rule as `Page.objects.live().public()` (Wagtail's private_q, each restricted page and its
    descendants excluded), written so that a correlated EXISTS can use it on a joined page too.
    """
    prefix = f"{relation}__" if relation else ""
    visible = Q(**{f"{prefix}live": True})
    for path, depth in private_sections():
        visible &= ~Q(**{f"{prefix}path__startswith": path, f"{prefix}depth__gte": depth})
    return visible


def public_sql(alias: str) -> tuple[str, list]:
    """The same rule as `public_q`, as an SQL condition on a wagtailcore_page row named `alias` (raw queries).

    Paths are Wagtail's base-36 steps (digits and capitals): no LIKE wildcard can occur in them.
    """
    conditions, params = [f"{alias}.live"], []
    for path, depth in private_sections():
        conditions.append(f"NOT ({alias}.path LIKE %s AND {alias}.depth >= %s)")
        params += [f"{path}%", depth]
    return " AND ".join(conditions), params


def _start(**_kwargs) -> None:
    _memo.in_request = True
    _memo.sections = None


def forget_request(**_kwargs) -> None:
    """The request is over (request_finished): nothing is kept for what runs next in this thread."""
    _memo.in_request = False
    _memo.sections = None


@contextmanager
def read_once():
    """Restrictions read once for the whole block, as during a request (the benchmark captures the SQL of a
    search outside one, and must capture what a request runs)."""
    _start()
    try:
        yield
    finally:
        forget_request()


def _forget(**_kwargs) -> None:
    _memo.sections = None


def connect() -> None:
    from wagtail.models import PageViewRestriction
    from wagtail.signals import post_page_move

    request_started.connect(_start, dispatch_uid="restrictions-start")
    request_finished.connect(forget_request, dispatch_uid="restrictions-finish")
    post_save.connect(_forget, sender=PageViewRestriction, dispatch_uid="restrictions-saved")
    post_delete.connect(_forget, sender=PageViewRestriction, dispatch_uid="restrictions-deleted")
    post_page_move.connect(_forget, dispatch_uid="restrictions-page-moved")
