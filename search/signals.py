"""Keep the facet table and the narrative passages in step with what is published."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from search import narrative_passages
from search.facets import sync_pages


@receiver(page_published)
def sync_published_case_study(sender, instance, **kwargs):
    from projets.models import ProjectPage

    if isinstance(instance, ProjectPage):
        sync_pages([instance])
        narrative_passages.sync_pages([instance])


@receiver(post_save, sender="projets.ProjectPage")
def drop_passages_of_a_saved_narrative(sender, instance, update_fields=None, **kwargs):
    """A narrative saved without being published (a script, a bulk fix) no longer matches its stored passages:
    they go, and snippets read the narrative itself until the next publication writes them again. Publishing
    saves the page first, then sends page_published."""
    if update_fields is None or "body" in update_fields:
        narrative_passages.drop(instance.pk)
