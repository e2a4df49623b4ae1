"""What the case-study page shows, read with a constant number of SQL queries."""

from urllib.parse import unquote

from projets.choices import LessonKind, PartnerRole, Visibility
from projets.page_lists import lists_in_memory, page_lists

CLAUSES = ("intellectual_property", "publication", "data", "compensation", "governance")


def partners_by_role(partners) -> list[tuple[str, list]]:
    """Partners grouped by role, roles in their declared order (lead first)."""
    groups = {value: [] for value in PartnerRole.values}
    for partner in partners:
        groups.setdefault(partner.role, []).append(partner)
    labels = dict(PartnerRole.choices)
    return [(labels.get(role, role), rows) for role, rows in groups.items() if rows]


def document_readable(document, request, verdicts: dict) -> bool:
    """Would Wagtail serve this document to this request? Its collection's view restrictions decide.

    The same check as Wagtail's document view (wagtail.documents.wagtail_hooks.check_view_restrictions),
    so the link is shown exactly to those it will serve: no group name is repeated here. One verdict per
    collection and request, so the queries do not grow with the contracts.
    """
    if document.collection_id not in verdicts:
        verdicts[document.collection_id] = all(
            restriction.accept_request(request)
            for restriction in document.collection.get_view_restrictions().prefetch_related("groups")
        )
    return verdicts[document.collection_id]


def contract_rows(page, request) -> list[dict]:
    rows = []
    verdicts = {}
    for contract in page.contracts.select_related("document__collection").prefetch_related("parties"):
        clauses = [
            (contract._meta.get_field(name).verbose_name, getattr(contract, f"get_{name}_display")())
            for name in CLAUSES
        ]
        members_only = contract.visibility == Visibility.MEMBERS
        visible = bool(contract.document_id) and (not members_only or request.user.is_authenticated)
        rows.append(
            {
                "contract": contract,
                "clauses": clauses,
                "parties": list(contract.parties.all()),
                "members_only": members_only,
                "document_visible": visible and document_readable(contract.document, request, verdicts),
            }
        )
    return rows


def linkable_organisations(partners, funding_rows, contracts) -> set[int]:
    """Which organisations of this page have a public page to link to (not those met only in drafts or
    private case studies, whose page is a 404): one query, whatever the number of partners."""
    from projets.models.organisations import publicly_visible_among

    ids = {partner.organisation_id for partner in partners}
    ids |= {line.funder_id for line, _share in funding_rows if line.funder_id}
    ids |= {party.pk for row in contracts for party in row["parties"]}
    return publicly_visible_among(ids)


# The newest public pages sharing a theme, and those sharing an organisation, each side limited in its own
# derived table (SQLite accepts a LIMIT there, not in a compound statement's member), then the few
# candidates read by key. Raw SQL: the same statement built with the ORM cost ~10 ms of Python per page.
RELATED_SQL = """
SELECT page.id, project.page_ptr_id, page.title, page.url_path, page.first_published_at, project.summary
  FROM {page} page JOIN {project} project ON project.page_ptr_id = page.id
 WHERE page.id IN (
       SELECT id FROM (
              SELECT page.id AS id FROM {page} page JOIN {themes_link} link ON link.projectpage_id = page.id
               WHERE link.theme_id IN ({themes}) AND page.id <> %s AND {public}
               ORDER BY page.first_published_at DESC, page.id DESC LIMIT %s) by_theme
       UNION
       SELECT id FROM (
              SELECT page.id AS id FROM {page} page
               WHERE page.id IN (SELECT partner.page_id FROM {partner} partner
                                  WHERE partner.organisation_id IN ({organisations}))
                 AND page.id <> %s AND {public}
               ORDER BY page.first_published_at DESC, page.id DESC LIMIT %s) by_partner)
 ORDER BY page.first_published_at DESC, page.id DESC
 LIMIT %s
"""


def related_projects(page, themes, partners, limit: int = 4):
    """The latest public case studies sharing a theme or a partner with this one, in one query.

    The newest few public candidates of each side (pages sharing a theme, pages sharing a partner), then
    those candidates by key: no hash of every page of a common theme, no walk of every page (528 ms at
    100,000). Hidden pages never take the place of visible ones. Only the fields the cards show are read.
    """
    from wagtail.models import Page

    from cms.sql import placeholders, table
    from projets.models import ProjectPage, ProjectPartner
    from projets.restrictions import public_sql

    if not themes and not partners:
        return []
    theme_ids = [theme.pk for theme in themes] or [None]  # IN (NULL): no row, and valid SQL
    organisation_ids = [partner.organisation_id for partner in partners] or [None]
    public, public_params = public_sql("page")
    sql = RELATED_SQL.format(
        page=table(Page),
        project=table(ProjectPage),
        themes_link=table(ProjectPage.themes.through),
        partner=table(ProjectPartner),
        themes=placeholders(theme_ids),
        organisations=placeholders(organisation_ids),
        public=public,
    )
    # A page appears once per shared theme: enough rows for `limit` distinct pages.
    params = [*theme_ids, page.pk, *public_params, limit * len(theme_ids)]
    params += [*organisation_ids, page.pk, *public_params, limit, limit]
    return list(ProjectPage.objects.raw(sql, params))


def project_context(page, request) -> dict:
    # A preview shows what the editor has not saved yet, which only the page object holds.
    lists = lists_in_memory(page) if getattr(request, "is_preview", False) else page_lists(page)
    themes, territories, lessons = lists.themes, lists.territories, lists.lessons
    partners = list(page.partners.select_related("organisation"))
    funding_rows, funding_total = page.funding_table()
    contracts = contract_rows(page, request)
    linkable = linkable_organisations(partners, funding_rows, contracts)
    return {
        # Reused by the JSON-LD metadata (donnees) so that it adds no query for them.
        "jsonld_loaded": {
            "partners": partners,
            "themes": themes,
            "territories": territories,
            "funding_lines": [line for line, _share in funding_rows],
            "linkable": linkable,
            "tag_names": lists.tag_names,
        },
        "partner_groups": partners_by_role(partners),
        "themes": themes,
        "territories": territories,
        "funding_rows": funding_rows,
        "funding_total": funding_total,
        "contracts": contracts,
        "linkable_organisations": linkable,
        "obstacles": [lesson for lesson in lessons if lesson.kind == LessonKind.OBSTACLE],
        "levers": [lesson for lesson in lessons if lesson.kind == LessonKind.LEVER],
        "outputs": list(page.outputs.select_related("document")),
        "sources": lists.sources,
        "related_projects": related_projects(page, themes, partners),
        # The address people copy: readable accents rather than percent-escapes.
        "citation_url": unquote(page.get_full_url(request) or ""),
    }
