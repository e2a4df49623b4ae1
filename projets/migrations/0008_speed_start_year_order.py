"""An index for the catalogue's default order (search.service.ORDERINGS["debut"]), on PostgreSQL only.

`start_year DESC NULLS LAST, page_ptr_id DESC`: a page of the catalogue is read in index order instead of
sorting every case study (830 ms at 100,000). SQLite cannot index NULLS LAST (and is never that large).
"""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS projets_start_year_order ON "projets_projectpage" '
    '("start_year" DESC NULLS LAST, "page_ptr_id" DESC)'
)
DROP = "DROP INDEX IF EXISTS projets_start_year_order"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("projets", "0007_speed_partner_index")]

    operations = [migrations.RunPython(create, drop)]
