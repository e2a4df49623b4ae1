import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from donnees.exports import neutralise
from projets.models import Organisation, ProjectPage

from .conftest import SECRETS

EXPORTS = [
    "/donnees/projets.csv",
    "/donnees/projets.json",
    "/donnees/partenaires.csv",
    "/donnees/financements.csv",
    "/donnees/contrats.csv",
    "/donnees/organisations.csv",
]


def body(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def read_csv(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return list(csv.DictReader(io.StringIO(body(response))))


@pytest.mark.parametrize("value", ["=1+1", "+33 6", "-2", "@SUM(A1)"])
def test_formula_cells_are_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Sols") == "Sols" and neutralise(12) == 12


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_hold_only_public_content(client, catalogue, url):
    text = body(client.get(url))
    for secret in SECRETS:
        assert secret not in text, (url, secret)


def test_projects_csv_neutralises_formulas_and_lists_public_case_studies(client, catalogue):
    rows = read_csv(client, "/donnees/projets.csv")
    assert sorted(row["reference"] for row in rows) == ["JARDINS", "SOLS"]
    sols = next(row for row in rows if row["reference"] == "SOLS")
    assert sols["titre"] == "'@Sols vivants"
    assert sols["themes"] == "sante-environnementale"
    assert sols["territoires"] == "departement:59|region:32"
    assert sols["url"].startswith("http://")


def test_contracts_csv_keeps_public_documents_only(client, catalogue):
    rows = {row["intitule"]: row for row in read_csv(client, "/donnees/contrats.csv")}
    assert "/documents/" in rows["Convention"]["document_url"]
    assert "modele-public" in rows["Convention"]["document_url"]
    assert rows["Convention"]["ce_qui_a_marche"] == "'=1+1 est une formule"
    assert rows["Accord réservé"]["document_url"] == ""


def test_organisations_csv_lists_partners_and_funders_of_public_pages(client, catalogue):
    names = {row["nom"] for row in read_csv(client, "/donnees/organisations.csv")}
    assert names == {"Laboratoire d'essai", "Association des jardins", "Fondation d'essai"}


def test_xlsx_has_one_sheet_per_table_and_neutralised_cells(client, catalogue):
    response = client.get("/donnees/projets.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["projets", "partenaires", "financements", "contrats", "organisations"]
    rows = workbook["projets"].iter_rows(values_only=True)
    title = next(rows).index("titre")
    titles = [row[title] for row in rows]
    assert sorted(titles) == ["'@Sols vivants", "Des chercheurs au jardin"]


def test_dictionary_states_the_licence(client, catalogue):
    response = client.get("/donnees/")
    assert response.status_code == 200
    assert "Licence Ouverte" in response.content.decode()
    assert "propriete_intellectuelle" in response.content.decode()


ALL_EXPORTS = [*EXPORTS, "/donnees/projets.xlsx"]


def _add_full_projects(make_project, themes, count: int, start: int) -> None:
    """Case studies with a theme, territory, tag, partner, funding line and contract each."""
    from tests.factories import (
        ContractFactory,
        FundingLineFactory,
        OrganisationFactory,
        ProjectPartnerFactory,
        region,
    )

    for number in range(start, start + count):
        page = make_project(
            title=f"Supplément {number}",
            reference=f"SUP{number}",
            themes=[themes["other"]],
            territories=[region("32")],
            publish=False,
        )
        organisation = OrganisationFactory(name=f"Structure {number}", kind="association")
        ProjectPartnerFactory(page=page, organisation=organisation, role="appui")
        FundingLineFactory(page=page, funder=organisation, kind="fondation", amount="10.00")
        contract = ContractFactory(page=page, title=f"Convention {number}")
        contract.parties.set([organisation])
        contract.save()
        page.tags.add(f"mot{number}")
        page.save()
        page.save_revision().publish()


def _queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content
    return len(queries)


def _warm(client) -> None:
    """Publishing empties Wagtail's cache of site root paths: the next request reads them once."""
    body(client.get("/donnees/projets.csv"))


def test_export_queries_do_not_grow_with_rows(client, catalogue, make_project, themes):
    """5 or 20 case studies (with every relation): the same number of SQL queries for every export."""
    _add_full_projects(make_project, themes, 3, 0)
    assert ProjectPage.objects.live().count() == 5 + 1  # plus the private page, never exported
    _warm(client)
    few = {url: _queries_of(client, url) for url in ALL_EXPORTS}
    _add_full_projects(make_project, themes, 15, 3)
    _warm(client)
    many = {url: _queries_of(client, url) for url in ALL_EXPORTS}
    assert many == few
    # The state of the data for the ETag and Last-Modified (7), page restrictions (1), the view restrictions
    # of the one collection whose document is named (1), then the chunk: its pages and one query per relation
    # (8), and the organisations sheet (2). The members' contract needs no verdict.
    assert few["/donnees/projets.xlsx"] == 7 + 2 + 8 + 2, few
    rows = read_csv(client, "/donnees/projets.csv")
    assert len(rows) == 20 and {row["themes"] for row in rows} >= {"ess", "sante-environnementale"}


def test_exports_walk_keyset_chunks(client, catalogue, make_project, themes, monkeypatch):
    """Chunks smaller than the catalogue: every row once, in order, each chunk the same queries."""
    from donnees import exports

    _add_full_projects(make_project, themes, 5, 0)
    whole = read_csv(client, "/donnees/partenaires.csv")
    _warm(client)
    one_chunk = _queries_of(client, "/donnees/projets.xlsx")
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    assert read_csv(client, "/donnees/partenaires.csv") == whole
    # 7 public case studies in chunks of 3: two more chunks, each a page query and one per relation.
    assert _queries_of(client, "/donnees/projets.xlsx") == one_chunk + 2 * 8


def _records(client):
    document = json.loads(body(client.get("/donnees/projets.json")))
    assert document["licence"].startswith("Licence Ouverte")
    records = {}
    for record in document["projets"]:
        # Addresses, dates and public identifiers are the new catalogue's own.
        record.pop("url"), record.pop("date_publication"), record.pop("identifiant")
        for contract in record["contrats"]:
            contract.pop("document_url"), contract.pop("parties_identifiants")
        for partner in record["partenaires"]:
            partner.pop("organisation_identifiant")
        for line in record["financements"]:
            line.pop("financeur_identifiant")
        records[record["reference"]] = record
    return records


def _empty_the_catalogue():
    for page in ProjectPage.objects.all():
        page.delete()
    Organisation.objects.all().delete()


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_round_trip_export_then_import_into_an_empty_catalogue(client, catalogue, tmp_path, fmt):
    from django.core.management import call_command

    before = _records(client)
    files = {"json": ["projets.json"], "xlsx": ["projets.xlsx"]}.get(
        fmt, ["projets.csv", "partenaires.csv", "financements.csv", "contrats.csv"]
    )
    for name in files:
        response = client.get(f"/donnees/{name}")
        content = b"".join(response.streaming_content)
        target = name if name == "projets.csv" or fmt != "csv" else f"projets_{name}"
        (tmp_path / target).write_bytes(content)
    _empty_the_catalogue()
    call_command("import_projects", str(tmp_path / files[0]), "--publish", stdout=io.StringIO(), stderr=io.StringIO())
    assert _records(client) == before
