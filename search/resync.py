"""Make the search indexes equal to the database again, after an outage of the engine or of the worker.

Index updates run in the background worker and an engine that is down loses them (modelsearch logs the
error and moves on, so that publishing never fails). `resync()` repairs that drift:
- OpenSearch / Elasticsearch: every document the database would index today is compared with what the
  engine stores (a fingerprint of `_source`); missing and stale ones are sent again, extra ones deleted.
  Only the documents that differ are written.
- Database backends (no remote service, updated in the same task): missing entries are added, entries
  of deleted objects removed, and every entry is refreshed in place (there is no cheap way to compare).

A write made by the worker while a resync runs can be overwritten by an older copy of the same document
only if it lands between the resync's read of that chunk and its write (a few milliseconds); the next
periodic run repairs it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.search.backends import get_search_backend

from search.engine_indexes import delete_documents, fingerprint, index_exists, is_engine, scan_fingerprints

DEFAULT_CHUNK_SIZE = 500


@dataclass
class IndexDrift:
    """What one index lacked (missing), held in an outdated form (stale) or held for nothing (extra)."""

    backend: str
    index: str
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    refreshed: int = 0  # database backends: entries rewritten without comparison

    @property
    def drift(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)

    def summary(self) -> str:
        text = (
            f"{self.backend}/{self.index}: {self.checked} vérifiés, {len(self.missing)} manquants, "
            f"{len(self.stale)} périmés, {len(self.extra)} en trop"
        )
        return text + (f", {self.refreshed} rafraîchis" if self.refreshed else "")


def default_backends() -> list[str]:
    """The engine backends kept up to date automatically; the database ones if there is no engine."""
    auto = [name for name, params in settings.WAGTAILSEARCH_BACKENDS.items() if params.get("AUTO_UPDATE", True)]
    engines = [name for name in auto if is_engine(get_search_backend(name))]
    return engines or auto


def resync(
    backend_names: Iterable[str] | None = None, *, chunk_size: int = DEFAULT_CHUNK_SIZE, dry_run: bool = False
) -> list[IndexDrift]:
    """Re-synchronise every index of the given backends (default: see default_backends)."""
    from search.indexing import models_by_index

    drifts = []
    for name in backend_names or default_backends():
        backend = get_search_backend(name)
        for _key, (index, models) in models_by_index(backend).items():
            if is_engine(backend):
                drift = resync_engine_index(backend, index, models, chunk_size=chunk_size, dry_run=dry_run)
            else:
                drift = resync_database_index(backend, index, models, chunk_size=chunk_size, dry_run=dry_run)
            drift.backend = name
            drifts.append(drift)
    return drifts


def resync_engine_index(backend, index, models, *, chunk_size=DEFAULT_CHUNK_SIZE, dry_run=False) -> IndexDrift:
    """Compare an engine index (or alias) with the database and send only the differences."""
    drift = IndexDrift(backend="", index=index.name)
    if not dry_run:
        if not index_exists(backend, index.name):
            index.put()
        for model in models:
            index.add_model(model)  # new fields get their mapping before documents carry them
    stored = scan_fingerprints(backend, index.name)
    seen = _send_differences(index, models, stored, drift, chunk_size=chunk_size, dry_run=dry_run)
    drift.extra = sorted(set(stored) - seen)
    if not dry_run:
        delete_documents(backend, index.name, drift.extra)
        index.refresh()
    return drift


def reapply_ids(index, models, ids: Iterable[str], *, chunk_size=DEFAULT_CHUNK_SIZE) -> IndexDrift:
    """Write these documents again from the database (deleting those that no longer exist)."""
    from search.indexing import indexed_queryset, keyset_chunks

    drift = IndexDrift(backend="", index=index.name)
    wanted = set(ids)
    found = set()
    for model in models:
        pks = [model._meta.pk.to_python(doc_id) for doc_id in wanted - found]
        if not pks:
            break
        mapping = index.mapping_class(model)
        for chunk in keyset_chunks(indexed_queryset(model).filter(pk__in=pks), chunk_size):
            found.update(mapping.get_document_id(obj) for obj in chunk)
            index.add_items(model, chunk)
    drift.stale = sorted(found)
    drift.extra = sorted(wanted - found)
    delete_documents(index.backend, index.name, drift.extra)
    index.refresh()
    return drift


def _send_differences(index, models, stored: dict[str, str], drift: IndexDrift, *, chunk_size, dry_run) -> set[str]:
    from search.indexing import indexed_queryset, keyset_chunks

    seen: set[str] = set()
    for model in models:
        mapping = index.mapping_class(model)
        for chunk in keyset_chunks(indexed_queryset(model), chunk_size):
            outdated = []
            for obj in chunk:
                doc_id = mapping.get_document_id(obj)
                seen.add(doc_id)
                held = stored.get(doc_id)
                if held is None:
                    drift.missing.append(doc_id)
                elif held != fingerprint(mapping.get_document(obj)):
                    drift.stale.append(doc_id)
                else:
                    continue
                outdated.append(obj)
            drift.checked += len(chunk)
            if outdated and not dry_run:
                index.add_items(model, outdated)
    return seen


def resync_database_index(backend, index, models, *, chunk_size=DEFAULT_CHUNK_SIZE, dry_run=False) -> IndexDrift:
    """Database backends: add missing entries, delete orphans, refresh the others in place."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from search.indexing import indexed_queryset, keyset_chunks

    drift = IndexDrift(backend="", index=type(index).__name__)
    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        entries = IndexEntry.objects.filter(content_type=content_type)
        stored = set(entries.values_list("object_id", flat=True))
        expected = set()
        for chunk in keyset_chunks(indexed_queryset(model), chunk_size):
            ids = [str(obj.pk) for obj in chunk]
            expected.update(ids)
            drift.missing += [doc_id for doc_id in ids if doc_id not in stored]
            drift.checked += len(chunk)
            if not dry_run:
                index.add_items(model, chunk)
                drift.refreshed += sum(doc_id in stored for doc_id in ids)
        extra = sorted(stored - expected)
        drift.extra += extra
        if extra and not dry_run:
            entries.filter(object_id__in=extra).delete()
    return drift
