"""Keep the facet table and the search documents in step with what is published."""

from django.dispatch import receiver
from modelsearch.tasks import insert_or_update_object_task
from wagtail.signals import page_published

from search.facet_table import sync_pages


@receiver(page_published)
def sync_published_case_study(sender, instance, **kwargs):
    from projets.models import ProjectPage

    if isinstance(instance, ProjectPage):
        sync_pages([instance])
        # Its document again once its themes, places and partners are written: modelsearch's post_save task reads
        # them before they are when tasks run at once (dev, tests), and the document (its card too) would show
        # the previous ones. The worker of production runs both after the commit: the second is only redundant.
        insert_or_update_object_task.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))
