"""Drop the tables kept beside the search index for the hits' cards and snippets.

Cards are read from the engine's documents (search.cards) or from the page tables by key; snippets' passages
from the engine's highlighter or from the narratives of the page of hits (search.passages).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("coop_search", "0011_drop_postgres_engine")]

    operations = [
        migrations.DeleteModel(name="CardNames"),
        migrations.DeleteModel(name="NarrativePassages"),
    ]
