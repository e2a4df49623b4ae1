"""A narrow copy of the case studies' search vectors for PostgreSQL, kept by a trigger (a no-op elsewhere).

Why (issue 8): at 100,000 case studies, common words ("impact social") match 80 % of the catalogue. The
backend's `(title || body) @@ query` over `wagtailsearch_indexentry` then ran as a sequential scan that
detoasts and concatenates every body vector (~1.5 s, three times per search: count, facets, page), and its
ranking read every matching body again. PostgreSQL's planner does not count detoasting, so it keeps
choosing that scan over the GIN index.

- `coop_search_text`: one row per indexed case study (page id as an integer, the matched vector, and a small
  vector to rank on: the title and the summary, which is where the text starts). Rows are ~40 bytes in the
  table (the vectors are toasted), so reading the matching rows after the GIN index is cheap.
- A trigger on `wagtailsearch_indexentry` keeps it equal to the backend's index whatever writes it (saving a
  page, the bulk rebuild, a reset), so it can never show a case study the index no longer has.
- `coop_search_matches(query)`: the matching case studies and their rank, read through the GIN index
  (`enable_seqscan` off inside the function only).
- `coop_page_not_live`: a partial index of the pages that are not live.
Visibility is not decided here: callers keep only public pages (projets.catalogue.public_projects).
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CONFIG = "coop_french"  # created by 0002; the one search/config.py gives the PostgreSQL backend

CREATE = f"""
CREATE TABLE IF NOT EXISTS coop_search_text (
    page_id integer PRIMARY KEY,
    document tsvector NOT NULL,
    rank_vector tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS coop_search_text_document ON coop_search_text USING gin (document);

CREATE OR REPLACE FUNCTION coop_search_text_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    case_study integer := (SELECT id FROM django_content_type WHERE app_label = 'projets' AND model = 'projectpage');
BEGIN
    IF OLD.content_type_id = case_study AND (TG_OP = 'DELETE' OR OLD.object_id <> NEW.object_id
                                              OR OLD.content_type_id <> NEW.content_type_id) THEN
        DELETE FROM coop_search_text WHERE page_id = OLD.object_id::integer;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.content_type_id = case_study THEN
        INSERT INTO coop_search_text (page_id, document, rank_vector)
        VALUES (
            NEW.object_id::integer,
            NEW.title || NEW.body,
            NEW.title || to_tsvector('{CONFIG}'::regconfig, left(NEW.body_text, 300))
        )
        ON CONFLICT (page_id) DO UPDATE SET document = EXCLUDED.document, rank_vector = EXCLUDED.rank_vector;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION coop_search_text_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE coop_search_text;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS coop_search_text_sync ON wagtailsearch_indexentry;
-- Not on updates of other columns: the backend rewrites every title_norm after a rebuild.
CREATE TRIGGER coop_search_text_sync
    AFTER INSERT OR DELETE OR UPDATE OF content_type_id, object_id, title, body, body_text
    ON wagtailsearch_indexentry FOR EACH ROW EXECUTE FUNCTION coop_search_text_sync();
DROP TRIGGER IF EXISTS coop_search_text_empty ON wagtailsearch_indexentry;
CREATE TRIGGER coop_search_text_empty AFTER TRUNCATE ON wagtailsearch_indexentry
    FOR EACH STATEMENT EXECUTE FUNCTION coop_search_text_empty();

-- The pages that are not live, for the searches that keep every public match (search.postgres_text):
-- a few rows, found without reading the 100,000 live ones.
CREATE INDEX IF NOT EXISTS coop_page_not_live ON wagtailcore_page (id) WHERE NOT live;

CREATE OR REPLACE FUNCTION coop_search_matches(query tsquery)
RETURNS TABLE (page_id integer, rank real) LANGUAGE sql STABLE ROWS 100000
SET enable_seqscan = off
AS $$ SELECT t.page_id, ts_rank(t.rank_vector, query) FROM coop_search_text t WHERE t.document @@ query $$;

INSERT INTO coop_search_text (page_id, document, rank_vector)
SELECT e.object_id::integer, e.title || e.body,
       e.title || to_tsvector('{CONFIG}'::regconfig, left(e.body_text, 300))
  FROM wagtailsearch_indexentry e
  JOIN django_content_type t ON t.id = e.content_type_id AND t.app_label = 'projets' AND t.model = 'projectpage'
ON CONFLICT (page_id) DO NOTHING;
ANALYZE coop_search_text;
"""

DROP = """
DROP TRIGGER IF EXISTS coop_search_text_sync ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS coop_search_text_empty ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS coop_search_text_sync();
DROP FUNCTION IF EXISTS coop_search_text_empty();
DROP FUNCTION IF EXISTS coop_search_matches(tsquery);
DROP TABLE IF EXISTS coop_search_text;
DROP INDEX IF EXISTS coop_page_not_live;
"""


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0003_speed_text_index")]

    operations = [on_postgresql(CREATE, DROP)]
