"""The published precedents' tables: kept at publication, read by key, counted without every contract."""

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from precedents import contract_table, selection
from precedents.models import ContractFacet, PublishedContract
from projets import choices
from tests.factories import ContractFactory, departement, region
from tests.precedents.conftest import contract

pytestmark = pytest.mark.django_db
LIST = reverse("precedents:list")
GUIDE = reverse("precedents:guide")
COMPARE = reverse("precedents:compare")
CSV = reverse("precedents:csv")


def urls(graph) -> list[str]:
    return [
        LIST,
        f"{LIST}?ip=copropriete",
        f"{LIST}?ip=copropriete&region=32&party_kind=association&year_from=2010",
        f"{LIST}?q=reunion&sort=etude&page=1",
        "/api/precedents?page_size=100",
        "/api/precedents?kind=collaboration_recherche&funding=cifre",
        f"{GUIDE}?financement=anr&resultats=partages&publication=relecture&donnees=oui",
        f"{COMPARE}?ids={graph.c1.pk},{graph.c3.pk}",
    ]


def query_counts(client, graph) -> dict[str, int]:
    from django.db import connection

    counts = {}
    for url in urls(graph):
        client.get(url)  # the whole table's counts are kept a minute: both sizes are read warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


def grow(graph, make_project, number: int) -> None:
    """More case studies with contracts, parties, funding and regions of their own."""
    for index in range(number):
        page = make_project(
            title=f"Étude {index}",
            start_year=2000 + index,
            territories=[departement("59"), region("32"), region("84")],
            partners=[(graph.assoc_nord, choices.PartnerRole.LEAD), (graph.lab_lyon, choices.PartnerRole.RESEARCH)],
            funding=[(choices.FundingKind.CIFRE, 1000), (choices.FundingKind.PUBLIC_GRANT, 500)],
        )
        contract(
            page,
            [graph.assoc_nord, graph.lab_lyon, graph.univ_paris],
            kind=choices.ContractKind.COLLABORATION,
            intellectual_property=choices.IntellectualProperty.CO_OWNERSHIP,
            what_worked="Une réunion par mois.",
        )
        contract(page, [graph.assoc_nord], kind=choices.ContractKind.CHARTER)


def test_pages_read_a_constant_and_small_number_of_queries_at_two_sizes(graph, client, make_project):
    small = query_counts(client, graph)
    grow(graph, make_project, 6)
    large = query_counts(client, graph)
    assert large == small
    # Facets, totals and pages come from the published tables: a few queries, not one per facet and more.
    assert small[LIST] <= 12, small
    assert small["/api/precedents?page_size=100"] <= 12, small
    assert all(count <= 16 for count in small.values()), small


def test_no_count_scans_the_contracts_with_their_case_studies(graph, client):
    from django.db import connection

    client.get(LIST)
    with CaptureQueriesContext(connection) as captured:
        client.get(f"{LIST}?region=32&funding=cifre")
    counting = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counting
    for sql in counting:
        assert "projets_contract" not in sql and "projets_projectpage_territories" not in sql, sql


def facet_counting_queries(client, url: str) -> list[str]:
    from django.db import connection

    client.get(url)  # the whole table's counts are kept a minute
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "COUNT(" in query["sql"].upper() and "precedents_" in query["sql"]
    ]


def test_one_facet_chosen_counts_its_own_values_from_the_whole_table_kept(graph, client):
    # Without its own choice nothing is filtered: its counts are the whole table's, already kept.
    url = f"{LIST}?ip=copropriete"
    assert len(facet_counting_queries(client, url)) == 1
    ip = next(facet for facet in client.get(url).context["facets"] if facet["param"] == "ip")
    whole = next(facet for facet in client.get(LIST).context["facets"] if facet["param"] == "ip")
    assert [(item["value"], item["count"]) for item in ip["values"] + ip["folded"]] == [
        (item["value"], item["count"]) for item in whole["values"] + whole["folded"]
    ]
    # With another filter, the facet is counted among what that filter keeps.
    assert len(facet_counting_queries(client, f"{LIST}?ip=copropriete&region=32")) == 3


def test_facets_are_counted_on_one_row_per_contract(graph, client):
    from django.db import connection

    # Each contract's facet values are columns of its published row: counting never reads its facet rows.
    for url in [f"{LIST}?ip=copropriete", f"{LIST}?ip=copropriete&region=32&funding=cifre&year_from=2000"]:
        counting = facet_counting_queries(client, url)
        assert counting, url
        for sql in counting:
            assert "precedents_contractfacet" not in sql, sql
    cache.clear()  # the whole table's counts too
    with CaptureQueriesContext(connection) as captured:
        client.get(LIST)
    counting = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counting and all("precedents_contractfacet" not in sql for sql in counting), counting


def test_zero_count_options_are_folded_away(graph, client):
    response = client.get(LIST)
    ip = next(facet for facet in response.context["facets"] if facet["param"] == "ip")
    assert all(item["count"] for item in ip["values"])
    folded = {item["value"] for item in ip["folded"]}
    assert choices.IntellectualProperty.ASSOCIATION_OWNS in folded
    assert '<details class="folded-options">' in response.text
    assert "Autres options" in response.text
    # A chosen value is never folded, even at 0.
    response = client.get(LIST, {"ip": choices.IntellectualProperty.ASSOCIATION_OWNS})
    ip = next(facet for facet in response.context["facets"] if facet["param"] == "ip")
    chosen = [item["value"] for item in ip["values"] if item["selected"]]
    assert chosen == [choices.IntellectualProperty.ASSOCIATION_OWNS]
    api = client.get("/api/precedents").json()
    api_ip = next(facet for facet in api["facets"] if facet["param"] == "ip")
    assert all(item["count"] for item in api_ip["values"])


def test_the_guide_counts_are_the_table_counts(graph, client):
    response = client.get(GUIDE, {"financement": "anr", "resultats": "partages"})
    for item in response.context["recommendations"]:
        table = client.get(item["url"])
        assert item["count"] == table.context["paginator"].count
    for clause in response.context["clauses"]:
        assert clause["count"] == client.get(clause["url"]).context["paginator"].count


def test_rows_follow_publication(graph, make_project):
    # Every live case study's contracts (a private section's too: the outputs leave them out), no draft's.
    live = {c.pk for c in [*graph.public, graph.hidden_private]}
    assert set(PublishedContract.objects.values_list("contract_id", flat=True)) == live
    page = make_project(title="Nouvelle", territories=[region("32")])
    added = ContractFactory(page=page, kind=choices.ContractKind.SERVICE)
    assert ContractFacet.objects.filter(contract_id=added.pk, facet="region").get().value == "32"
    page.unpublish()
    assert not PublishedContract.objects.filter(contract_id=added.pk).exists()
    page.save_revision().publish()
    assert PublishedContract.objects.filter(contract_id=added.pk).exists()
    graph.c6.delete()
    assert not PublishedContract.objects.filter(contract_id=graph.c6.pk).exists()


def test_a_change_of_parties_rewrites_the_party_kinds(graph):
    graph.c6.parties.set([graph.foundation])
    graph.c6.save()
    rows = ContractFacet.objects.filter(contract_id=graph.c6.pk, facet="party_kind")
    kinds = set(rows.values_list("value", flat=True))
    assert kinds == {choices.OrganisationKind.FOUNDATION}


def test_sync_all_rebuilds_the_same_rows(graph):
    def snapshot():
        rows = set(PublishedContract.objects.values_list("contract_id", "page_id", "year", "kind", "page_title"))
        facets = set(ContractFacet.objects.values_list("contract_id", "facet", "value"))
        return rows, facets

    before = snapshot()
    PublishedContract.objects.all().delete()
    assert contract_table.sync_all() == 4  # live case studies, the private section's one included
    assert snapshot() == before
    # The private section's contract has rows, but no public output shows it.
    assert graph.hidden_private.pk in {row[0] for row in before[0]}
    assert graph.hidden_private.pk not in selection.published_rows().values_list("contract_id", flat=True)


def test_the_csv_reads_every_row_in_the_tables_order(graph, client):
    response = client.get(CSV, {"sort": "etude"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(graph.public)
