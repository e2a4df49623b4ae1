"""Rewrite a case study's published precedents when it is published, drop them when it is unpublished.

A contract saved, deleted or given other parties outside publication (a script, an import) rewrites its case
study's rows too, when that case study is live.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from precedents import contract_table
from projets.models import Contract, ProjectPage


def sync_page(page_id: int) -> None:
    # Read again with its parts as saved (a published instance may hold them in memory only).
    contract_table.sync_pages(ProjectPage.objects.filter(pk=page_id).prefetch_related(*contract_table.PREFETCH))


def published(sender, instance, **kwargs):
    if isinstance(instance, ProjectPage):
        sync_page(instance.pk)


def unpublished(sender, instance, **kwargs):
    if isinstance(instance, ProjectPage):
        contract_table.drop_pages([instance.pk])


def contract_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.page_id:
        return
    if ProjectPage.objects.filter(pk=instance.page_id, live=True).exists():
        sync_page(instance.page_id)
    else:
        contract_table.drop_pages([instance.page_id])


def parties_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Contract):
        contract_changed(Contract, instance)


def connect() -> None:
    page_published.connect(published, dispatch_uid="precedents-published")
    page_unpublished.connect(unpublished, dispatch_uid="precedents-unpublished")
    post_save.connect(contract_changed, sender=Contract, dispatch_uid="precedents-contract-saved")
    post_delete.connect(contract_changed, sender=Contract, dispatch_uid="precedents-contract-deleted")
    m2m_changed.connect(parties_changed, sender=Contract.parties.through, dispatch_uid="precedents-parties")
