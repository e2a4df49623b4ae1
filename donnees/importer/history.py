"""The import's own revisions, told apart from the editors' work in the admin.

Each revision an import saves is logged with the action IMPORT_ACTION. A case study whose latest
revision was saved in the admin (a "wagtail.edit" or "wagtail.revert" entry names it), with content
other than the import's last revision, holds an editor's work: a re-import must not replace it
unless asked to (force).
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import PageLogEntry

IMPORT_ACTION = "donnees.import"
ADMIN_EDITS = ("wagtail.edit", "wagtail.revert")


@hooks.register("register_log_actions")
def register_import_action(actions):
    actions.register_action(IMPORT_ACTION, gettext_lazy("Import"), gettext_lazy("Enregistrée par un import"))


def admin_edit_of_latest(page) -> PageLogEntry | None:
    """The admin's log entry of the page's latest revision, or None if code (an import) saved it."""
    if page.latest_revision_id is None:
        return None
    return (
        PageLogEntry.objects.filter(page_id=page.pk, revision_id=page.latest_revision_id, action__in=ADMIN_EDITS)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )


def last_imported_revision(page):
    """The latest revision an import saved for this page (None before imports were logged)."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action=IMPORT_ACTION, revision__isnull=False)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def describe_edit(entry: PageLogEntry) -> str:
    who = entry.user_display_name if entry.user_id else _("un éditeur")
    when = date_format(localtime(entry.timestamp), "j F Y à H:i")
    return _("modifiée dans l'administration par %(who)s le %(when)s") % {"who": who, "when": when}
