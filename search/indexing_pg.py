"""Bulk rebuild path for the PostgreSQL database search backend.

The stock `PostgresIndex.add_items` reads every search field of an object five times (title, body,
autocomplete and the two plain texts each walk all fields, StreamField included) and builds one Django
`SearchVector` expression per text, compiled to SQL in Python: about 18 ms of CPU per case study. Here
each object's fields are read once, texts are grouped by weight, and one `INSERT ... SELECT ... FROM
unnest(arrays)` lets PostgreSQL build the vectors (`setweight(to_tsvector(config, text), weight)` per
weight, concatenated): the same rows, the same upsert, a fraction of the cost. Used by the rebuild only
(`search.indexing.reindex`); saving a page still goes through the backend's own `add_items`.
"""

from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer, PostgresIndex
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

WEIGHTS = "ABCD"
# object_id, title by weight, autocomplete, body by weight, title_text, body_text
COLUMNS = ["object_id", *(f"t{w}" for w in WEIGHTS), "ac", *(f"b{w}" for w in WEIGHTS), "title_text", "body_text"]


def is_postgres_index(index) -> bool:
    return isinstance(index, PostgresIndex)


def document_row(indexer: ObjectIndexer) -> list[str]:
    """One object's texts, read once: [object_id, title A..D, autocomplete, body A..D, title_text, body_text]."""
    title = {weight: [] for weight in WEIGHTS}
    body = {weight: [] for weight in WEIGHTS}
    autocomplete: list[str] = []
    titles, bodies = [], []  # plain texts for fuzzy search, in field order as the backend writes them
    for field in indexer.search_fields:
        for current, weight, value in indexer.prepare_field(indexer.obj, field):
            text = value.strip()
            if not text:
                continue
            if isinstance(current, AutocompleteField):
                autocomplete.append(text)
            elif isinstance(current, SearchField):
                is_title = current.field_name == "title"
                (title if is_title else body)[weight].append(text)
                (titles if is_title else bodies).append(text)
    return [
        indexer.id,
        *(" ".join(title[w]) for w in WEIGHTS),
        " ".join(autocomplete),
        *(" ".join(body[w]) for w in WEIGHTS),
        " ".join(titles),
        " ".join(bodies),
    ]


def _vector(config: str | None, columns: list[tuple[str, str]]) -> tuple[str, list]:
    """SQL for `setweight(to_tsvector(config, col), w) || ...` and its parameters."""
    parts, params = [], []
    for column, weight in columns:
        if config:
            parts.append(f"setweight(to_tsvector(%s::regconfig, d.{column}), %s)")
            params += [config, weight]
        else:
            parts.append(f"setweight(to_tsvector(d.{column}), %s)")
            params.append(weight)
    return " || ".join(parts), params


def rebuild_add_items(index):
    """The `add_items(model, objs)` a rebuild uses for `index`: the bulk path on PostgreSQL, else the backend's."""
    if is_postgres_index(index):
        return lambda model, objs: bulk_add_items(index, model, objs)
    return index.add_items


def bulk_add_items(index: PostgresIndex, model, objs) -> None:
    """Upsert the index rows of `objs` in one statement (same columns and conflict rule as the backend)."""
    if not model.get_search_fields() or not objs:
        return
    backend = index.backend
    rows = [document_row(ObjectIndexer(obj, backend)) for obj in objs]
    title_sql, title_params = _vector(backend.config, [(f"t{w}", w) for w in WEIGHTS])
    auto_sql, auto_params = _vector(backend.autocomplete_config, [("ac", "D")])
    body_sql, body_params = _vector(backend.config, [(f"b{w}", w) for w in WEIGHTS])
    arrays = ", ".join(["%s::text[]"] * len(COLUMNS))
    # Only column names and placeholders are interpolated; every value is a parameter.
    sql = f"""
        INSERT INTO {IndexEntry._meta.db_table}
            (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
        SELECT %s, d.object_id, {title_sql}, {auto_sql}, {body_sql}, 1.0, d.title_text, d.body_text
        FROM unnest({arrays}) AS d({", ".join(COLUMNS)})
        ON CONFLICT (content_type_id, object_id)
        DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                      body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    """  # noqa: S608
    columns = [list(column) for column in zip(*rows, strict=True)]
    params = [get_content_type_pk(model), *title_params, *auto_params, *body_params, *columns]
    with index.write_connection.cursor() as cursor:
        cursor.execute(sql, params)
    index._refresh_title_norms()
