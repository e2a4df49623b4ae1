"""Helpers for the data tests: build import files in memory."""

import csv
import io
import json

import pytest

from donnees.importer import import_tables, read_tables
from projets.factories import ThemeFactory


def csv_bytes(rows: list[dict], delimiter=",", encoding="utf-8") -> bytes:
    header = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def run_json(projects, **options):
    return import_tables(read_tables(("import.json", json.dumps(projects).encode())), **options)


def run_csv(rows, companions=None, **options):
    files = {name: (f"{name}.csv", csv_bytes(companion)) for name, companion in (companions or {}).items()}
    return import_tables(read_tables(("projets.csv", csv_bytes(rows)), files), **options)


@pytest.fixture
def themes(db):
    parent = ThemeFactory(name="Santé", slug="sante")
    child = ThemeFactory(name="Santé environnementale", slug="sante-environnementale", parent=parent)
    other = ThemeFactory(name="Économie sociale", slug="ess")
    return {"parent": parent, "child": child, "other": other}


def vises(**overrides) -> dict:
    project = {
        "reference": "VISES",
        "titre": "VISES : valoriser l'impact social de l'entrepreneuriat social",
        "resume": "Chercheurs, fédérations et entreprises co-construisent un cadre d'évaluation de l'impact social.",
        "annee_debut": 2016,
        "mois_debut": 1,
        "annee_fin": 2019,
        "mois_fin": 12,
        "etat": "termine",
        "echelle": "transfrontalier",
        "forme_cooperation": "evaluation_impact",
        "themes": ["ess"],
        "territoires": ["region:32", "perimetre:BE-WAL"],
        "mots_cles": ["impact social"],
        "partenaires": [
            {"organisation": "ConcertES", "type_structure": "reseau", "role": "chef_de_file"},
            {"organisation": "COORACE Hauts-de-France", "type_structure": "reseau", "role": "partenaire_associatif"},
        ],
        "financements": [
            {"financeur": "", "programme": "Interreg V France-Wallonie-Vlaanderen", "type": "fonds_europeens"}
        ],
        "contrats": [{"type": "accord_partenariat", "parties": ["ConcertES", "COORACE Hauts-de-France"]}],
    }
    project.update(overrides)
    return project
