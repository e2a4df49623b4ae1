"""Keep the facet table in step with what is published."""

from django.dispatch import receiver
from wagtail.signals import page_published

from search.facets import sync_pages


@receiver(page_published)
def sync_published_case_study(sender, instance, **kwargs):
    from projets.models import ProjectPage

    if isinstance(instance, ProjectPage):
        sync_pages([instance])
