"""Look inside an OpenSearch / Elasticsearch backend: its indexes, aliases and document fingerprints.

Used by the re-synchronisation (search/resync.py), the atomic rebuild's catch-up (search/indexing.py)
and the tests. A fingerprint is a hash of a document as the engine stores it (`_source`), so that what
the database would index today can be compared with what the engine holds, whatever the key order.
"""

import datetime
import decimal
import hashlib
import importlib
import json
import uuid
from collections.abc import Iterable

SCAN_PAGE_SIZE = 1000


def is_engine(backend) -> bool:
    """OpenSearch / Elasticsearch (a client in `es`), as opposed to a database backend."""
    return hasattr(backend, "es")


def _json_default(value):
    """What the engine clients send for non-JSON types (dates in ISO format, decimals as numbers)."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


def _canonical(value):
    """Key order and list order do not matter (related objects may come back in any order)."""
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def fingerprint(document: dict) -> str:
    """A stable hash of a document, equal for a stored `_source` and the dict it was sent from."""
    as_stored = json.loads(json.dumps(document, default=_json_default))
    text = json.dumps(_canonical(as_stored), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def index_exists(backend, name: str) -> bool:
    """An index or an alias of that name (keyword argument: the Elasticsearch 8 client needs it)."""
    return bool(backend.es.indices.exists(index=name))


def _helpers(backend):
    """`opensearchpy.helpers` or `elasticsearch.helpers`, whichever client the backend uses."""
    return importlib.import_module(type(backend.es).__module__.split(".")[0] + ".helpers")


def scan_fingerprints(backend, index_name: str) -> dict[str, str]:
    """{document id: fingerprint} for every document of an index (or alias); {} if it does not exist."""
    if not index_exists(backend, index_name):
        return {}
    hits = _helpers(backend).scan(
        backend.es, index=index_name, query={"query": {"match_all": {}}}, size=SCAN_PAGE_SIZE, scroll="2m"
    )
    return {hit["_id"]: fingerprint(hit.get("_source", {})) for hit in hits}


def write_count(backend, names) -> int | None:
    """Index and delete operations an index (or alias, or list of them) has taken since it was opened;
    None if none of them exists. Equal before and after a rebuild: nothing was written to it meanwhile."""
    names = [names] if isinstance(names, str) else list(names)
    existing = [name for name in names if index_exists(backend, name)]
    if not existing:
        return None
    stats = backend.es.indices.stats(index=",".join(existing), metric="indexing")
    return sum(
        info["primaries"]["indexing"]["index_total"] + info["primaries"]["indexing"]["delete_total"]
        for info in stats["indices"].values()
    )


def delete_documents(backend, index_name: str, ids: Iterable[str]) -> int:
    """Delete documents by id (missing ones are ignored); returns how many were asked."""
    actions = [{"_op_type": "delete", "_index": index_name, "_id": doc_id} for doc_id in ids]
    if actions:
        _helpers(backend).bulk(backend.es, actions, raise_on_error=False, raise_on_exception=True)
    return len(actions)


def own_index_names(backend) -> set[str]:
    """The names of this backend's indexes (prefix included), one per indexed model's index."""
    from modelsearch.index import get_indexed_models

    return {backend.get_index_for_model(model).name for model in get_indexed_models()}


def prefixed_indexes(backend) -> dict[str, list[str]]:
    """{concrete index name: [its aliases]} for every index of this backend's INDEX_PREFIX.

    Only this prefix's own indexes: named as one of them, or that name and the suffix of an atomic rebuild.
    Another prefix that starts with this one is someone else's: `coop_bench_100000_wagtailcore_page_x`
    matched `coop_*`, and the tests' clean-up dropped a benchmark's 100,000-case index.
    """
    own = own_index_names(backend)
    found = backend.es.indices.get_alias(index=f"{backend.index_prefix}*", ignore_unavailable=True)
    return {name: sorted(info.get("aliases", {})) for name, info in found.items() if is_own_index(name, own)}


def is_own_index(name: str, own_names: Iterable[str]) -> bool:
    """`name` is one of `own_names`, or one of them with the suffix an atomic rebuild adds (`_<random>`)."""
    return any(name == base or name.startswith(f"{base}_") for base in own_names)


def alias_targets(backend, alias: str) -> list[str]:
    if not backend.es.indices.exists_alias(name=alias):
        return []
    return sorted(backend.es.indices.get_alias(name=alias))


def drop_prefixed_indexes(backend) -> list[str]:
    """Delete every index of this prefix, including those behind aliases (what reset_indexes cannot do)."""
    names = sorted(prefixed_indexes(backend))
    for name in names:
        backend.es.indices.delete(index=name, ignore_unavailable=True)
    return names
