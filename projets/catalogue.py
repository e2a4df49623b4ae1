"""Read-only queries over the public catalogue shared by the home page, the search and the pages."""

from projets.models import ProjectPage
from projets.restrictions import public_q


def public_projects():
    """Live case studies anonymous visitors may see: the one query path for the public site.

    `ProjectPage.objects.live().public()`, with the view restrictions read once per request.
    """
    return ProjectPage.objects.filter(public_q())


def latest_projects(limit: int = 6):
    return public_projects().order_by("-first_published_at", "-pk")[:limit]
