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
