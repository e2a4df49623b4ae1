"""Every error class of the importer, with its French message; any error writes nothing."""

import pytest

from donnees.importer import ImportFileError, read_tables
from projets.models import Organisation, ProjectPage

from .conftest import csv_bytes, run_csv, run_json, vises

ROW = {"reference": "R1", "titre": "Projet", "resume": "Résumé."}


def errors_of(report) -> str:
    assert not report.ok
    assert ProjectPage.objects.count() == 0 and Organisation.objects.count() == 0
    return "\n".join(report.errors)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"annee_debut": "2O18"}, "ligne 2, colonne « annee_debut » : « 2O18 » n'est pas une année (AAAA)."),
        ({"annee_debut": "1850"}, "« 1850 » n'est pas une année entre 1900 et 2100."),
        ({"annee_debut": "2018", "mois_debut": "13"}, "colonne « mois_debut » : « 13 » n'est pas un mois (1 à 12)."),
        ({"mois_fin": "3"}, "colonne « mois_fin » : indiquez l'année avec le mois."),
        ({"annee_debut": "2019", "annee_fin": "2018"}, "la fin du projet ne peut pas précéder son début."),
        ({"etat": "fini"}, "colonne « etat » : « fini » n'est pas une valeur admise (valeurs : preparation"),
        ({"titre": ""}, "ligne 2, colonne « titre » : valeur obligatoire manquante."),
        ({"resume": "x" * 301}, "colonne « resume » : le texte dépasse 300 caractères (301)."),
        ({"themes": "inconnu"}, "colonne « themes » : « inconnu » n'est pas un thème connu."),
        ({"territoires": "region:99"}, "« region:99 » n'est pas un territoire connu"),
    ],
)
def test_project_cell_errors(project_index, themes, cells, message):
    assert message in errors_of(run_csv([{**ROW, **cells}]))


def test_an_ambiguous_amount_is_refused(project_index):
    """The importer reads amounts with the admin's parser (projets.amounts): "1.234,5" is not guessed."""
    report = run_csv([ROW], {"financements": [{"reference": "R1", "type": "subvention", "montant": "1.234,5"}]})
    assert "colonne « montant » : « 1.234,5 » peut se lire de deux façons" in errors_of(report)


def test_amount_error_names_line_and_column(project_index):
    report = run_csv([ROW], {"financements": [{"reference": "R1", "type": "subvention", "montant": "12k€"}]})
    assert "fichier « financements.csv », ligne 2, colonne « montant » : « 12k€ » n'est pas un montant." in errors_of(
        report
    )


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        (
            {"organisation": "Lab", "type_structure": "laboratoire", "siren": "123456789"},
            "colonne « siren » : Le SIREN « 123456789 » est invalide (clé de contrôle incorrecte).",
        ),
        (
            {"organisation": "Asso", "type_structure": "association", "rna": "X12"},
            "colonne « rna » : « X12 » n'est pas un numéro RNA",
        ),
        ({"organisation": "Lab", "type_structure": "laboratoire", "rnsr": "12"}, "n'est pas un identifiant RNSR"),
        ({"organisation": "Lab", "type_structure": "laboratoire", "ror": "zz"}, "n'est pas un identifiant ROR valide"),
        (
            {"organisation": "Nouvelle", "role": "chef_de_file"},
            "colonne « type_structure » : obligatoire pour une nouvelle organisation (« Nouvelle »).",
        ),
        ({"organisation": "Asso", "type_structure": "association", "role": "chef"}, "colonne « role » : « chef »"),
        (
            {"organisation": "Asso", "type_structure": "association", "site_web": "pas une url"},
            "« pas une url » n'est pas une adresse web.",
        ),
    ],
)
def test_partner_errors(project_index, partner, message):
    partner = {"reference": "R1", "role": "appui", **partner}
    assert message in errors_of(run_csv([ROW], {"partenaires": [partner]}))


def test_unknown_reference_and_duplicate_reference(project_index):
    report = run_csv(
        [ROW, ROW],
        {"partenaires": [{"reference": "R9", "organisation": "X", "type_structure": "autre", "role": "appui"}]},
    )
    text = errors_of(report)
    assert "ligne 3, colonne « reference » : la référence « R1 » figure déjà (ligne 2)." in text
    assert "colonne « reference » : aucun projet de référence « R9 » dans le fichier." in text


def test_contract_party_must_be_a_partner_and_dates_are_checked(project_index):
    contract = {"reference": "R1", "type": "charte", "parties": "Inconnue", "date_signature": "31/02/2020"}
    text = errors_of(run_csv([ROW], {"contrats": [contract]}))
    assert "« 31/02/2020 » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)." in text
    contract["date_signature"] = "2020-02-03"
    text = errors_of(run_csv([ROW], {"contrats": [contract]}))
    assert "colonne « parties » : « Inconnue » ne figure pas parmi les partenaires du projet." in text


def test_missing_and_unknown_columns(project_index):
    text = errors_of(run_csv([{"reference": "R1", "titre": "T", "montnat": "1"}]))
    assert "colonne « resume » absente." in text
    assert "colonne « montnat » inconnue." in text


def test_json_errors_name_the_project_and_field(project_index, themes):
    project = vises(financements=[{"type": "fonds_europeens", "montant": "beaucoup"}], annee_debut=[2016])
    text = errors_of(run_json([project, "pas un objet"]))
    assert "projet 1, financements n° 1, champ « montant » : « beaucoup » n'est pas un montant." in text
    assert "projet 1, champ « annee_debut » : une valeur simple est attendue, pas une liste." in text
    assert "projet 2 : un objet est attendu." in text


def test_no_catalogue_page_is_a_clear_error(db):
    assert "Aucun catalogue des projets" in errors_of(run_csv([ROW]))


def test_one_bad_row_writes_nothing(project_index, themes):
    report = run_json([vises(), vises(reference="AUTRE", etat="inconnu")])
    assert "projet 2, champ « etat »" in errors_of(report)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("projets.ods", b"", "Format de fichier « ods » non pris en charge"),
        ("projets.json", b"{", "JSON illisible"),
        ("projets.json", b'{"autre": 1}', "une liste de projets"),
        ("projets.xlsx", b"pas un classeur", "Classeur XLSX illisible"),
    ],
)
def test_unreadable_files(name, data, message):
    with pytest.raises(ImportFileError, match=message):
        read_tables((name, data))


def test_windows_1252_and_semicolons(project_index):
    data = csv_bytes([{**ROW, "titre": "Café des sciences"}], delimiter=";", encoding="cp1252")
    tables = read_tables(("projets.csv", data))
    assert tables.rows["projets"][0].values["titre"] == "Café des sciences"
