"""Names of the facet values stored in the database (themes, regions, départements), kept in memory.

Every search needs them (labels of the facet values, validation of ?theme= and ?region=): reading the
two small tables once instead of twice per request saves two queries. The copy is dropped when a theme
or territory is saved or deleted in this process, re-read after LABELS_SECONDS in the others, and
re-read at once when asked for a value it does not know (rows written in bulk send no signal).
"""

import time

from django.db.models.signals import post_delete, post_save

LABELS_SECONDS = 60
_state: dict = {"labels": None, "read_at": 0.0}


def _read() -> dict[str, dict[str, str]]:
    from projets.choices import TerritoryKind
    from projets.models import Territory, Theme

    labels: dict[str, dict[str, str]] = {"theme": dict(Theme.objects.values_list("slug", "name"))}
    labels["region"], labels["departement"] = {}, {}
    for kind, code, name in Territory.objects.filter(
        kind__in=[TerritoryKind.REGION, TerritoryKind.DEPARTEMENT]
    ).values_list("kind", "code", "name"):
        labels["region" if kind == TerritoryKind.REGION else "departement"][code] = name
    return labels


def labels(wanted: dict[str, object] | None = None) -> dict[str, dict[str, str]]:
    """{facet: {value: name}} for theme, region and departement; `wanted` values missing force a re-read."""
    cached = _state["labels"]
    stale = cached is None or time.monotonic() - _state["read_at"] > LABELS_SECONDS
    if not stale and wanted:
        stale = any(set(values) - cached.get(name, {}).keys() for name, values in wanted.items() if name in cached)
    if stale:
        _state["labels"], _state["read_at"] = _read(), time.monotonic()
    return _state["labels"]


def clear(**kwargs) -> None:
    _state["labels"] = None


def connect() -> None:
    from projets.models import Territory, Theme

    for model in (Theme, Territory):
        post_save.connect(clear, sender=model, dispatch_uid=f"search-labels-save-{model.__name__}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"search-labels-delete-{model.__name__}")
