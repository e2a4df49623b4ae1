"""Read-only queries over the public catalogue shared by the home page, the search and the pages."""

from django.db import connection
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from projets.models import ProjectPage
from projets.restrictions import public_q


def public_projects():
    """Live case studies anonymous visitors may see: the one query path for the public site.

    `ProjectPage.objects.live().public()`, with the view restrictions read once per request.
    """
    return ProjectPage.objects.filter(public_q())


def latest_projects(limit: int = 6):
    return public_projects().order_by("-first_published_at", "-pk")[:limit]


def pages_state(*children) -> tuple:
    """What the public pages (and the `children` models' rows of them) are, read by key in one statement.

    Wagtail logs every publication, unpublication, deletion and view-restriction change of a page;
    restrictions are counted too, and the newest page and child rows tell one added without a log entry (a
    script, a fixture). A figure computed from the pages and kept under this value is never stale.
    """
    tables = [
        connection.ops.quote_name(model._meta.db_table)
        for model in (PageViewRestriction, PageLogEntry, Page, *children)
    ]
    tops = ", ".join(f"(SELECT MAX(id) FROM {table})" for table in tables)  # noqa: S608 (model tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {tables[0]}), {tops}")  # noqa: S608
        return tuple(cursor.fetchone())
