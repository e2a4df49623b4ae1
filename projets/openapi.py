"""Exact OpenAPI schemas for query parameters the API declares as plain strings.

The JSON API reads its parameters as strings so that every value reaches the French validation
(a 400 with a French `detail`, never django-ninja's English 422). The schema should still tell
clients, and Schemathesis, what is accepted: `documented()` replaces the generated schema of one
field by the exact one (integer bounds, enumerations, patterns, lengths).
"""

import functools
import json
from collections.abc import Callable
from typing import Any

Schema = dict[str, Any]


def documented(schema: Schema | Callable[[], Schema], description: str = "") -> dict[str, Any]:
    """Keyword arguments for pydantic's Field(): `description` and a schema that replaces the generated one.

    `schema` may be a function, called each time the OpenAPI document is generated (values read from
    the database, such as theme identifiers).
    """

    def replace(generated: dict[str, Any]) -> None:
        default = generated.get("default")
        generated.clear()
        generated.update(schema() if callable(schema) else schema)
        if description:
            generated["description"] = description
        if default not in (None, []):
            generated["default"] = default

    return (
        {"description": description, "json_schema_extra": replace} if description else {"json_schema_extra": replace}
    )


def integer(low: int, high: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high}


def values(item: dict[str, Any], max_items: int | None = None) -> dict[str, Any]:
    """A repeatable parameter (?x=a&x=b)."""
    schema = {"type": "array", "items": item}
    if max_items:
        schema["maxItems"] = max_items
    return schema


def choice(options) -> dict[str, Any]:
    return {"type": "string", "enum": list(options)}


def text(max_length: int) -> dict[str, Any]:
    """Free text without control characters (tab and line breaks aside) nor private-use characters."""
    return {"type": "string", "maxLength": max_length, "pattern": TEXT_PATTERN}


TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ue000-\uf8ff]*$"


@functools.cache
def territory_codes(kind: str) -> tuple[str, ...]:
    """Official INSEE codes of regions or départements, from the reference file the database is loaded from."""
    from projets.territories import DATA_FILE

    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(item["code"] for item in data[f"{kind}s"]))


def theme_slugs() -> Schema:
    """The themes that exist now (they are edited in the admin); a slug pattern while there is none."""
    from projets.models import Theme

    slugs = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    return choice(slugs) if slugs else {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$"}


EMPTY = {"type": "string", "maxLength": 0}
BLANK = {"type": "string", "pattern": r"^\s*$"}


def or_empty(schema: Schema, blank: Schema = EMPTY) -> Schema:
    """An empty value (`?sort=`, as HTML forms send) means "not given": the parsers ignore it."""
    return {"anyOf": [schema, blank]}
