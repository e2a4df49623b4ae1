"""Emptied: it created a RUM ranking index and coop_search_ids(), a search engine of our own inside PostgreSQL.

Kept so that the migration history stays whole; 0011 drops what it made in databases that ran it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0006_postgres_facet_universe")]

    operations = []
