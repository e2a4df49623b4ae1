"""Helpers for the few raw SQL statements of hot paths, where building the query with the ORM was measured
to cost more than running it (search hits, a case study's related pages and organisations)."""

from django.db import connection


def table(model) -> str:
    """The model's table, quoted for the database in use."""
    return connection.ops.quote_name(model._meta.db_table)


def placeholders(values) -> str:
    """One parameter marker per value, for an IN list."""
    return ", ".join(["%s"] * len(values))
