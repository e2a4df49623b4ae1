"""Public identifiers unique and required, once 0010 gave every existing row its own."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projets", "0010_public_identifiers")]

    operations = [
        migrations.AlterField(
            model_name="projectpage",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Donné à la création, jamais réutilisé ni modifié : la clé de l'étude de cas dans les données ouvertes.",
                unique=True,
                verbose_name="identifiant public",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Donné à la création, jamais réutilisé ni modifié : la clé de l'organisation dans les données ouvertes.",
                unique=True,
                verbose_name="identifiant public",
            ),
        ),
    ]
