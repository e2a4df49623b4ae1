"""For each facet value, the sorted ids of the case studies that have it (PostgreSQL only; a no-op elsewhere).

Why (issue 8): counting the facets of a search that matches 80,000 of 100,000 case studies read 1.4 million
rows of `coop_search_searchfacet` and grouped them (~0.9 s). With one sorted id array per value, a count is
the size of an intersection (`icount(pages & matched)`, intarray): ~200 intersections, ~0.1 s.

`coop_search_facetpages` is kept by statement triggers on `coop_search_searchfacet` (whatever writes it: a
publication's facet sync, the rebuild, a cascade on deletion). Each trigger applies the rows a statement
removed and added with one UPDATE per value, `pages = (pages - removed) | added`: PostgreSQL re-reads the
row after waiting for a concurrent writer, so two publications touching the same value cannot lose each
other's ids; an advisory lock makes facet writers take turns (no deadlock). Ids of deleted pages would
only ever be intersected with public matches, which they are not in.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = """
CREATE EXTENSION IF NOT EXISTS intarray;

CREATE TABLE IF NOT EXISTS coop_search_facetpages (
    facet varchar(20) NOT NULL,
    value varchar(120) NOT NULL,
    pages integer[] NOT NULL,
    PRIMARY KEY (facet, value)
);
-- Uncompressed: read whole at every large search, decompressing cost more than reading.
ALTER TABLE coop_search_facetpages ALTER COLUMN pages SET STORAGE EXTERNAL;

CREATE OR REPLACE FUNCTION coop_search_facetpages_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One writer at a time until commit: rows locked by two transactions in different orders could deadlock,
    -- and a deadlock would fail a publication. Facet syncs are short and rare.
    PERFORM pg_advisory_xact_lock(7263114);
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE coop_search_facetpages fp SET pages = fp.pages - r.ids
          FROM (SELECT facet, value, array_agg(page_id) AS ids FROM removed GROUP BY facet, value) r
         WHERE fp.facet = r.facet AND fp.value = r.value;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO coop_search_facetpages AS fp (facet, value, pages)
        SELECT facet, value, sort(array_agg(page_id)) FROM added GROUP BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET pages = fp.pages | EXCLUDED.pages;
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS coop_search_facetpages_insert ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetpages_insert AFTER INSERT ON coop_search_searchfacet
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetpages_sync();
DROP TRIGGER IF EXISTS coop_search_facetpages_delete ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetpages_delete AFTER DELETE ON coop_search_searchfacet
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetpages_sync();
DROP TRIGGER IF EXISTS coop_search_facetpages_update ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetpages_update AFTER UPDATE ON coop_search_searchfacet
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetpages_sync();

CREATE OR REPLACE FUNCTION coop_search_facetpages_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE coop_search_facetpages;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS coop_search_facetpages_empty ON coop_search_searchfacet;
CREATE TRIGGER coop_search_facetpages_empty AFTER TRUNCATE ON coop_search_searchfacet
    FOR EACH STATEMENT EXECUTE FUNCTION coop_search_facetpages_empty();

TRUNCATE coop_search_facetpages;
INSERT INTO coop_search_facetpages (facet, value, pages)
SELECT facet, value, array_agg(page_id ORDER BY page_id) FROM coop_search_searchfacet GROUP BY facet, value;
"""

DROP = """
DROP TRIGGER IF EXISTS coop_search_facetpages_insert ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetpages_delete ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetpages_update ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetpages_empty ON coop_search_searchfacet;
DROP FUNCTION IF EXISTS coop_search_facetpages_sync();
DROP FUNCTION IF EXISTS coop_search_facetpages_empty();
DROP TABLE IF EXISTS coop_search_facetpages;
"""


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0004_postgres_text_table")]

    operations = [on_postgresql(CREATE, DROP)]
