"""manage.py import_projects --dry-run names each unknown reference (theme, region, organisation) with its row."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from projets.models import Organisation, ProjectPage

GOOD = {"reference": "BON", "titre": "Projet correct", "resume": "Résumé", "themes": "ess", "territoires": "region:32"}
PROJECTS = [
    GOOD,
    {"reference": "THEME", "titre": "Thème inconnu", "resume": "Résumé.", "themes": "ess|jardinage-lunaire"},
    {"reference": "REGION", "titre": "Région inconnue", "resume": "Résumé.", "territoires": "region:32|region:99"},
    {"reference": "ORG", "titre": "Organisation inconnue", "resume": "Résumé."},
]
PARTNERS = [
    {"reference": "BON", "organisation": "Association connue", "rna": "W595000001", "role": "appui"},
    {"reference": "ORG", "organisation": "Structure fantôme", "rna": "W595999999", "role": "appui"},
]

UNKNOWN = (
    "aucune organisation connue avec l'identifiant RNA « W595999999 » ni le nom « Structure fantôme » ; "
    "pour la créer, remplissez la colonne « type_structure »."
)
# Where each format puts the rows above, and the French message expected there.
EXPECTED = {
    "csv": [
        "ligne 3, colonne « themes » : « jardinage-lunaire » n'est pas un thème connu.",
        "ligne 4, colonne « territoires » : « region:99 » n'est pas un territoire connu",
        "fichier « projets_partenaires.csv », ligne 3 : " + UNKNOWN,
    ],
    "xlsx": [
        "ligne 3, colonne « themes » : « jardinage-lunaire » n'est pas un thème connu.",
        "ligne 4, colonne « territoires » : « region:99 » n'est pas un territoire connu",
        "feuille « partenaires », ligne 3 : " + UNKNOWN,
    ],
    "json": [
        "projet 2, champ « themes » : « jardinage-lunaire » n'est pas un thème connu.",
        "projet 3, champ « territoires » : « region:99 » n'est pas un territoire connu",
        "projet 4, partenaires n° 1 : " + UNKNOWN,
    ],
}


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(dict.fromkeys(key for row in rows for key in row)))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _xlsx(tables: dict) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in tables.items():
        sheet = workbook.create_sheet(title)
        header = list(dict.fromkeys(key for row in rows for key in row))
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(name, "") for name in header])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _json() -> bytes:
    projects = []
    for row in PROJECTS:
        project = {key: value.split("|") if key in ("themes", "territoires") else value for key, value in row.items()}
        partners = [
            {k: v for k, v in partner.items() if k != "reference"}
            for partner in PARTNERS
            if partner["reference"] == row["reference"]
        ]
        projects.append({**project, "partenaires": partners})
    return json.dumps(projects).encode()


def write_files(tmp_path, fmt: str):
    if fmt == "csv":
        (tmp_path / "projets_partenaires.csv").write_bytes(_csv(PARTNERS))
        (tmp_path / "projets.csv").write_bytes(_csv(PROJECTS))
    elif fmt == "xlsx":
        (tmp_path / "projets.xlsx").write_bytes(_xlsx({"projets": PROJECTS, "partenaires": PARTNERS}))
    else:
        (tmp_path / "projets.json").write_bytes(_json())
    return tmp_path / f"projets.{fmt}"


@pytest.fixture
def known(project_index, themes):
    return Organisation.objects.create(name="Association connue", kind="association", rna="W595000001")


def _run(path, *options) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_projects", str(path), *options, stdout=stdout, stderr=stderr)
    return str(raised.value), stderr.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("options", [["--dry-run"], ["--publish"]])
def test_unknown_theme_region_and_organisation_are_reported_with_their_row(tmp_path, known, fmt, options):
    summary, errors = _run(write_files(tmp_path, fmt), *options)
    for message in EXPECTED[fmt]:
        assert message in errors, (message, errors)
    assert summary == "3 erreur(s) : rien n'a été enregistré."
    # The correct first row is refused with the others: nothing half-written.
    assert ProjectPage.objects.count() == 0
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Association connue"]


def test_the_same_file_once_fixed_imports(tmp_path, known):
    (tmp_path / "projets.csv").write_bytes(_csv([GOOD]))
    (tmp_path / "projets_partenaires.csv").write_bytes(_csv(PARTNERS[:1]))
    stdout = io.StringIO()
    call_command("import_projects", str(tmp_path / "projets.csv"), "--dry-run", stdout=stdout, stderr=io.StringIO())
    assert "Simulation : rien n'a été enregistré." in stdout.getvalue()
    assert ProjectPage.objects.count() == 0
    call_command("import_projects", str(tmp_path / "projets.csv"), stdout=io.StringIO(), stderr=io.StringIO())
    page = ProjectPage.objects.get(reference="BON").get_latest_revision_as_object()
    assert [partner.organisation_id for partner in page.partners.all()] == [known.pk]
