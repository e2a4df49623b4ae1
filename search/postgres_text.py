"""Words searched on PostgreSQL at scale: the matching case studies through `coop_search_text` (migration 0004).

The stock backend's queryset matched `(title || body) @@ query` in a sequential scan of the whole index
table, once for the count, once for the facets and once for the page, and ranked on every matching body
(~5 s at 100,000 case studies for words most of them contain; issue 8). Here the words become the same
tsquery the backend builds (its own compiler: same analysis, same phrase handling), matched through the GIN
index of the narrow table by `coop_search_id_array`; ranked by relevance, one statement returns the count,
every facet count and the page of ids, so the words are matched once per search.

Relevance on this path is the rank of the words in the title and the summary (title lexemes weigh more),
then the newest case study: matching the narrative still counts, ranking on it would read every matching
narrative again.
"""

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from search import side_statement


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
    return RawSQL(f"SELECT page_id FROM coop_search_ids({sql}) AS m(page_id)", params)  # noqa: S608, S611


_ranking_index: dict[str, bool] = {}


def has_ranking_index() -> bool:
    """Whether migration 0007 could build the RUM index of the rank vectors on this database (asked once per
    database and process: an index appears or goes only through a migration)."""
    key = connection.settings_dict["NAME"]
    if key not in _ranking_index:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('coop_search_text_rank') IS NOT NULL")
            _ranking_index[key] = cursor.fetchone()[0]
    return _ranking_index[key]


# Below this many matches, counting the facet rows of the matches is cheaper than ~200 intersections of
# whole id lists (coop_search_facetpages, migration 0005); above it, much dearer (0.9 s against 0.1 s for
# 80,000 matches of 100,000). PostgreSQL runs only the branch whose one-time condition holds.
FACET_ROWS_UP_TO = 5000

# Each intersection copies and sorts both arrays (intarray): when most case studies match, a value's count
# is its list's size minus its pages among the *unmatched* ones (migration 0006), which are fewer
# (~45 ms against ~100 for 80,000 matches of 100,000). This is the ratio of unmatched to matched pages
# under which the unmatched ones are counted.
UNMATCHED_RATIO = 1.0

# The matches: their ids as one sorted array (`coop_search_id_array`, migration 0010), less the hidden pages or
# intersected with the filtered candidates (`pages`, read once: intarray's `-` or `&`); with their `ts_rank` as
# rows when relevance is ranked without the RUM index (`coop_search_matches`, `{condition}` on each page id).
IDS = """pages AS MATERIALIZED (SELECT coalesce(sort(array_agg(c.pk)), '{{}}') AS ids FROM ({pages}) c(pk)),
found AS MATERIALIZED (SELECT coop_search_id_array((SELECT query FROM words)) {among} (SELECT ids FROM pages) AS ids),
matched AS MATERIALIZED (SELECT icount(ids) AS n, ids FROM found)"""
IDS_AND_RANKS = """candidates AS MATERIALIZED (
    SELECT m.page_id, m.rank FROM coop_search_matches((SELECT query FROM words)) m WHERE m.page_id {condition}
), matched AS MATERIALIZED (SELECT count(*) AS n, coalesce(sort(array_agg(page_id)), '{{}}') AS ids FROM candidates)"""
STATEMENT = """
WITH words AS MATERIALIZED (SELECT {tsquery} AS query),
{matches},
unmatched AS MATERIALIZED (
    SELECT u.pages - (SELECT ids FROM matched) AS ids FROM coop_search_facetuniverse u
     WHERE (SELECT n FROM matched) > {facet_rows_up_to}
), smaller AS MATERIALIZED (
    SELECT icount(ids) < {unmatched_ratio} * (SELECT n FROM matched) AS unmatched FROM unmatched
){ranking}
SELECT 0, '', '', (SELECT n FROM matched), 0
UNION ALL
SELECT 1, f.facet, f.value, count(*), 0
  FROM coop_search_searchfacet f
 WHERE (SELECT n FROM matched) <= {facet_rows_up_to} AND f.page_id = ANY((SELECT ids FROM matched)::integer[])
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
# The matches (page id and rank) are kept in memory by coop_search_matches and the `candidates` CTE (~4 MB
# each for 80,000 of them), and the RUM index sorts the distances of the vectors it reads. Past the default
# work_mem (4 MB) they spilled to temporary files, and reading them back cost ~40 ms of a 220 ms search.
# Raised for this statement's transaction only (and the side connection's, search.side_statement).
WORK_MEM = "32MB"
SET_WORK_MEM = f"SET LOCAL work_mem = '{WORK_MEM}'"

# Without the RUM index: every match ranked, the page picked by a top-N sort.
RANKED_PAGE = """UNION ALL
(SELECT 2, '', '', c.page_id, c.rank FROM candidates c ORDER BY c.rank DESC, c.page_id DESC LIMIT %s OFFSET %s)"""

# With it (migration 0007), the first `end` (offset + limit) matches by distance (the inverse of RUM's score),
# ties by the newest, come out of the index in order. RUM's score is a cover density: a sum over the extents
# of the rank vector (the title and the text's first 300 characters) that hold every word of the query. A
# match whose vector lacks one of the words has no such extent: it scores 0, an infinite distance, like a
# match whose words are all further in its text. So the index scan reads only the vectors with *every* word
# (`all_words`: the query's lexemes joined by &; by | should the query have | or !, which this path does not
# build): `recherche participative` reads 33,535 of them instead of the 68,575 with one of the words. Only
# finite distances are kept; when fewer than `end` matches have one, the newest of the others follow (all of
# them: a page that ended among the zeros of the scan once missed newer matches and repeated one).
# Each vector the scan gives out, in order, must be a match among the candidates: its page is looked up among
# the hidden (or the candidate) pages and its whole document matched again (a phrase, or words past the vector's
# 300 characters), for the ~20 vectors given out only. (Looking them up among the matches meant keeping
# 95,000 ids as rows for a hash: ~30 ms of a 200 ms search.)
INDEXED_RANKING = """,
all_words AS MATERIALIZED (
    SELECT string_agg(w[1], CASE WHEN (SELECT query FROM words)::text ~ '[|!]' THEN ' | ' ELSE ' & ' END)::tsquery
           AS query
      FROM regexp_matches((SELECT query FROM words)::text, $re$('(?:[^']|'')*'(?::[*A-D]+)?)$re$, 'g') AS w
), ranked AS MATERIALIZED (
    -- In the index's order (distance only), with the matches tied with the last one, then by the newest.
    SELECT r.page_id, r.distance FROM (
        -- The words again, not the `words` CTE: an index orders by an operator on a constant.
        SELECT t.page_id, t.rank_vector <=> {tsquery} AS distance FROM coop_search_text t
         WHERE t.rank_vector @@ (SELECT query FROM all_words)
           -- IS TRUE and coalesce() keep these filters on the index scan: estimating few rows, the planner
           -- would rather read all 34,000 vectors by a bitmap and sort them (~0.4 s), or probe the primary key
           -- for each of 80,000 matches and rank them all (~0.8 s), than read the index in order.
           AND (t.page_id {membership} (SELECT unnest(ids) FROM pages)) IS TRUE
           AND coalesce(t.document @@ (SELECT query FROM words), false)
         ORDER BY 2 FETCH FIRST %s ROWS WITH TIES
    ) r WHERE r.distance < 'Infinity' ORDER BY 2, 1 DESC LIMIT %s
), unranked AS MATERIALIZED (
    SELECT u.page_id, 'Infinity'::real AS distance
      FROM unnest(sort_desc((SELECT ids FROM matched) - (SELECT coalesce(array_agg(page_id), '{{}}') FROM ranked)))
           AS u(page_id)
     WHERE (SELECT count(*) FROM ranked) < %s LIMIT %s
)"""
INDEXED_PAGE = """UNION ALL
(SELECT 2, '', '', p.page_id, -p.distance FROM (SELECT * FROM ranked UNION ALL SELECT * FROM unranked) p
  ORDER BY p.distance, p.page_id DESC LIMIT %s OFFSET %s)"""
# The page alone, for a side connection (search.side_statement) while the request's counts: its own words and
# pages; the matches' id array only when fewer than `end` vectors are ranked (`unranked` reads it).
PAGE_ALONE = """
WITH words AS MATERIALIZED (SELECT {tsquery} AS query),
{matches}{ranking}
SELECT p.page_id FROM (SELECT * FROM ranked UNION ALL SELECT * FROM unranked) p
 ORDER BY p.distance, p.page_id DESC LIMIT %s OFFSET %s
"""


def _candidates(candidates) -> tuple[bool, str, list]:
    """(whether the pages are the candidates rather than the excluded ones, their SQL, its parameters) for the
    `candidates` queryset (filtered public case studies) or, for None, every public one: the matches less the
    few hidden pages, cheaper than joining every public page (~0.15 s at 100,000)."""
    if candidates is None:
        from wagtail.models import Page

        from projets.restrictions import public_q

        hidden = Page.objects.exclude(public_q()).order_by().values("pk")
        sql, params = hidden.query.sql_with_params()
        return False, sql, list(params)
    sql, params = candidates.order_by().values("pk").query.sql_with_params()
    return True, sql, list(params)


def _statement(tsquery: tuple[str, list], candidates, page: tuple[int, int] | None, alone=False) -> tuple[str, list]:
    """The statement's SQL for this search and its parameters; `alone`: the page by the RUM index only."""
    tsquery_sql, tsquery_params = tsquery
    included, pages, pages_params = _candidates(candidates)
    membership = "IN" if included else "NOT IN"
    ids = IDS.format(among="&" if included else "-", pages=pages)
    if page is None:  # the caller orders the matches: no rank needed
        matches, ranking, page_sql, params = ids, "", "", [*pages_params]
    elif has_ranking_index():
        offset, limit = page
        end = offset + limit
        ranking = INDEXED_RANKING.format(tsquery=tsquery_sql, membership=membership)
        matches, page_sql = ids, INDEXED_PAGE
        params = [*pages_params, *tsquery_params, end, end, end, end, limit, offset]
        if alone:
            return PAGE_ALONE.format(tsquery=tsquery_sql, matches=matches, ranking=ranking), [*tsquery_params, *params]
    else:
        offset, limit = page
        matches = IDS_AND_RANKS.format(condition=f"{membership} ({pages})")
        ranking, page_sql, params = "", RANKED_PAGE, [*pages_params, limit, offset]
    sql = STATEMENT.format(
        tsquery=tsquery_sql,
        matches=matches,
        facet_rows_up_to=FACET_ROWS_UP_TO,
        unmatched_ratio=float(UNMATCHED_RATIO),
        ranking=ranking,
        page=page_sql,
    )
    return sql, [*tsquery_params, *params]


def _run_here(sql: str, params: list) -> list:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SET_WORK_MEM)
        cursor.execute(sql, params)
        return cursor.fetchall()


def matches(engine, text, candidates=None, page: tuple[int, int] | None = None):
    """Matches of `text` among the `candidates` queryset (filtered public case studies; None: every public
    one): (total, facet counts, ids). One statement (two with a side connection): the words are matched once
    for the count and the facets. With `page` = (offset,
    limit), `ids` is that page of matches by relevance; without it, None (the caller orders them otherwise).

    With the RUM index, the page is a statement of its own, on a side connection while this one counts
    (search.side_statement), when one can be used."""
    tsquery = _tsquery(engine, text)
    side = page is not None and has_ranking_index() and side_statement.available()
    if side:
        page_sql, page_params = _statement(tsquery, candidates, page, alone=True)
        pending = side_statement.start(page_sql, page_params, setup=(SET_WORK_MEM,))
    total, counts, hits = 0, {}, []
    for kind, facet, value, number, rank in _run_here(*_statement(tsquery, candidates, None if side else page)):
        if kind == 0:
            total = number
        elif kind == 1:
            counts.setdefault(facet, {})[value] = number
        else:
            hits.append((rank, number))
    if side:
        page_rows = side_statement.rows(pending, page_sql, page_params, lambda: _run_here(page_sql, page_params))
        return total, counts, [page_id for (page_id,) in page_rows]
    # UNION ALL keeps no order across its branches: the page is put back in order here.
    ids = [page_id for _rank, page_id in sorted(hits, reverse=True)] if page else None
    return total, counts, ids
