"""Keep projets.ProgrammeLine in step with what is published.

A case study's rows are rewritten when it is published and dropped when it is unpublished (a deleted page,
line or programme takes its rows with it); a funding line saved outside publication (a script, an import)
rewrites its case study's rows too, when that case study is live. `manage.py sync_programmes` rebuilds
them all (after a bulk import, or a change of a theme's parent or a territory's région made outside
publication).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from projets.live_pages import sync_live_in_chunks
from projets.models import FundingLine, FundingProgramme, ProgrammeLine, ProjectPage, Territory, Theme

PREFETCH = (
    Prefetch("funding_lines", queryset=FundingLine.objects.filter(funding_programme__isnull=False)),
    Prefetch("territories", queryset=Territory.objects.select_related("region")),
    Prefetch("themes", queryset=Theme.objects.select_related("parent")),
)


def first_year(*years):
    return next((year for year in years if year is not None), None)


def rows_of(page) -> list[ProgrammeLine]:
    """The rows of a live case study read with PREFETCH."""
    # Its régions (a territory that is the région or lies in it), its themes and their parents.
    regions, themes = ["", *page.facet_region()], ["", *page.facet_theme()]
    rows = []
    for line in page.funding_lines.all():
        if not line.funding_programme_id:
            continue
        start = first_year(line.year_from, line.year_to, page.start_year, page.end_year)
        end = first_year(line.year_to, line.year_from, page.end_year, page.start_year)
        rows += [
            ProgrammeLine(
                line_id=line.pk,
                programme_id=line.funding_programme_id,
                page_id=page.pk,
                region=region,
                theme=theme,
                start=start,
                end=end,
            )
            for region in regions
            for theme in themes
        ]
    return rows


def sync_pages(pages: Iterable) -> None:
    """Rewrite the rows of these case studies (prefetch PREFETCH for bulk use); a page not live has none."""
    pages = list(pages)
    rows = [row for page in pages if page.live for row in rows_of(page)]
    with transaction.atomic():
        ProgrammeLine.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        ProgrammeLine.objects.bulk_create(rows, batch_size=2000)


def programmes_of(page_id: int) -> set[int]:
    """The programmes its rows name and those its funding lines name (a line may have changed programme)."""
    kept = ProgrammeLine.objects.filter(page_id=page_id).values_list("programme_id", flat=True)
    named = FundingLine.objects.filter(page_id=page_id).values_list("funding_programme_id", flat=True)
    return {pk for pk in (*kept, *named) if pk}


def touch(programme_ids) -> None:
    """Their pages changed (the sitemap's date)."""
    if programme_ids:
        FundingProgramme.objects.filter(pk__in=programme_ids).update(modified_at=timezone.now())


def sync_page(page_id: int) -> None:
    # Read again with its parts as saved (a published instance may hold them in memory only).
    before = programmes_of(page_id)
    sync_pages(ProjectPage.objects.filter(pk=page_id).prefetch_related(*PREFETCH))
    touch(before | programmes_of(page_id))


def sync_all(chunk_size: int = 1000, progress=None) -> int:
    """Rebuild the whole table in chunks of live case studies (keyset pagination); returns how many were read."""
    with transaction.atomic():
        ProgrammeLine.objects.all().delete()
        return sync_live_in_chunks(PREFETCH, sync_pages, chunk_size, progress)


def published(sender, instance, **kwargs):
    if isinstance(instance, ProjectPage):
        sync_page(instance.pk)


def drop_page(page_id: int) -> None:
    touch(programmes_of(page_id))
    ProgrammeLine.objects.filter(page_id=page_id).delete()


def unpublished(sender, instance, **kwargs):
    if isinstance(instance, ProjectPage):
        drop_page(instance.pk)


def line_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.page_id:
        return
    if ProjectPage.objects.filter(pk=instance.page_id, live=True).exists():
        sync_page(instance.page_id)
    else:
        drop_page(instance.page_id)


def fill_after_migrate(using="default", **kwargs):
    """After `migrate`: the table filled if it is empty while live case studies name programmes (a database
    migrated from before the table existed)."""
    from django.db import connections

    if ProgrammeLine._meta.db_table not in connections[using].introspection.table_names():
        return
    named = FundingLine.objects.using(using).filter(page__live=True, funding_programme__isnull=False)
    if ProgrammeLine.objects.using(using).exists() or not named.exists():
        return
    sync_all()


def connect(app_config) -> None:
    from django.db.models.signals import post_migrate

    page_published.connect(published, dispatch_uid="programmes-published")
    page_unpublished.connect(unpublished, dispatch_uid="programmes-unpublished")
    post_save.connect(line_changed, sender=FundingLine, dispatch_uid="programmes-line-saved")
    post_migrate.connect(fill_after_migrate, sender=app_config, dispatch_uid="programmes-fill-after-migrate")
