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
