"""Drop the objects of the former migrations 0004-0007 and 0010 (PostgreSQL only; a no-op elsewhere).

Search on PostgreSQL is modelsearch's stock backend again: the catalogue outgrowing it moves to OpenSearch.
The extensions (rum, intarray) stay: other objects may use them, and dropping them is the operator's choice.
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

DROP = """
DROP TRIGGER IF EXISTS coop_search_text_sync ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS coop_search_text_empty ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS coop_search_text_sync();
DROP FUNCTION IF EXISTS coop_search_text_empty();
DROP FUNCTION IF EXISTS coop_search_matches(tsquery);
DROP FUNCTION IF EXISTS coop_search_ids(tsquery);
DROP FUNCTION IF EXISTS coop_search_id_array(tsquery);
DROP TABLE IF EXISTS coop_search_text;
DROP INDEX IF EXISTS coop_page_not_live;
DROP TRIGGER IF EXISTS coop_search_facetpages_insert ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetpages_delete ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetpages_update ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetpages_empty ON coop_search_searchfacet;
DROP FUNCTION IF EXISTS coop_search_facetpages_sync();
DROP FUNCTION IF EXISTS coop_search_facetpages_empty();
DROP TABLE IF EXISTS coop_search_facetpages;
DROP TRIGGER IF EXISTS coop_search_facetuniverse_insert ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetuniverse_update ON coop_search_searchfacet;
DROP TRIGGER IF EXISTS coop_search_facetuniverse_empty ON coop_search_searchfacet;
DROP FUNCTION IF EXISTS coop_search_facetuniverse_sync();
DROP FUNCTION IF EXISTS coop_search_facetuniverse_empty();
DROP TABLE IF EXISTS coop_search_facetuniverse;
"""


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0010_postgres_id_array")]

    # Backwards: nothing to recreate (the emptied migrations create nothing either).
    operations = [on_postgresql(DROP, "SELECT 1")]
