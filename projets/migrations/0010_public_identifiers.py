"""A stable public identifier for every case study and organisation (the key of the open data).

Added nullable, filled for the existing rows (each its own random UUID), then made unique and required:
the documented way to add a unique field to a table that already has rows.
"""

import uuid

from django.db import migrations, models

CHUNK = 500


def fill(apps, schema_editor):
    for model_name in ("ProjectPage", "Organisation"):
        model = apps.get_model("projets", model_name)
        pending = model.objects.filter(public_id__isnull=True).order_by("pk")
        while chunk := list(pending[:CHUNK]):
            for row in chunk:
                row.public_id = uuid.uuid4()
            model.objects.bulk_update(chunk, ["public_id"])


class Migration(migrations.Migration):
    dependencies = [("projets", "0009_ui_number_unordered_rows")]

    operations = [
        migrations.AddField(
            model_name="projectpage",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
