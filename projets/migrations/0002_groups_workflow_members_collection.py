"""Groups, the moderation workflow and the members-only collection, so a fresh install has them.

Contributeurs write drafts and submit them; Modérateurs review, publish or reject with a comment;
Membres may read members-only contract documents. Administrators are superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTORS = "Contributeurs"
MODERATORS = "Modérateurs"
MEMBERS = "Membres"
MEMBERS_COLLECTION = "Documents réservés aux membres"
WORKFLOW_NAME = "Modération des études de cas"
TASK_NAME = "Relecture par les modérateurs"

TREE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(parent, model):
    """treebeard materialised path of a new last child (historical models have no tree API)."""
    last = model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = 0
    if last:
        step = last.path[-4:]
        for char in step:
            number = number * 36 + TREE_ALPHABET.index(char)
        number += 1
    step = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        step = TREE_ALPHABET[remainder] + step
    return parent.path + step


def permission(apps, app_label, codename):
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def setup(apps, schema_editor):
    # Permissions are normally created after all migrations: make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")

    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    members, _ = Group.objects.get_or_create(name=MEMBERS)

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    admin_access = permission(apps, "wagtailadmin", "access_admin")
    contributors.permissions.add(
        admin_access,
        *(permission(apps, "projets", f"{action}_organisation") for action in ("add", "change", "view")),
        permission(apps, "projets", "view_theme"),
        permission(apps, "projets", "view_territory"),
    )
    moderators.permissions.add(
        admin_access,
        *(
            permission(apps, "projets", f"{action}_{model}")
            for model in ("organisation", "theme")
            for action in ("add", "change", "delete", "view")
        ),
        permission(apps, "projets", "view_territory"),
    )

    page_actions = {
        contributors: ("add_page", "change_page"),
        moderators: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    }
    for group, actions in page_actions.items():
        for codename in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(apps, "wagtailcore", codename)
            )

    for group in (contributors, moderators):
        for app_label, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
            for action in ("add", "change", "choose"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, f"{action}_{model}"),
                )

    collection = Collection.objects.filter(name=MEMBERS_COLLECTION).first()
    if collection is None:
        collection = Collection.objects.create(
            name=MEMBERS_COLLECTION, path=next_child_path(root_collection, Collection), depth=2, numchild=0
        )
        root_collection.numchild += 1
        root_collection.save(update_fields=["numchild"])
    restriction, _ = CollectionViewRestriction.objects.get_or_create(collection=collection, restriction_type="groups")
    restriction.groups.add(members, moderators)
    for action in ("add", "change", "choose"):
        GroupCollectionPermission.objects.get_or_create(
            group=moderators, collection=collection, permission=permission(apps, "wagtaildocs", f"{action}_document")
        )

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type = ContentType.objects.get_for_model(GroupApprovalTask)
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("projets", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
