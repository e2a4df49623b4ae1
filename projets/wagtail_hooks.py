"""Registration only: viewsets and dashboard panels live in their own modules."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.models import HOME_CONTEXT_HOOK, HOME_ROUTE_HOOK
from projets.catalogue import latest_projects
from projets.dashboard import ProjectsToCompletePanel
from projets.draft_references import refuse_deleting_what_drafts_name
from projets.models import ProjectIndexPage
from projets.moderation import show_moderation_comment
from projets.viewsets import ReferenceDataGroup

register_snippet(ReferenceDataGroup)
hooks.register("before_delete_snippet", refuse_deleting_what_drafts_name)
hooks.register("before_edit_page", show_moderation_comment)


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    # Pending reviews: Wagtail's own panels ("awaiting your review", "your pages in moderation") list them.
    panels.append(ProjectsToCompletePanel())


hooks.register(HOME_ROUTE_HOOK, ProjectIndexPage.route_from_home)


@hooks.register(HOME_CONTEXT_HOOK)
def home_latest_projects(request) -> dict:
    return {"latest_projects": latest_projects()}


from projets.proposals_admin import ProjectProposalViewSet  # noqa: E402

register_snippet(ProjectProposalViewSet)
