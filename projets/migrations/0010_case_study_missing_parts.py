"""Store what each case study lacks (projets.completeness), so that listings find incomplete ones by a column."""

from collections import defaultdict

from django.db import migrations, models

# The keys and relations of projets.completeness.PARTS at the time of this migration.
PARTS = (
    ("partners", "projets", "ProjectPartner", "page_id"),
    ("funding", "projets", "FundingLine", "page_id"),
    ("sources", "projets", "ProjectSource", "page_id"),
    ("themes", None, "themes", "projectpage_id"),
    ("territories", None, "territories", "projectpage_id"),
)
CHUNK = 1000


def fill(apps, schema_editor):
    ProjectPage = apps.get_model("projets", "ProjectPage")
    having = {}
    for key, app_label, name, column in PARTS:
        model = apps.get_model(app_label, name) if app_label else getattr(ProjectPage, name).through
        having[key] = set(model.objects.values_list(column, flat=True).distinct())
    by_value = defaultdict(list)
    for pk in ProjectPage.objects.values_list("pk", flat=True).iterator():
        by_value[",".join(key for key, *_ in PARTS if pk not in having[key])].append(pk)
    for value, pks in by_value.items():
        for start in range(0, len(pks), CHUNK):
            ProjectPage.objects.filter(pk__in=pks[start : start + CHUNK]).update(missing_parts=value)


class Migration(migrations.Migration):
    dependencies = [
        ("projets", "0009_ui_number_unordered_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectpage",
            name="missing_parts",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Calculé à l'enregistrement : ce qui manque à l'étude de cas (partenaires, sources…).",
                max_length=100,
                verbose_name="éléments manquants",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
