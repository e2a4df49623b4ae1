"""Accent- and case-insensitive "contains" on text columns, the same on SQLite and PostgreSQL.

PostgreSQL uses its `unaccent` extension (created by this app's migration); SQLite gets a
function of the same behaviour registered on each new connection. The needle is folded in Python
the same way, so "reunion" finds "Réunion" and "ŒUVRE" finds "œuvre".
"""

import unicodedata

from django.db.models import Func, Q, TextField
from django.db.models.functions import Lower

SQLITE_FUNCTION = "coop_unaccent"
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without diacritics: the form both sides are compared in."""
    text = (text or "").translate(LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


class Unaccent(Func):
    function = "UNACCENT"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)


def register_sqlite_unaccent(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 1, lambda value: None if value is None else fold(value), deterministic=True
        )


def folded(field: str) -> Lower:
    return Lower(Unaccent(field))


def contains_any_field(queryset, fields: list[str], needle: str):
    """Rows where one of `fields` contains `needle` (every word of it, ignoring accents and case)."""
    words = fold(needle).split()
    if not words:
        return queryset
    aliases = {f"_folded_{index}": folded(field) for index, field in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    for word in words:
        condition = Q()
        for alias in aliases:
            condition |= Q(**{f"{alias}__contains": word})
        queryset = queryset.filter(condition)
    return queryset
