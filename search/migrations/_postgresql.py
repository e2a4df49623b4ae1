"""SQL that a migration runs on PostgreSQL only: SQLite has none of these features and gets nothing.

The leading underscore keeps Django's migration loader from reading this module as a migration.
"""

from django.db import migrations


def on_postgresql(create_sql: str, drop_sql: str) -> migrations.RunPython:
    """A RunPython operation executing `create_sql` forwards and `drop_sql` backwards, on PostgreSQL."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create_sql)

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop_sql)

    return migrations.RunPython(create, drop)
