"""The published precedents, written at publication: one row per public contract, and its facet values.

/precedents/, its CSV, /api/precedents and the guide read these instead of joining every contract to its
page, territories, parties and funding lines: a page of rows is read by key in the order of an index, and
facet counts come from (facet, value) rows (precedents.contract_table keeps both).
"""

from django.db import models


class PublishedContract(models.Model):
    """A contract of a live case study, with what the table sorts by."""

    contract = models.OneToOneField(
        "projets.Contract", on_delete=models.CASCADE, primary_key=True, related_name="published_row"
    )
    page = models.ForeignKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="+")
    year = models.IntegerField(null=True)  # signature year, else the case study's start year
    # The year as sort keys that put unknown years last either way (an index cannot say NULLS LAST on SQLite).
    recent_key = models.IntegerField(default=0)  # the year, or 0
    oldest_key = models.IntegerField(default=9999)  # the year, or 9999
    kind = models.CharField(max_length=30)
    duration_months = models.IntegerField(null=True)
    page_title = models.CharField(max_length=255)
    sort_order = models.IntegerField(null=True)
    # The facet values again, one column per facet, so that counting reads one row per contract: a clause's
    # value, or the values of a facet that can have several as "|a|b|" (sorted).
    intellectual_property = models.CharField(max_length=30, default="")
    publication = models.CharField(max_length=30, default="")
    data = models.CharField(max_length=30, default="")
    compensation = models.CharField(max_length=30, default="")
    governance = models.CharField(max_length=30, default="")
    party_kinds = models.CharField(max_length=255, default="")
    fundings = models.CharField(max_length=255, default="")
    regions = models.CharField(max_length=255, default="")

    class Meta:
        indexes = [
            models.Index(fields=["-recent_key", "page_title", "contract"], name="precedent_recent"),
            models.Index(fields=["oldest_key", "page_title", "contract"], name="precedent_oldest"),
            models.Index(fields=["kind", "page_title", "contract"], name="precedent_kind"),
            models.Index(fields=["page_title", "sort_order", "contract"], name="precedent_case_study"),
            models.Index(fields=["page"], name="precedent_page"),
        ]

    def __str__(self):
        return f"{self.contract_id} ({self.page_id})"


class ContractFacet(models.Model):
    """One facet value of a published contract ("ip" = "copropriete", "region" = "32"...)."""

    contract = models.ForeignKey(PublishedContract, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contract", "facet", "value"], name="precedent_facet_unique")]
        indexes = [models.Index(fields=["facet", "value", "contract"], name="precedent_facet_lookup")]

    def __str__(self):
        return f"{self.contract_id} {self.facet}={self.value}"
