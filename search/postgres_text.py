"""Words searched on PostgreSQL at scale: the matching case studies through `coop_search_text` (migration 0004).

The stock backend's queryset matched `(title || body) @@ query` in a sequential scan of the whole index
table, once for the count, once for the facets and once for the page, and ranked on every matching body
(~5 s at 100,000 case studies for words most of them contain; issue 8). Here the words become the same
tsquery the backend builds (its own compiler: same analysis, same phrase handling), matched through the GIN
index of the narrow table by `coop_search_matches`; ranked by relevance, one statement returns the count,
every facet count and the page of ids, so the words are matched once per search.

Relevance on this path is the rank of the words in the title and the summary (title lexemes weigh more),
then the newest case study: matching the narrative still counts, ranking on it would read every matching
narrative again.
"""

from django.db import connection, transaction
from django.db.models.expressions import RawSQL


def handles(engine) -> bool:
    """The project's PostgreSQL backend, on a PostgreSQL database (migration 0004 made its table)."""
    from search.backends.postgres import FrenchPostgresSearchBackend

    return isinstance(engine, FrenchPostgresSearchBackend) and connection.vendor == "postgresql"


def _tsquery(engine, text) -> tuple[str, list]:
    """SQL and parameters of the tsquery the backend itself would match for `text` (a modelsearch query)."""
    from projets.models import ProjectPage

    queryset = ProjectPage.objects.all()
    expression = engine.query_compiler_class(queryset, text).build_tsquery(text, config=engine.config)
    compiler = queryset.query.get_compiler(connection=connection)
    return compiler.compile(expression.resolve_expression(queryset.query))


def matching_ids(engine, text) -> RawSQL:
    """The ids of the case studies matching `text`, for `pk__in` (visibility is the caller's)."""
    sql, params = _tsquery(engine, text)  # SQL compiled by Django; the words are parameters
    return RawSQL(f"SELECT page_id FROM coop_search_matches({sql})", params)  # noqa: S608, S611


# Below this many matches, counting the facet rows of the matches is cheaper than ~200 intersections of
# whole id lists (coop_search_facetpages, migration 0005); above it, much dearer (0.9 s against 0.1 s for
# 80,000 matches of 100,000). PostgreSQL runs only the branch whose one-time condition holds.
FACET_ROWS_UP_TO = 5000

# Each intersection copies and sorts both arrays (intarray): when most case studies match, a value's count
# is its list's size minus its pages among the *unmatched* ones (migration 0006), which are fewer
# (~45 ms against ~100 for 80,000 matches of 100,000). This is the ratio of unmatched to matched pages
# under which the unmatched ones are counted.
UNMATCHED_RATIO = 1.0
STATEMENT = """
WITH candidates AS MATERIALIZED (
    SELECT m.page_id, m.rank FROM coop_search_matches({tsquery}) m WHERE m.page_id {candidates}
), matched AS MATERIALIZED (SELECT count(*) AS n, sort(array_agg(page_id)) AS ids FROM candidates),
unmatched AS MATERIALIZED (
    SELECT u.pages - (SELECT ids FROM matched) AS ids FROM coop_search_facetuniverse u
     WHERE (SELECT n FROM matched) > {facet_rows_up_to}
), smaller AS MATERIALIZED (
    SELECT icount(ids) < {unmatched_ratio} * (SELECT n FROM matched) AS unmatched FROM unmatched
)
SELECT 0, '', '', (SELECT n FROM matched), 0
UNION ALL
SELECT 1, f.facet, f.value, count(*), 0
  FROM coop_search_searchfacet f
 WHERE (SELECT n FROM matched) <= {facet_rows_up_to} AND f.page_id IN (SELECT page_id FROM candidates)
 GROUP BY f.facet, f.value
UNION ALL
SELECT 1, lists.facet, lists.value, lists.n, 0 FROM (
    SELECT fp.facet, fp.value,
           CASE WHEN (SELECT unmatched FROM smaller)
                THEN icount(fp.pages) - icount(fp.pages & (SELECT ids FROM unmatched))
                ELSE icount(fp.pages & (SELECT ids FROM matched)) END AS n
      FROM coop_search_facetpages fp WHERE (SELECT n FROM matched) > {facet_rows_up_to}
    OFFSET 0  -- counted once per value: the outer condition is not pushed into the intersection
) lists WHERE lists.n > 0
{page}
"""
# The matches (page id and rank) are kept twice in memory, by coop_search_matches and by the `candidates`
# CTE: ~4 MB each for 80,000 of them. Past the default work_mem (4 MB) both spilled to temporary files, and
# reading them back cost ~40 ms of a 220 ms search. Raised for this statement's transaction only.
WORK_MEM = "32MB"

RANKED_PAGE = """UNION ALL
(SELECT 2, '', '', c.page_id, c.rank FROM candidates c ORDER BY c.rank DESC, c.page_id DESC LIMIT %s OFFSET %s)"""


def matches(engine, text, candidates=None, page: tuple[int, int] | None = None):
    """Matches of `text` among the `candidates` queryset (filtered public case studies; None: every public
    one): (total, facet counts, ids). One statement: the words are matched once. With `page` = (offset,
    limit), `ids` is that page of matches by relevance; without it, None (the caller orders them otherwise)."""
    tsquery_sql, tsquery_params = _tsquery(engine, text)
    if candidates is None:
        # Matches minus the few hidden pages: cheaper than joining every public page (~0.15 s at 100,000).
        from wagtail.models import Page

        from projets.restrictions import public_q

        hidden = Page.objects.exclude(public_q()).order_by().values("pk")
        hidden_sql, candidates_params = hidden.query.sql_with_params()
        condition = f"NOT IN ({hidden_sql})"
    else:
        candidates_sql, candidates_params = candidates.order_by().values("pk").query.sql_with_params()
        condition = f"IN ({candidates_sql})"
    sql = STATEMENT.format(
        tsquery=tsquery_sql,
        candidates=condition,
        facet_rows_up_to=FACET_ROWS_UP_TO,
        unmatched_ratio=float(UNMATCHED_RATIO),
        page=RANKED_PAGE if page else "",
    )
    params = [*tsquery_params, *candidates_params]
    if page:
        offset, limit = page
        params += [limit, offset]
    total, counts, hits = 0, {}, []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(sql, params)
        for kind, facet, value, number, rank in cursor.fetchall():
            if kind == 0:
                total = number
            elif kind == 1:
                counts.setdefault(facet, {})[value] = number
            else:
                hits.append((rank, number))
    # UNION ALL keeps no order across its branches: the page is put back in order here.
    ids = [page_id for _rank, page_id in sorted(hits, reverse=True)] if page else None
    return total, counts, ids
