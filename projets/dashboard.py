"""Admin dashboard panels: case studies awaiting review, and published ones that lack data."""

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from projets.models import FundingLine, ProjectPage, ProjectPartner, ProjectSource


def projects_awaiting_review():
    in_moderation = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return ProjectPage.objects.annotate(in_review=Exists(in_moderation.values("pk"))).filter(in_review=True)


def projects_missing_data():
    """Published case studies without partners, funding or sources, with what each lacks."""
    pages = (
        ProjectPage.objects.live()
        .annotate(
            has_partners=Exists(ProjectPartner.objects.filter(page=OuterRef("pk"))),
            has_funding=Exists(FundingLine.objects.filter(page=OuterRef("pk"))),
            has_sources=Exists(ProjectSource.objects.filter(page=OuterRef("pk"))),
        )
        .exclude(has_partners=True, has_funding=True, has_sources=True)
        .order_by("title")
    )
    for page in pages:
        missing = []
        if not page.has_partners:
            missing.append(_("partenaires"))
        if not page.has_funding:
            missing.append(_("financements"))
        if not page.has_sources:
            missing.append(_("sources"))
        yield page, missing


class ProjectsToReviewPanel(Component):
    name = "projects_to_review"
    order = 50
    template_name = "projets/admin/projects_to_review_panel.html"

    def get_context_data(self, parent_context=None):
        return {"pages": projects_awaiting_review().order_by("-latest_revision_created_at")[:20]}


class ProjectsToCompletePanel(Component):
    name = "projects_to_complete"
    order = 400
    template_name = "projets/admin/projects_to_complete_panel.html"

    def get_context_data(self, parent_context=None):
        return {"rows": list(projects_missing_data())[:50]}
