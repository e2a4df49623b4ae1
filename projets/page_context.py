"""What the case-study page shows, read with a constant number of SQL queries."""

from urllib.parse import unquote

from cms.document_access import DocumentAccess, access_for
from projets.choices import LessonKind, PartnerRole, Visibility
from projets.documents import contract_document
from projets.page_lists import lists_in_memory, page_lists
from projets.territory_map import territories_map

CLAUSES = ("intellectual_property", "publication", "data", "compensation", "governance")


def partners_by_role(partners) -> list[tuple[str, list]]:
    """Partners grouped by role, roles in their declared order (lead first)."""
    groups = {value: [] for value in PartnerRole.values}
    for partner in partners:
        groups.setdefault(partner.role, []).append(partner)
    labels = dict(PartnerRole.choices)
    return [(labels.get(role, role), rows) for role, rows in groups.items() if rows]


def contract_rows(page, access: DocumentAccess) -> list[dict]:
    rows = []
    for contract in page.contracts.select_related("document__collection").prefetch_related("parties"):
        clauses = [
            (contract._meta.get_field(name).verbose_name, getattr(contract, f"get_{name}_display")())
            for name in CLAUSES
        ]
        rows.append(
            {
                "contract": contract,
                "clauses": clauses,
                "parties": list(contract.parties.all()),
                "members_only": contract.visibility == Visibility.MEMBERS,
                "document_visible": contract_document(contract, access) is not None,
            }
        )
    return rows


def output_rows(page, access: DocumentAccess) -> list:
    """The results, each with `shown_document`: its document when this answer may link it, else None."""
    outputs = list(page.outputs.select_related("document__collection"))
    for output in outputs:
        output.shown_document = output.document if access.readable(output.document) else None
    return outputs


def linkable_organisations(partners, funding_rows, contracts) -> set[int]:
    """Which organisations of this page have a public page to link to (not those met only in drafts or
    private case studies, whose page is a 404): one query, whatever the number of partners."""
    from projets.models.organisations import publicly_visible_among

    ids = {partner.organisation_id for partner in partners}
    ids |= {line.funder_id for line, _share in funding_rows if line.funder_id}
    ids |= {party.pk for row in contracts for party in row["parties"]}
    return publicly_visible_among(ids)


# How many link rows a side reads and sorts by itself before it walks the pages instead (see SIDE_SQL).
FEW_LINKS = 1000

# One side of the related pages: the newest public pages linked to any of the keys (themes, organisations).
# Which way is fast depends on how many pages share the keys, which the planner cannot tell for one key:
# - few links (an organisation found in this case study only, a new theme): read each link's page by key
#   and sort them. Each page's date is a subquery per link so that the planner cannot hash every page
#   instead (it expected ~200 pages per organisation, found 1, and read all 10,000: 9 ms, 77 ms when it
#   walked them newest first). Hidden pages have none: sorted last, and left out by RELATED_SQL (a
#   condition here would be pushed into the subquery and read each page twice);
# - many (an organisation of hundreds of case studies): walk pages newest first and stop at `limit`, a few
#   hundred steps, where reading and sorting thousands of links would cost more.
# The link count, capped at FEW_LINKS + 1 rows (LINK_COUNT_SQL, read once), picks one branch; the other is
# never run (a one-time filter). Each branch is limited in its own derived table (SQLite accepts a LIMIT
# there, not in a compound statement's member). A page without a publication date is never among them.
SIDE_SQL = """
SELECT id, published FROM (
       SELECT id, published FROM (
              SELECT DISTINCT link.{page_column} AS id,
                     (SELECT page.first_published_at FROM {page} page
                       WHERE page.id = link.{page_column} AND {public}) AS published
                FROM {links} link
               WHERE link.{key_column} IN ({keys}) AND link.{page_column} <> %s AND (SELECT few FROM {name})) linked
        ORDER BY published IS NULL, published DESC, id DESC LIMIT %s) few_links
UNION ALL
SELECT id, published FROM (
       SELECT page.id AS id, page.first_published_at AS published FROM {page} page
        WHERE page.id IN (SELECT link.{page_column} FROM {links} link WHERE link.{key_column} IN ({keys}))
          AND NOT (SELECT few FROM {name}) AND page.id <> %s AND {public} AND page.first_published_at IS NOT NULL
        ORDER BY page.first_published_at DESC, page.id DESC LIMIT %s) many_links
"""

LINK_COUNT_SQL = """{name} AS (
SELECT count(*) <= {few} AS few
  FROM (SELECT 1 FROM {links} link WHERE link.{key_column} IN ({keys}) LIMIT {cap}) counted)"""

# Both sides, then the few candidates read by key, sorted by the date each side read: sorting by the page's
# own column would let the planner walk every page newest first again, looking for the candidates. Raw SQL:
# the same statement built with the ORM cost ~10 ms of Python per page.
RELATED_SQL = """
WITH {theme_count}, {partner_count}
SELECT page.id, project.page_ptr_id, page.title, page.url_path, page.first_published_at, project.summary
  FROM (SELECT DISTINCT id, published FROM ({by_theme} UNION ALL {by_partner}) sides
         WHERE published IS NOT NULL) candidate
  JOIN {page} page ON page.id = candidate.id
  JOIN {project} project ON project.page_ptr_id = page.id
 ORDER BY candidate.published DESC, candidate.id DESC
 LIMIT %s
"""


def _side(name: str, links: str, page_column: str, key_column: str, keys: list, context: tuple):
    """One side for these keys: its link count (LINK_COUNT_SQL, named `name`), its pages (SIDE_SQL), and
    the parameters of each. `context`: this page's id, the limit, and the public condition with its
    parameters."""
    from wagtail.models import Page

    from cms.sql import placeholders, table

    keys = keys or [None]  # IN (NULL): no row, and valid SQL
    page_id, limit, (public, public_params) = context
    names = {"name": name, "links": links, "page_column": page_column, "key_column": key_column}
    names["keys"] = placeholders(keys)
    count = LINK_COUNT_SQL.format(**names, few=FEW_LINKS, cap=FEW_LINKS + 1)
    pages = SIDE_SQL.format(**names, page=table(Page), public=public)
    few = [*public_params, *keys, page_id, limit]
    many = [*keys, page_id, *public_params, limit]
    return count, keys, pages, few + many


def related_projects(page, themes, partners, limit: int = 4):
    """The latest public case studies sharing a theme or a partner with this one, in one query.

    The newest few public candidates of each side (pages sharing a theme, pages sharing a partner, each read
    the way its number of links makes fast: SIDE_SQL), then those candidates by key. Hidden pages never
    take the place of visible ones. Only the fields the cards show are read.
    """
    from wagtail.models import Page

    from cms.sql import table
    from projets.models import ProjectPage, ProjectPartner
    from projets.restrictions import public_sql

    if not themes and not partners:
        return []
    context = (page.pk, limit, public_sql("page"))
    theme_count, theme_keys, by_theme, theme_params = _side(
        "theme_links",
        table(ProjectPage.themes.through),
        "projectpage_id",
        "theme_id",
        [theme.pk for theme in themes],
        context,
    )
    partner_count, partner_keys, by_partner, partner_params = _side(
        "partner_links",
        table(ProjectPartner),
        "page_id",
        "organisation_id",
        [partner.organisation_id for partner in partners],
        context,
    )
    sql = RELATED_SQL.format(
        theme_count=theme_count,
        partner_count=partner_count,
        page=table(Page),
        project=table(ProjectPage),
        by_theme=by_theme,
        by_partner=by_partner,
    )
    params = [*theme_keys, *partner_keys, *theme_params, *partner_params, limit]
    return list(ProjectPage.objects.raw(sql, params))


def project_context(page, request) -> dict:
    # A preview shows what the editor has not saved yet, which only the page object holds.
    lists = lists_in_memory(page) if getattr(request, "is_preview", False) else page_lists(page)
    themes, territories, lessons = lists.themes, lists.territories, lists.lessons
    partners = list(page.partners.select_related("organisation"))
    funding_rows, funding_total = page.funding_table()
    access = access_for(request)
    contracts = contract_rows(page, access)
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
        "territories_map": territories_map(territories),
        "funding_rows": funding_rows,
        "funding_total": funding_total,
        "contracts": contracts,
        "linkable_organisations": linkable,
        "obstacles": [lesson for lesson in lessons if lesson.kind == LessonKind.OBSTACLE],
        "levers": [lesson for lesson in lessons if lesson.kind == LessonKind.LEVER],
        "outputs": output_rows(page, access),
        "sources": lists.sources,
        "related_projects": related_projects(page, themes, partners),
        # The address people copy: readable accents rather than percent-escapes.
        "citation_url": unquote(page.get_full_url(request) or ""),
    }
