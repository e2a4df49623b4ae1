"""Contributors no longer change every document: only those they uploaded (Wagtail's "add" covers them).

"Change" on the root collection reached the members-only collection too, so a contributor could move
a members-only contract document out of it and make it public. Moderators keep "change".
"""

from django.db import migrations

CONTRIBUTORS = "Contributeurs"


def restrict(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=CONTRIBUTORS,
        permission__content_type__app_label="wagtaildocs",
        permission__codename="change_document",
    ).delete()


def restore(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=CONTRIBUTORS).first()
    if group is not None:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=Collection.objects.get(depth=1),
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename="change_document"),
        )


class Migration(migrations.Migration):
    dependencies = [("projets", "0004_site_proposals")]

    operations = [migrations.RunPython(restrict, restore)]
