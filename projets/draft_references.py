"""What the drafts of pages name: an organisation that a draft names cannot be deleted.

A page's inline rows point to organisations with PROTECT keys (ProjectPartner.organisation,
FundingLine.funder). The published rows are protected by the database; a draft lives only in its
revision's JSON, and modelcluster cannot load a revision whose PROTECT key points to a deleted row
(the editor and the preview would answer 500 and the draft be lost). So deleting an object is refused
while the latest revision of a page with unpublished changes names it. Pages without unpublished
changes are edited from their database rows, which PROTECT already guards.

The revisions are searched by the database, never loaded: JSON containment on PostgreSQL, json_each
on SQLite; only the latest revisions of pages with unpublished changes are read.
"""

import json
from functools import cache

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import NotSupportedError, models
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import ngettext
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, Revision, get_page_models

NAMED_PAGES_SHOWN = 10
# Below SQLite's 32,766 bound parameters.
REVISIONS_PER_QUERY = 10_000


@cache
def protected_row_keys() -> tuple[tuple[type[Page], str, str, type[models.Model]], ...]:
    """(page model, inline relation, key field, target model) for each PROTECT key of a page's inline rows."""
    keys = []
    for page_model in get_page_models():
        for relation in get_all_child_relations(page_model):
            for field in relation.related_model._meta.concrete_fields:
                if isinstance(field, models.ForeignKey) and field.remote_field.on_delete is models.PROTECT:
                    keys.append((page_model, relation.get_accessor_name(), field.name, field.related_model))
    return tuple(keys)


class RowsName(models.Func):
    """True when the JSON array `relation` of the revision content has a row whose `key` is one of `pks`."""

    output_field = models.BooleanField()

    def __init__(self, content, relation: str, key: str, pks):
        super().__init__(content)
        self.relation = relation
        self.key = key
        # A key is serialised as a number; a string of it is matched too, in case a revision holds one.
        self.values = [value for pk in pks for value in (pk, str(pk))]

    def as_postgresql(self, compiler, connection, **extra_context):
        content, params = compiler.compile(self.source_expressions[0])
        patterns = [json.dumps({self.relation: [{self.key: value}]}) for value in self.values]
        return f"({content})::jsonb @> ANY(%s::jsonb[])", (*params, patterns)

    def as_sqlite(self, compiler, connection, **extra_context):
        content, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"EXISTS (SELECT 1 FROM json_each({content}, %s) AS coop_row "  # noqa: S608 (a compiled column)
            "WHERE json_extract(coop_row.value, %s) IN (SELECT value FROM json_each(%s)))"
        )
        return sql, (*params, f"$.{self.relation}", f"$.{self.key}", json.dumps(self.values))

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"RowsName needs PostgreSQL or SQLite, not {connection.vendor}.")


def pages_whose_drafts_name(instance) -> models.QuerySet:
    """The pages whose unpublished latest revision names `instance` in a PROTECT key of an inline row.

    The drafts' latest revisions are listed from the page table first, then only they are read by key:
    joined in one statement, PostgreSQL chose to test every revision of the history.
    """
    checks = {}
    for page_model, relation, key, target in protected_row_keys():
        if isinstance(instance, target):
            checks.setdefault(page_model, Q(pk__in=[]))
            checks[page_model] |= Q(RowsName(models.F("content"), relation, key, [instance.pk]))
    naming = []
    for page_model, condition in checks.items():
        drafts = list(
            Page.objects.filter(
                content_type=ContentType.objects.get_for_model(page_model),
                has_unpublished_changes=True,
                latest_revision__isnull=False,
            ).values_list("latest_revision_id", flat=True)
        )
        for start in range(0, len(drafts), REVISIONS_PER_QUERY):
            chunk = drafts[start : start + REVISIONS_PER_QUERY]
            naming += Revision.objects.filter(condition, pk__in=chunk).values_list("pk", flat=True)
    return Page.objects.filter(latest_revision_id__in=naming).order_by("title")


def refusal_message(instance) -> str | None:
    """None when no draft names `instance`; otherwise a French sentence naming the pages (the first ten)."""
    pages = pages_whose_drafts_name(instance)
    titles = list(pages.values_list("title", flat=True)[:NAMED_PAGES_SHOWN])
    if not titles:
        return None
    names = ", ".join(f"« {title} »" for title in titles)
    if len(titles) == NAMED_PAGES_SHOWN and (others := pages.count() - NAMED_PAGES_SHOWN):
        names += ngettext(" et %(count)s autre", " et %(count)s autres", others) % {"count": others}
    return ngettext(
        "Impossible de supprimer « %(name)s » : le brouillon de la page %(pages)s y fait encore référence. "
        "Retirez-le de ce brouillon (ou publiez-le sans lui), puis recommencez.",
        "Impossible de supprimer « %(name)s » : les brouillons des pages %(pages)s y font encore référence. "
        "Retirez-le de ces brouillons (ou publiez-les sans lui), puis recommencez.",
        len(titles),
    ) % {"name": instance, "pages": names}


def refuse_deleting_what_drafts_name(request, instances):
    """before_delete_snippet: back to the object (or the listing) with a French message naming the pages."""
    refusals = [message for instance in instances if (message := refusal_message(instance))]
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    viewset = instances[0].snippet_viewset
    if len(instances) == 1:
        return redirect(viewset.get_url_name("edit"), quote(instances[0].pk))
    return redirect(viewset.get_url_name("list"))
