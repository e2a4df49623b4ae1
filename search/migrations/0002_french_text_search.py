"""PostgreSQL text search configurations for French (a no-op on other databases).

coop_french: the `french` configuration with `unaccent` before the Snowball French stemmer, so that
"economie" finds "économie" and "coopérer" finds "coopération". coop_simple: `simple` with `unaccent`,
for autocomplete (prefixes, no stemming). Used through WAGTAILSEARCH_BACKENDS (search/config.py).
"""

from django.db import migrations

from search.migrations._postgresql import on_postgresql

WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'coop_french') THEN
    CREATE TEXT SEARCH CONFIGURATION coop_french (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION coop_french ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, french_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'coop_simple') THEN
    CREATE TEXT SEARCH CONFIGURATION coop_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION coop_simple ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, simple;
  END IF;
END $$;
"""

DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS coop_french;
DROP TEXT SEARCH CONFIGURATION IF EXISTS coop_simple;
"""


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0001_facets")]

    operations = [on_postgresql(CREATE, DROP)]
