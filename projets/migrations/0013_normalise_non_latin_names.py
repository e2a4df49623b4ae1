"""Recompute organisations' normalised names: letters of every script are now kept, not dropped.

Before, "Ελληνική Εταιρεία" and "Кириллица" both normalised to "" and a second such name merged into the
first. A name whose new form is already taken keeps its old form (never two organisations merged here).
"""

import re
import unicodedata

from django.db import migrations

LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def normalise_name(name: str) -> str:
    # Frozen copy of projets.identifiers.normalise_name as this migration was written.
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold().translate(LIGATURES)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def renormalise(apps, schema_editor):
    Organisation = apps.get_model("projets", "Organisation")
    taken = set(Organisation.objects.values_list("normalised_name", flat=True))
    for organisation in Organisation.objects.only("pk", "name", "normalised_name").iterator():
        new = normalise_name(organisation.name)
        if new != organisation.normalised_name and new not in taken:
            taken.discard(organisation.normalised_name)
            taken.add(new)
            Organisation.objects.filter(pk=organisation.pk).update(normalised_name=new)


class Migration(migrations.Migration):
    dependencies = [("projets", "0012_merge_missing_parts_and_identifiers")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
