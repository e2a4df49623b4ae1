"""Loading a page of search hits from the database: the pages, and the names of their themes, territories and
organisations.

Themes, territories, partners and funders are read as (page, name, ...) rows rather than model instances: a
page of 20 hits holds hundreds of them, and building those objects cost more than the search itself. Two
queries, whatever the number of hits: the pages, then the four lists of names in one UNION ALL. The result
card (components/project_card.html), the API and the feed read `theme_names`, `territory_labels`,
`region_names` and `partner_names`: pages shown as hits come through `load_hits` or `load_public_hits` (or, on
an engine, from the cards its documents hold: search.cards).
"""

from typing import NamedTuple

from search.highlight import matches

# What a result card, the API and the feed read of a hit's page: not the ~40 other columns of a Wagtail page,
# nor the narrative (its JSON decoded), which the highlighted passage reads only when the summary lacks the
# words (search.results._snippets). Reading any other field of a hit costs one query per hit:
# tests/search/test_query_count.py would see it.
HIT_FIELDS = (
    "title",
    "url_path",
    "summary",
    "start_year",
    "start_month",
    "end_year",
    "end_month",
    "status",
    "first_published_at",
    "last_published_at",
)


class OrganisationName(NamedTuple):
    label: str  # as Organisation.__str__ gives it
    searchable: str  # what the words searched are matched against
    name: str
    acronym: str

    @classmethod
    def of(cls, name: str, acronym: str) -> "OrganisationName":
        from projets.models.organisations import organisation_label

        return cls(organisation_label(name, acronym), f"{name} {acronym}", name, acronym)


def load_hits(queryset) -> list:
    """The pages of `queryset` (already sliced or filtered to one page of results), ready for cards and API."""
    pages = list(queryset.only(*HIT_FIELDS))
    attach_names_from_relations(pages)
    return pages


def load_public_hits(ids) -> list:
    """The public case studies among these ids (any order), ready for cards and API, as `load_hits` loads them.

    In raw SQL: building and compiling `public_projects().filter(pk__in=ids).only(...)` cost the ORM more than
    running it. The rule is the ORM's: projets.restrictions.public_sql is public_q in SQL
    (tests/search/test_hit_loading.py compares them).
    """
    from django.db import connection

    from projets.models import ProjectPage
    from projets.restrictions import public_sql

    ids = list(ids)
    if not ids:
        return []
    public, public_params = public_sql("page")
    fields, converters = hit_columns(), _converters()
    with connection.cursor() as cursor:
        cursor.execute(_hits_sql(len(ids)) + public, [*ids, *public_params])
        rows = cursor.fetchall()
    names = [field.attname for field in fields]
    pages = []
    for row in rows:
        if converters:  # SQLite gives dates as text; PostgreSQL needs none
            row = list(row)
            for position, column, functions in converters:
                for function in functions:
                    row[position] = function(row[position], column, connection)
        pages.append(ProjectPage.from_db(connection.alias, names, row))
    attach_names_from_relations(pages)
    return pages


def public_ids(ids) -> set[int]:
    """Which of these page ids are public now, in one query by key: an engine's documents may lag behind the
    database (a page unpublished while the engine was down), and a page no longer public must not show."""
    from django.db import connection
    from wagtail.models import Page

    from cms.sql import placeholders, table
    from projets.restrictions import public_sql

    ids = list(ids)
    if not ids:
        return set()
    public, public_params = public_sql("page")
    sql = f"SELECT page.id FROM {table(Page)} page WHERE page.id IN ({placeholders(ids)}) AND {public}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *public_params])
        return {row[0] for row in cursor.fetchall()}


def hit_columns() -> list:
    """The fields `load_hits` reads (and both keys), in the model's order."""
    from projets.models import ProjectPage

    wanted = {*HIT_FIELDS, "id", "page_ptr"}
    return [field for field in ProjectPage._meta.concrete_fields if field.name in wanted]


def _converters() -> list:
    """(position, column, the database's converters) of the hit columns that have some."""
    from django.db import connection

    converters = []
    for position, field in enumerate(hit_columns()):
        column = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters.append((position, column, functions))
    return converters


def _hits_sql(count: int) -> str:
    """Up to the public condition, for `count` ids: the same text for a page size (prepared on PostgreSQL)."""
    from django.db import connection
    from wagtail.models import Page

    from cms.sql import placeholders, table
    from projets.models import ProjectPage

    fields = hit_columns()
    quote = connection.ops.quote_name
    columns = ", ".join(f"{'page' if field.model is Page else 'project'}.{quote(field.column)}" for field in fields)
    return (
        f"SELECT {columns} FROM {table(Page)} page "  # noqa: S608 (table and column names, placeholders)
        f"JOIN {table(ProjectPage)} project ON project.page_ptr_id = page.id "
        f"WHERE page.id IN ({placeholders(range(count))}) AND "
    )


# The four lists in one statement: each part keeps the order the models give (themes by name, territories by
# kind then code, partners and funding lines in their editor's order), through its sort columns 7 to 10.
NAMES_SQL = """
SELECT 0, link.projectpage_id, theme.name, NULL, NULL, NULL, theme.name, '', theme.id, 0
  FROM {themes_link} link JOIN {theme} theme ON theme.id = link.theme_id
 WHERE link.projectpage_id IN ({pages})
UNION ALL
SELECT 1, link.projectpage_id, territory.name, territory.kind, territory.code, region.name,
       territory.kind, territory.code, 0, 0
  FROM {territories_link} link JOIN {territory} territory ON territory.id = link.territory_id
  LEFT JOIN {territory} region ON region.id = territory.region_id
 WHERE link.projectpage_id IN ({pages})
UNION ALL
SELECT 2, partner.page_id, organisation.name, organisation.acronym, NULL, NULL, '', '',
       COALESCE(partner.sort_order, {unordered}), partner.id
  FROM {partner} partner JOIN {organisation} organisation ON organisation.id = partner.organisation_id
 WHERE partner.page_id IN ({pages})
UNION ALL
SELECT 3, line.page_id, organisation.name, organisation.acronym, NULL, NULL, '', '',
       COALESCE(line.sort_order, {unordered}), line.id
  FROM {funding_line} line JOIN {organisation} organisation ON organisation.id = line.funder_id
 WHERE line.page_id IN ({pages})
ORDER BY 1, 2, 7, 8, 9, 10
"""
THEME, TERRITORY, PARTNER, FUNDER = range(4)


def attach_names_from_relations(pages) -> None:
    """Sets `theme_names`, `territory_labels` (as Territory.__str__), `region_names` (regions, or the
    territory itself when it is no département: Europe, International), `partner_names` (partners in their
    order) and `funder_names` (funding lines with a funder): one query, whatever the number of pages."""
    from django.db import connection

    from projets.choices import TerritoryKind
    from projets.models.taxonomy import territory_label

    by_pk = {page.pk: page for page in pages}
    for page in pages:
        page.theme_names, page.territory_labels, page.region_names = [], [], []
        page.partner_names, page.funder_names = [], []
    if not by_pk:
        return
    with connection.cursor() as cursor:
        cursor.execute(_names_sql(len(by_pk)), list(by_pk) * 4)
        rows = cursor.fetchall()
    for part, page_id, name, second, code, region_name, *_sort_keys in rows:
        page = by_pk[page_id]
        if part == THEME:
            page.theme_names.append(name)
        elif part == TERRITORY:
            page.territory_labels.append(territory_label(second, code, name))
            region = region_name if second == TerritoryKind.DEPARTEMENT else name
            if region and region not in page.region_names:
                page.region_names.append(region)
        else:
            names = page.partner_names if part == PARTNER else page.funder_names
            names.append(OrganisationName.of(name, second or ""))


def _names_sql(count: int) -> str:
    """For `count` pages."""
    from cms.sql import placeholders, table
    from projets.models import FundingLine, Organisation, ProjectPage, ProjectPartner, Territory, Theme
    from projets.models.parts import UNORDERED_LAST

    return NAMES_SQL.format(
        pages=placeholders(range(count)),
        themes_link=table(ProjectPage.themes.through),
        theme=table(Theme),
        territories_link=table(ProjectPage.territories.through),
        territory=table(Territory),
        partner=table(ProjectPartner),
        organisation=table(Organisation),
        funding_line=table(FundingLine),
        unordered=UNORDERED_LAST,
    )


def matching_partners(page, wanted) -> list[str]:
    """Partners and funders of a loaded hit whose name or acronym holds the words searched, each once."""
    if not wanted:
        return []
    names = [*page.partner_names, *page.funder_names]
    return list(dict.fromkeys(org.label for org in names if matches(org.searchable, wanted)))
