"""Wagtail's default groups lose their rights on the root; contributors keep to the catalogue.

Wagtail's first migrations create "Moderators" and "Editors" with page rights on the root, beside our
Modérateurs and Contributeurs: removed when nobody is in them, emptied of their root rights otherwise.
Contributors' page rights move from the root (home page, legal pages included) to the catalogue.
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
CONTRIBUTORS = "Contributeurs"
CONTRIBUTOR_PAGE_RIGHTS = ("add_page", "change_page")


def restrict(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ProjectIndexPage = apps.get_model("projets", "ProjectIndexPage")

    roots = Page.objects.filter(depth=1)
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if group.user_set.exists():
            GroupPagePermission.objects.filter(group=group, page__in=roots).delete()
        else:
            group.delete()

    contributors = Group.objects.filter(name=CONTRIBUTORS).first()
    if contributors is None:
        return
    GroupPagePermission.objects.filter(group=contributors, page__in=roots).delete()
    for codename in CONTRIBUTOR_PAGE_RIGHTS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for catalogue in ProjectIndexPage.objects.all():
            GroupPagePermission.objects.get_or_create(group=contributors, page_id=catalogue.pk, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("projets", "0010_case_study_missing_parts"),
    ]

    operations = [migrations.RunPython(restrict, migrations.RunPython.noop)]
