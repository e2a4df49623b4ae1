"""A results page costs the same number of SQL queries for 5 hits as for 20 (no query per hit)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projets import choices
from tests.factories import OrganisationFactory, ThemeFactory, departement, region

HITS = 21  # more than the larger page holds
FEW, MANY = 5, 20


@pytest.fixture
def many_hits(make_project, search_backend):
    theme = ThemeFactory(name="Éducation populaire", slug="education-populaire")
    for number in range(HITS):
        lead = OrganisationFactory(name=f"Fédération coopérative {number}", kind=choices.OrganisationKind.NETWORK)
        lab = OrganisationFactory(name=f"Laboratoire {number}", kind=choices.OrganisationKind.UNIVERSITY)
        make_project(
            title=f"Coopération numéro {number}",
            slug=f"cooperation-{number}",
            summary="Une coopération entre une fédération et un laboratoire.",
            themes=[theme],
            territories=[region("32"), departement("62" if number % 2 else "80")],
            partners=[(lead, choices.PartnerRole.LEAD), (lab, choices.PartnerRole.RESEARCH)],
            funding=[(choices.FundingKind.PUBLIC_GRANT, 1000 + number)],
            status=choices.Status.FINISHED,
            start_year=2010 + number % 10,
        )
    search_backend.refresh_indexes()


def queries_for(client, url: str, params: dict) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response


CASES = [
    {"q": "coopération fédération", "theme": "education-populaire", "region": "32"},
    {"theme": "education-populaire", "status": "termine", "sort": "recent"},
    {"q": "numéro"},  # in the titles, not in the summaries: the narratives are read for the passage
]


def test_results_page_has_a_constant_number_of_queries(many_hits, client):
    """One corpus (building the published case studies is the slow part), both views, words and filters."""
    for url in ("/api/recherche", "/recherche/"):
        for params in CASES:
            queries_for(client, url, {**params, "page_size": 2})  # warm: labels and site root paths read once
            few, short = queries_for(client, url, {**params, "page_size": FEW})
            many, long = queries_for(client, url, {**params, "page_size": MANY})
            if url.startswith("/api/"):
                assert (len(short.json()["results"]), len(long.json()["results"])) == (FEW, MANY)
                assert short.json()["count"] == HITS
                if "fédération" in params.get("q", ""):  # matching partners: from the joined rows, not a query per hit
                    assert long.json()["results"][0]["matching_partners"][0].startswith("Fédération coopérative")
            else:
                assert short.content.count(b'class="project-card"') == FEW
                assert long.content.count(b'class="project-card"') == MANY
            assert few == many, (url, params)
            # 17 on the database backend: the precedents' and lessons' groups (a count and a page each on
            # /recherche/, the workshops' lessons read before the case studies' ones) and the footer's contact
            # setting; the same at any size.
            assert many <= 17, (url, params)
