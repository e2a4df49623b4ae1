"""Emptied: it created a trigger-kept copy of the search vectors (coop_search_text), a search engine of our own inside PostgreSQL.

Kept so that the migration history stays whole; 0011 drops what it made in databases that ran it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0003_speed_text_index")]

    operations = []
