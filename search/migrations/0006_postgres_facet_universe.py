"""Every case study that has facet rows, as one sorted id array (PostgreSQL only; a no-op elsewhere).

Why (issue 8): a search matching 80 % of the catalogue counted each facet value as
`icount(pages & matched)`, and intarray copies and sorts both arrays at each of the ~200 intersections:
~100 ms for 80,000 matches. Counting the pages that do *not* match and subtracting costs the same work on
the ~20,000 others: `icount(pages) - icount(pages & (universe - matched))`, ~45 ms (search.postgres_text).

The universe only has to hold every id of `coop_search_facetpages`; extra ids are harmless (they are in no
value's list, so never subtracted). So a statement trigger adds the ids of inserted facet rows and nothing
removes them one by one; TRUNCATE of the facet rows (a rebuild) empties it, and the rebuild adds them back.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = """
CREATE TABLE IF NOT EXISTS coop_search_facetuniverse (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    pages integer[] NOT NULL
);
ALTER TABLE coop_search_facetuniverse ALTER COLUMN pages SET STORAGE EXTERNAL;

CREATE OR REPLACE FUNCTION coop_search_facetuniverse_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The facet lists' lock (migration 0005): writers of facet rows take turns until commit.
    PERFORM pg_advisory_xact_lock(7263114);
    UPDATE coop_search_facetuniverse u SET pages = u.pages | (SELECT uniq(sort(array_agg(page_id))) FROM added)
     WHERE EXISTS (SELECT 1 FROM added);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION coop_search_facetuniverse_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coop_search_facetuniverse SET pages = '{}';
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS coop_search_facetuniverse_insert ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetuniverse_insert AFTER INSERT ON coop_search_searchfacet
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetuniverse_sync();
DROP TRIGGER IF EXISTS coop_search_facetuniverse_update ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetuniverse_update AFTER UPDATE ON coop_search_searchfacet
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetuniverse_sync();
DROP TRIGGER IF EXISTS coop_search_facetuniverse_empty ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetuniverse_empty AFTER TRUNCATE ON coop_search_searchfacet
    FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetuniverse_empty();

DELETE FROM coop_search_facetuniverse;
INSERT INTO coop_search_facetuniverse (pages)
SELECT coalesce(uniq(sort(array_agg(page_id))), '{}') FROM coop_search_searchfacet;
"""

DROP = """
DROP TRIGGER IF EXISTS coop_search_facetuniverse_insert ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetuniverse_update ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetuniverse_empty ON coop_search_searchfacet;
DROP FUNCTION IF EXISTS coop_search_facetuniverse_sync();
DROP FUNCTION IF EXISTS coop_search_facetuniverse_empty();
DROP TABLE IF EXISTS coop_search_facetuniverse;
"""


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0005_postgres_facet_pages")]

    operations = [on_postgresql(CREATE, DROP)]
