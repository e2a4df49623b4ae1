"""Relevance from an index, and a narrow table to read the matching ids from (PostgreSQL only).

Why (issue 8): a search matching 80 % of the catalogue ranked every match. `coop_search_matches` visited the
7,000 heap blocks of `coop_search_text` (its ~500-byte rank vectors are stored inline) and ran `ts_rank` on
80,000 of them, then a top-N sort picked 20: ~120 of the ~190 ms of the statement.

- `coop_search_ids(query)`: the matching ids only, through the GIN index (no rank computed).
- With the `rum` extension (Debian's postgresql-15-rum, installed by scripts/postgres.sh and the db image):
  - `coop_search_text_rank`: a RUM index on the rank vector. It keeps the lexemes' positions, so the best
    ranked matches come out of the index in order, and only those are read from the table
    (`ORDER BY rank_vector <=> query LIMIT n`; RUM's score is its own variant of `ts_rank`).
  - `toast_tuple_target = 128`: the rank vectors move out of line, the table shrinks from ~55 MB to ~7 MB of
    heap, and reading the ids of 80,000 matches visits ~840 blocks instead of ~7,000. CLUSTER rewrites the
    existing rows so.
- Without `rum` (a server that lacks it, or a user that may not create it), nothing but the function is
  created and search.postgres_text ranks as before.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = """
CREATE OR REPLACE FUNCTION coop_search_ids(query tsquery)
RETURNS SETOF integer LANGUAGE sql STABLE ROWS 100000
SET enable_seqscan = off
AS $$ SELECT t.page_id FROM coop_search_text t WHERE t.document @@ query $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        RAISE WARNING 'coop_search: the rum extension is not available, relevance is ranked without an index';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS rum;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'coop_search: no privilege to create the rum extension, relevance is ranked without an index';
        RETURN;
    END;
    ALTER TABLE coop_search_text SET (toast_tuple_target = 128);
    -- Rewrites the table, each row under the new target (an UPDATE would leave the narrow rows scattered
    -- over the old blocks), in page id order.
    CLUSTER coop_search_text USING coop_search_text_pkey;
    CREATE INDEX IF NOT EXISTS coop_search_text_rank ON coop_search_text USING rum (rank_vector rum_tsvector_ops);
END $$;
ANALYZE coop_search_text;
"""

# The extension stays: other objects may use it, and dropping it is the operator's choice.
DROP = """
DROP INDEX IF EXISTS coop_search_text_rank;
ALTER TABLE coop_search_text RESET (toast_tuple_target);
DROP FUNCTION IF EXISTS coop_search_ids(tsquery);
"""


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0006_postgres_facet_universe")]

    operations = [on_postgresql(CREATE, DROP)]
