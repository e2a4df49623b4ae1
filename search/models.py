"""A denormalised facet table: one row per (case study, facet, value).

Why a table rather than the FilterField methods alone: on the database backends, `facet_region()` and
friends are Python methods the ORM cannot filter or count by. One indexed table lets every facet be
filtered with an `IN (subquery)` and every facet count come from a single GROUP BY over the matching
pages, whatever the number of facets. It is rebuilt for a page each time the page is published
(search/signals.py); `manage.py sync_search_facets` rebuilds it all. The engines (OpenSearch,
Elasticsearch) index the same values from the same methods (ProjectPage.facet_*) and aggregate them.
"""

from django.db import models


class SearchFacet(models.Model):
    page = models.ForeignKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="search_facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "facet", "value"], name="search_facet_unique")]
        indexes = [models.Index(fields=["facet", "value", "page"], name="search_facet_lookup")]

    def __str__(self):
        return f"{self.page_id} {self.facet}={self.value}"


class NarrativePassages(models.Model):
    """The searchable texts of a published case study's narrative, and where each stem first occurs in them.

    A hit whose summary lacks the words searched shows the first of these texts that holds one of them
    (search.passages). Reading and scanning the narratives for it was 4-5 ms of most filtered searches at
    100,000 case studies (issue 8); with `first_piece` ({stem: index in `pieces`}), the passage is one lookup.
    Written when a case study is published (search/signals.py) and dropped when its narrative is saved
    otherwise; a page without a row has its narrative read as before. `manage.py sync_search_passages`
    rebuilds them all.
    """

    page = models.OneToOneField("projets.ProjectPage", on_delete=models.CASCADE, primary_key=True, related_name="+")
    pieces = models.JSONField(default=list)
    first_piece = models.JSONField(default=dict)

    def __str__(self):
        return f"{self.page_id}: {len(self.pieces)} passages"


class CardNames(models.Model):
    """The names a hit's card shows (themes, territories, regions, partners, funders) of a published case study.

    Read from their relations, they were a UNION of four joins over ~250 organisations for 20 hits: 3.5-5 ms of
    every search at 100,000 case studies (issue 8), the largest part of the API's own time. Written when a case
    study is published, and again when an organisation, theme or territory it names changes (search.renames);
    dropped when the page or its partners or funding lines are saved otherwise. A page without a row has its
    names read from the relations, as before (search.hit_loading). `manage.py sync_card_names` rebuilds them.
    """

    page = models.OneToOneField("projets.ProjectPage", on_delete=models.CASCADE, primary_key=True, related_name="+")
    # JSON kept as text (search.hit_loading.names_to_store): never queried inside, and PostgreSQL returns text as
    # it is, where jsonb is rewritten as text on every read (0.3 ms of the 0.95 a page of 20 hits took).
    names = models.TextField()

    def __str__(self):
        return f"{self.page_id}: {self.names[:80]}"
