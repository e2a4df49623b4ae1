"""Many published case studies written in bulk, for tests that compare costs at two catalogue sizes.

Page rows with bulk_create, then the case-study rows, with no parts (each lacks everything, as its stored
missing_parts says). No revisions, nothing indexed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from projets.completeness import missing_parts_of
from projets.models import ProjectPage


def add_case_studies(catalogue, count: int, prefix: str = "bulk") -> None:
    catalogue.refresh_from_db()
    last = Page.objects.filter(path__startswith=catalogue.path, depth=catalogue.depth + 1).order_by("-path").first()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(ProjectPage)
    now = timezone.now()
    pages = [
        Page(
            path=Page._get_path(catalogue.path, catalogue.depth + 1, first_step + number),
            depth=catalogue.depth + 1,
            numchild=0,
            locale_id=catalogue.locale_id,
            live=True,
            first_published_at=now,
            last_published_at=now,
            latest_revision_created_at=now,
            title=f"Étude {prefix} {number}",
            draft_title=f"Étude {prefix} {number}",
            slug=f"etude-{prefix}-{number}",
            url_path=f"{catalogue.url_path}etude-{prefix}-{number}/",
            content_type_id=content_type.pk,
        )
        for number in range(count)
    ]
    Page.objects.bulk_create(pages, batch_size=500)
    lacks_everything = missing_parts_of(ProjectPage())
    rows = [ProjectPage(page_ptr_id=page.pk, summary="Un résumé.", missing_parts=lacks_everything) for page in pages]
    fields = ProjectPage._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        ProjectPage._base_manager._insert(rows[start : start + size], fields=fields)
    Page.objects.filter(pk=catalogue.pk).update(numchild=catalogue.numchild + count)
