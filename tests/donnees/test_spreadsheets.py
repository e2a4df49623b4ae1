"""Spreadsheets as French users open them: a CSV variant for Excel, a complete workbook, robots.txt order."""

import csv
import io
from urllib.robotparser import RobotFileParser

from openpyxl import load_workbook

from donnees.importer import import_tables, read_tables

TABLES = ["projets", "partenaires", "financements", "contrats", "organisations"]


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_each_csv_has_a_variant_for_french_excel(client, catalogue):
    for name in TABLES:
        plain = content(client.get(f"/donnees/{name}.csv")).decode()
        response = client.get(f"/donnees/{name}-excel.csv")
        assert response.status_code == 200, name
        assert f'filename="{name}-excel.csv"' in response["Content-Disposition"]
        data = content(response)
        assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == next(csv.reader(io.StringIO(plain)))
        assert len(rows) == len(list(csv.reader(io.StringIO(plain)))) > 1


def test_the_excel_variant_writes_decimal_commas_and_keeps_accents(client, catalogue):
    text = content(client.get("/donnees/financements-excel.csv")).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["montant"] == "15000,50"
    assert row["financeur"] == "Fondation d'essai"


def test_the_excel_variant_imports_back(client, catalogue):
    files = {name: (f"{name}.csv", content(client.get(f"/donnees/{name}-excel.csv"))) for name in TABLES[1:4]}
    main = ("projets.csv", content(client.get("/donnees/projets-excel.csv")))
    report = import_tables(read_tables(main, files), dry_run=True)
    assert not report.errors, report.errors
    assert sorted(report.unchanged) == ["JARDINS", "SOLS"]


def test_the_dictionary_links_each_excel_variant(client, catalogue):
    html = client.get("/donnees/").content.decode()
    for name in TABLES:
        assert f'href="/donnees/{name}-excel.csv"' in html
    assert "pour Excel" in html


def test_the_workbook_has_the_organisations_and_its_licence(client, catalogue):
    workbook = load_workbook(io.BytesIO(content(client.get("/donnees/projets.xlsx"))))
    assert workbook.sheetnames == TABLES
    rows = workbook["organisations"].iter_rows(values_only=True)
    header = next(rows)
    names = {row[header.index("nom")] for row in rows}
    assert names == {"Laboratoire d'essai", "Association des jardins", "Fondation d'essai"}
    properties = workbook.properties
    assert "Licence Ouverte" in properties.description and "etalab" in properties.description
    assert properties.language == "fr" and properties.creator == "Coopérathèque"
    custom = {prop.name: prop.value for prop in workbook.custom_doc_props.props}
    assert custom["Licence identifier"] == "etalab-2.0"


def test_robots_txt_keeps_admin_out_for_first_match_parsers(client, db):
    parser = RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    assert not parser.can_fetch("*", "/admin/")
    assert not parser.can_fetch("*", "/admin/pages/")
    assert parser.can_fetch("*", "/projets/")
