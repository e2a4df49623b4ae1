"""The matching ids of a search as one sorted array (PostgreSQL only; a no-op elsewhere).

Why (issue 8): the count and the facets of a search matching 95 % of the catalogue read its ids from
`coop_search_ids` (a set-returning function: PostgreSQL writes its 95,000 rows to a tuplestore), kept them in a
CTE (a second tuplestore), then gathered them into the sorted array the facet counts intersect: ~60 ms of the
statement. The array built in the function, straight from the GIN index's bitmap scan, costs ~30 ms.

`enable_seqscan = off` for the same reason as `coop_search_ids`: the planner would read the whole table (the
documents are out of line), ~1 s, rather than trust the index for a word most case studies contain.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

CREATE = """
CREATE OR REPLACE FUNCTION coop_search_id_array(query tsquery)
RETURNS integer[] LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$ SELECT coalesce(sort(array_agg(t.page_id)), '{}') FROM coop_search_text t WHERE t.document @@ query $$;
"""

DROP = "DROP FUNCTION IF EXISTS coop_search_id_array(tsquery);"


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0009_card_names")]

    operations = [on_postgresql(CREATE, DROP)]
