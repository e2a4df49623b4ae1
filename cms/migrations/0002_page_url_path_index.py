"""An index on Wagtail's page `url_path`: projets.routing finds a case study by its address in one statement.

PostgreSQL gets a hash index (equality only, and no size limit on a long address); SQLite a B-tree.
"""

from django.db import migrations


def create(apps, schema_editor):
    method = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS coop_page_url_path ON wagtailcore_page {method}(url_path)")


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS coop_page_url_path")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
