"""Moderators read the private contacts of proposals in the admin (never on the public site)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from projets.models import ProjectProposal


class ProjectProposalViewSet(SnippetViewSet):
    model = ProjectProposal
    icon = "mail"
    menu_label = _("Propositions")
    add_to_admin_menu = True
    list_display = ["organisation_name", "page", "contact_name", "contact_email", "created_at"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    inspect_view_enabled = True
    copy_view_enabled = False
