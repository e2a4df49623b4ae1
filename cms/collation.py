"""Alphabetical order as a French reader expects: accents and case do not move a name (Île-de-France among
the I, École among the E, never after Z).

The database sorts: PostgreSQL with its ICU French collation (`fr-x-icu`); SQLite, which has no ICU, with a
collation of its own (`coop_french`) registered on every connection, that compares sort_key(). Python sorts
lists built in memory with the same sort_key(). The two agree on letters, accents and case; ICU may differ on
punctuation.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

POSTGRESQL_COLLATION = "fr-x-icu"
SQLITE_COLLATION = "coop_french"


def sort_key(text: str) -> tuple[str, str]:
    """Letters without their accents, case folded; ties broken by the text itself (e before é, E before e)."""
    text = text or ""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return folded.replace("œ", "oe").replace("æ", "ae"), text


def compare(left: str, right: str) -> int:
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


class Alphabetical(Collate):
    """A text column in French alphabetical order, for order_by() and Meta.ordering."""

    def __init__(self, expression):
        super().__init__(expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, collation=SQLITE_COLLATION, **extra_context)


def alphabetical(*fields: str) -> list[Alphabetical]:
    return [Alphabetical(field) for field in fields]


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, compare)


def connect() -> None:
    """Called once by the cms app: every new SQLite connection learns the collation."""
    connection_created.connect(register_sqlite_collation, dispatch_uid="coop_french_collation")
