"""The admin dashboard's panel of published case studies that lack data, and the queries reports share.

Each listing reads a bounded number of rows by a column (workflow states in progress, the stored
`missing_parts`), so the dashboard costs the same with fifty case studies or a hundred thousand.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Site, WorkflowState

from projets.completeness import missing_labels
from projets.models import ProjectPage

TO_COMPLETE_SHOWN = 50


def projects_awaiting_review():
    """Case studies with a workflow in progress, read from the (few) workflow states in progress."""
    in_progress = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .annotate(page_id=Cast("object_id", output_field=IntegerField()))
        .values("page_id")
    )
    return ProjectPage.objects.filter(pk__in=in_progress)


def incomplete_projects():
    """Published case studies that lack partners, funding, sources, themes or territories."""
    return ProjectPage.objects.live().exclude(missing_parts="")


def projects_missing_data(limit: int = TO_COMPLETE_SHOWN):
    """The latest created incomplete case studies, with what each lacks (labels)."""
    pages = incomplete_projects().order_by("-pk").only("pk", "title", "missing_parts")[:limit]
    return [(page, missing_labels(page.missing_parts)) for page in pages]


class ProjectsToCompletePanel(Component):
    name = "projects_to_complete"
    order = 400
    template_name = "projets/admin/projects_to_complete_panel.html"

    def get_context_data(self, parent_context=None):
        return {"rows": projects_missing_data()}


class IndexedPagesSummaryItem(PagesSummaryItem):
    """Wagtail's count of the pages a user may explore, read from an index: the whole tree by its key, a
    subtree by its path alone (Wagtail's added depth condition made PostgreSQL read every page row)."""

    def get_context_data(self, parent_context):
        site_details = get_site_for_user(self.request.user)
        root_page, total = site_details["root_page"], 0
        if root_page and root_page.is_root():
            total = Page.objects.count() - 1  # the tree's root is not a real page
            # One site: link to its home page, as Wagtail does, rather than to the tree's root.
            sites = list(Site.objects.select_related("root_page")[:2])
            root_page = sites[0].root_page if len(sites) == 1 else root_page
        elif root_page:
            total = Page.objects.filter(path__startswith=root_page.path).count()
        return {"root_page": root_page, "total_pages": total, "site_name": site_details["site_name"]}


def index_the_page_count(request, summary_items) -> None:
    """construct_homepage_summary_items: Wagtail's page count replaced by the indexed one."""
    summary_items[:] = [
        IndexedPagesSummaryItem(request) if type(item) is PagesSummaryItem else item for item in summary_items
    ]
