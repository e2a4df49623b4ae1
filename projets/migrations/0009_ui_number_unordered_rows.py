"""Number inline rows stored with a NULL sort_order (demo and importer runs before cms.rows.NumberedRowsMixin).

Rows whose sort_order is NULL come back in whatever physical order the database keeps them, so a case
study's partners could shuffle between two reads. For every parent none of whose rows is numbered, its
rows get 0, 1, 2… in id order (the order they were created in). Parents with a numbered row are left as
they are: an editor ordered them. Plain SQL, the same on SQLite and PostgreSQL; the parents to fix are
read first, so the update never sees its own changes (SQLite re-evaluates a correlated WHERE per row).
"""

from django.db import migrations

# (model, parent foreign key) of every Orderable the demo or the importer may have saved unnumbered.
ROWS = [
    ("ProjectPartner", "page"),
    ("FundingLine", "page"),
    ("Contract", "page"),
    ("Lesson", "page"),
    ("ProjectOutput", "page"),
    ("ProjectSource", "page"),
    ("EventSession", "page"),
    ("Workshop", "page"),
    ("WorkshopLesson", "workshop"),
]
CHUNK = 500


def number_table(connection, table: str, parent: str) -> int:
    """Number the rows of parents without any numbered row; return how many rows changed."""
    quote = connection.ops.quote_name
    table, parent = quote(table), quote(parent)
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {parent} FROM {table} GROUP BY {parent} HAVING COUNT(sort_order) = 0"  # noqa: S608
        )
        parents = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(parents), CHUNK):
            chunk = parents[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} SET sort_order = ("  # noqa: S608
                f"SELECT COUNT(*) FROM {table} earlier "
                f"WHERE earlier.{parent} = {table}.{parent} AND earlier.id < {table}.id"
                f") WHERE sort_order IS NULL AND {parent} IN ({placeholders})",
                chunk,
            )
            changed += cursor.rowcount
    return changed


def number_all(apps, connection) -> int:
    changed = 0
    for model_name, parent in ROWS:
        model = apps.get_model("projets", model_name)
        changed += number_table(connection, model._meta.db_table, model._meta.get_field(parent).column)
    return changed


def number_rows(apps, schema_editor):
    number_all(apps, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("projets", "0008_speed_start_year_order")]

    operations = [migrations.RunPython(number_rows, migrations.RunPython.noop)]
