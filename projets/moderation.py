"""Moderation in the admin: the moderator's comment shown to the author, contributors kept to the catalogue.

Contributors hold their page rights on the catalogue (ProjectIndexPage), not on the root: they write case
studies and cannot edit the home page or the content pages (legal notice, about). A catalogue created later
(load_demo, a fresh site) gets the same rights on creation.
"""

from django.contrib import messages
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowState

CONTRIBUTORS = "Contributeurs"
MODERATORS = "Modérateurs"
CONTRIBUTOR_PAGE_RIGHTS = ("add_page", "change_page")


def is_moderator(user) -> bool:
    """Active superuser or in Modérateurs; remembered on the user object for the rest of the request."""
    if not hasattr(user, "_coop_is_moderator"):
        user._coop_is_moderator = user.is_active and (
            user.is_superuser or user.groups.filter(name=MODERATORS).exists()
        )
    return user._coop_is_moderator


def latest_rejection(page) -> TaskState | None:
    """The rejected task of the page's workflow that awaits changes, if its moderator left a comment."""
    state = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(page.pk),
            status=WorkflowState.STATUS_NEEDS_CHANGES,
        )
        .select_related("current_task_state__finished_by")
        .order_by("-created_at")
        .first()
    )
    task_state = state.current_task_state if state else None
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED or not task_state.comment:
        return None
    return task_state


def show_moderation_comment(request, page):
    """before_edit_page hook: the moderator's comment, where the author edits the page."""
    if request.method != "GET":
        return None
    rejection = latest_rejection(page)
    if rejection is not None:
        user = rejection.finished_by
        who = (user.get_full_name() or user.get_username()) if user else _("la modération")
        messages.warning(
            request,
            _("Modifications demandées par %(who)s le %(when)s : « %(comment)s »")
            % {
                "who": who,
                "when": date_format(localtime(rejection.finished_at), "j F Y à H:i"),
                "comment": rejection.comment,
            },
        )
    return None


def grant_catalogue_to_contributors(catalogue) -> None:
    contributors = Group.objects.filter(name=CONTRIBUTORS).first()
    if contributors is None:
        return
    for codename in CONTRIBUTOR_PAGE_RIGHTS:
        GroupPagePermission.objects.get_or_create(
            group=contributors,
            page=catalogue,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )


def _catalogue_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_catalogue_to_contributors(instance)


def connect() -> None:
    from projets.models import ProjectIndexPage

    post_save.connect(_catalogue_saved, sender=ProjectIndexPage, dispatch_uid="projets.catalogue_rights")
