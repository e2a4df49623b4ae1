"""Registration only: viewsets and dashboard panels live in their own modules."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.models import HOME_CONTEXT_HOOK, HOME_ROUTE_HOOK
from projets.case_study_listing import CaseStudyListingViewSet
from projets.catalogue import latest_projects
from projets.dashboard import ProjectsToCompletePanel, index_the_page_count
from projets.draft_references import refuse_deleting_what_drafts_name
from projets.models import ProjectIndexPage
from projets.moderation import show_moderation_comment
from projets.reports import REPORTS, ModeratorsMenuItem
from projets.viewsets import ReferenceDataGroup

register_snippet(ReferenceDataGroup)
hooks.register("before_delete_snippet", refuse_deleting_what_drafts_name)
hooks.register("before_edit_page", show_moderation_comment)
hooks.register("construct_homepage_summary_items", index_the_page_count, order=100)  # after Wagtail's own


@hooks.register("register_admin_viewset")
def register_case_study_listing():
    return CaseStudyListingViewSet("etudes_de_cas", url_prefix="etudes-de-cas")


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


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        item
        for address, view in REPORTS
        for item in (
            path(f"{address}/", view.as_view(), name=view.name),
            path(f"{address}/results/", view.as_view(results_only=True), name=f"{view.name}_results"),
        )
    ]
    return [path("rapports/", include((urls, "projets_reports"), namespace="projets_reports"))]


def _report_menu_item(view, order):
    @hooks.register("register_reports_menu_item")
    def register():
        url = reverse(f"projets_reports:{view.name}")
        return ModeratorsMenuItem(view.page_title, url, icon_name=view.header_icon, order=order)

    return register


for _order, (_address, _view) in enumerate(REPORTS):
    _report_menu_item(_view, 50 + _order)
