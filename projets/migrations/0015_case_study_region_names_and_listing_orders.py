"""Store each case study's region names, and index the sorts of the admin listing of case studies.

The listing reads one page of rows in the order of a sortable column: the regions (stored here), what is
missing, and Wagtail's own columns (latest revision, title, state), indexed on Wagtail's page table with the
page key to break ties, so that PostgreSQL reads 50 rows from an index instead of sorting every case study.
"""

from collections import defaultdict

from django.db import migrations, models

CHUNK = 1000
SEPARATOR = ", "  # projets.page_regions.SEPARATOR at the time of this migration
# Wagtail's page table: (index name, columns). Created only if missing, dropped on the way back.
PAGE_INDEXES = (
    ("coop_page_latest_revision_order", "latest_revision_created_at {nulls_first}, id"),
    ("coop_page_title_order", "title, id"),
    ("coop_page_live_order", "live, id"),
)


def fill_region_names(apps, schema_editor):
    ProjectPage = apps.get_model("projets", "ProjectPage")
    Through = ProjectPage.territories.through
    names = defaultdict(set)
    links = Through.objects.values_list(
        "projectpage_id", "territory__kind", "territory__name", "territory__region__kind", "territory__region__name"
    )
    for page_id, kind, name, region_kind, region_name in links.iterator(chunk_size=5000):
        if kind == "departement":
            kind, name = region_kind, region_name
        if kind == "region":
            names[page_id].add(name)
    by_value = defaultdict(list)
    for page_id, regions in names.items():
        by_value[SEPARATOR.join(sorted(regions))].append(page_id)
    for value, pks in by_value.items():
        for start in range(0, len(pks), CHUNK):
            ProjectPage.objects.filter(pk__in=pks[start : start + CHUNK]).update(region_names=value)


def create_page_indexes(apps, schema_editor):
    nulls_first = "NULLS FIRST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in PAGE_INDEXES:
        columns = columns.format(nulls_first=nulls_first)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page ({columns})")


def drop_page_indexes(apps, schema_editor):
    for name, _columns in PAGE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("projets", "0014_merge_programmes_and_non_latin_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectpage",
            name="region_names",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Calculé à l'enregistrement : les régions des territoires de l'étude de cas, pour le tri.",
                max_length=500,
                verbose_name="régions",
            ),
        ),
        migrations.RunPython(fill_region_names, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="projectpage",
            index=models.Index(fields=["missing_parts", "page_ptr"], name="projets_missing_parts_order"),
        ),
        migrations.AddIndex(
            model_name="projectpage",
            index=models.Index(fields=["region_names", "page_ptr"], name="projets_region_names_order"),
        ),
        migrations.RunPython(create_page_indexes, drop_page_indexes),
    ]
