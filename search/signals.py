"""Keep the facet table, the narrative passages and the cards' names in step with what is published."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from search import card_names, narrative_passages
from search.facet_table import sync_pages


@receiver(page_published)
def sync_published_case_study(sender, instance, **kwargs):
    from projets.models import ProjectPage

    if isinstance(instance, ProjectPage):
        sync_pages([instance])
        narrative_passages.sync_pages([instance])
        card_names.write([instance.pk])


@receiver(post_save, sender="projets.ProjectPage")
def drop_what_a_save_outside_publication_may_change(sender, instance, update_fields=None, **kwargs):
    """A narrative saved without being published (a script, a bulk fix) no longer matches its stored passages:
    they go, and snippets read the narrative itself until the next publication writes them again. Publishing
    saves the page first, then sends page_published."""
    if update_fields is None or "body" in update_fields:
        narrative_passages.drop(instance.pk)
    if update_fields is None:  # saving a draft updates a few columns only; publishing and scripts save it all
        card_names.drop([instance.pk])


@receiver(post_save, sender="projets.ProjectPartner")
@receiver(post_delete, sender="projets.ProjectPartner")
@receiver(post_save, sender="projets.FundingLine")
@receiver(post_delete, sender="projets.FundingLine")
def drop_card_names_of_a_changed_partner(sender, instance, raw=False, **kwargs):
    """Publishing saves the partners and funding lines of the page, then writes its names again; a script that
    changes them directly leaves the card to read them from the relations."""
    if not raw:
        card_names.drop([instance.page_id])
