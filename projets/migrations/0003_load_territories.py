from django.db import migrations


def load(apps, schema_editor):
    from projets.territories import load_territories

    load_territories(apps.get_model("projets", "Territory"))


class Migration(migrations.Migration):
    dependencies = [("projets", "0002_groups_workflow_members_collection")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
