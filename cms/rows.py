"""Inline rows built in code (demo, import, API) keep the order they were given.

The admin's formsets number inline rows; code that assigns a list of rows does not, and rows whose
``sort_order`` is NULL come back from PostgreSQL in whatever physical order an update left them in:
a case study's partners would shuffle between two reads, and an idempotent loader would see a change.
"""

from modelcluster.models import ClusterableModel


def number_pending_rows(instance: ClusterableModel) -> None:
    """Give unsaved in-memory child rows their list position when none of them has one."""
    for rows in getattr(instance, "_cluster_related_objects", {}).values():
        if rows and all(hasattr(row, "sort_order") and row.sort_order is None for row in rows):
            for position, row in enumerate(rows):
                row.sort_order = position


class NumberedRowsMixin:
    """For ClusterableModels (pages, rows with rows of their own): number pending child rows on save."""

    def save(self, *args, **kwargs):
        number_pending_rows(self)
        return super().save(*args, **kwargs)
