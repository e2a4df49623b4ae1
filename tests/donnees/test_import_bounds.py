"""Hostile import files: refused with a French message before they are read on, and nothing half-written."""

import io
import json
import zipfile

import pytest

from donnees.importer import ImportFileError, read_tables
from projets.models import Organisation, ProjectPage

from .conftest import csv_bytes, run_csv, run_json, vises

ROW = {"reference": "R1", "titre": "Projet", "resume": "Résumé."}

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>reference</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>titre</t></is></c><c r="C1" t="inlineStr"><is><t>resume</t></is></c></row>'
)
ROW_XML = b'<row><c t="inlineStr"><is><t>R</t></is></c><c t="inlineStr"><is><t>T</t></is></c></row>'


def small_workbook(rows: int, dimension: bytes = b"") -> bytes:
    """A workbook of `rows` rows that zips into a few hundred kilobytes, without a declared dimension."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="projets" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        sheet = SHEET_HEAD.replace(b"<sheetData>", dimension + b"<sheetData>") + ROW_XML * rows
        archive.writestr("xl/worksheets/sheet1.xml", sheet + b"</sheetData></worksheet>")
    return buffer.getvalue()


def refused(name: str, data: bytes, companions=None) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_tables((name, data), companions)
    return str(caught.value)


def test_a_small_workbook_of_many_rows_is_refused_before_openpyxl_reads_it(settings):
    settings.IMPORT_MAX_ROWS = 1000
    data = small_workbook(200_000)
    assert len(data) < 300_000
    assert refused("gros.xlsx", data) == (
        "une feuille du classeur : plus de 1000 lignes : découpez le fichier en plusieurs imports."
    )


def test_a_workbook_declaring_a_million_rows_is_refused_before_reading_them(settings):
    """openpyxl's read-only sheet gives the declared dimension: no row is read past it."""
    settings.IMPORT_MAX_ROWS = 1000
    data = small_workbook(3, b'<dimension ref="A1:C1000000"/>')
    assert "plus de 1000 lignes" in refused("declare.xlsx", data)


def test_too_many_rows_in_csv_and_json(settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [{**ROW, "reference": f"R{n}"} for n in range(4)]
    assert refused("projets.csv", csv_bytes(rows)) == "plus de 3 lignes : découpez le fichier en plusieurs imports."
    companions = {"partenaires": ("p.csv", csv_bytes([{"reference": "R1", "organisation": "X"}] * 4))}
    assert "fichier « p.csv », plus de 3 lignes" in refused("projets.csv", csv_bytes(rows[:1]), companions)
    assert "plus de 3 lignes" in refused("import.json", json.dumps(rows).encode())
    partners = [{"organisation": f"O{n}", "role": "appui"} for n in range(4)]
    nested = json.dumps([{**ROW, "partenaires": partners}]).encode()
    assert "partenaires : plus de 3 lignes" in refused("import.json", nested)


def test_a_csv_cell_over_the_csv_module_limit_is_a_french_error():
    """131,073 characters in one field: the csv module raises; the import answers in French."""
    data = b"reference,titre,resume\nR1,Projet," + b"x" * 131_073 + b"\n"
    assert refused("projets.csv", data) == (
        "ligne 2 : CSV illisible (cellule de plus de 100000 caractères ou guillemet non refermé) ; fichier refusé."
    )


def test_a_cell_over_the_bound_is_refused():
    data = json.dumps([{**ROW, "resume": "x" * 100_001}]).encode()
    assert refused("import.json", data) == (
        "projet 1, champ « resume » : plus de 100000 caractères dans une cellule ; fichier refusé."
    )


def test_json_nested_5000_deep_is_refused_before_parsing():
    data = b'{"projets": [{"reference": "R1", "titre": ' + b"[" * 5000 + b"]" * 5000 + b"}]}"
    assert refused("import.json", data) == "JSON imbriqué sur plus de 10 niveaux : fichier refusé."


def test_json_brackets_inside_strings_do_not_count():
    text = json.dumps([{**ROW, "resume": '[[[[[[[[[[[[[[[[ {{{{{{{{{{{{ \\" [[[['}])
    assert read_tables(("import.json", text.encode())).rows["projets"][0].values["resume"].startswith("[[[")


def test_a_file_over_20_megabytes_is_refused():
    assert refused("projets.csv", b"reference\n" + b"R\n" * (10 * 2**20 + 1)) == (
        "Fichier « projets.csv » trop volumineux (20 Mo au plus) : découpez-le en plusieurs imports."
    )


def test_a_workbook_that_unzips_into_too_much_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (201 * 2**20))
    assert "trop volumineux une fois décompressé (201 Mo, 200 au plus)" in refused("bombe.xlsx", buffer.getvalue())


def test_a_nul_byte_is_a_cell_error_and_writes_nothing(project_index):
    report = run_csv([{**ROW, "titre": "Pro\x00jet"}])
    assert not report.ok
    assert "ligne 2, colonne « titre » : caractère nul (octet 0) interdit" in "\n".join(report.errors)
    assert not ProjectPage.objects.exists()


def test_a_nul_byte_in_a_list_is_refused(project_index):
    report = run_json([{**ROW, "mots_cles": ["ok", "mau\x00vais"]}])
    assert "projet 1, champ « mots_cles » : caractère nul (octet 0) interdit" in "\n".join(report.errors)


def test_a_tag_over_100_characters_is_refused(project_index):
    report = run_csv([{**ROW, "mots_cles": "court|" + "m" * 101}])
    assert not report.ok
    assert "ligne 2, colonne « mots_cles » : « mmmmmmmmmmmmmmmmmmmmmmmmmmmmmm… » dépasse 100 caractères (101)." in (
        "\n".join(report.errors)
    )
    assert not ProjectPage.objects.exists()


def test_greek_and_cyrillic_organisations_stay_two(project_index, themes):
    partners = [
        {"organisation": "Ελληνική Εταιρεία Έρευνας", "type_structure": "association", "role": "chef_de_file"},
        {"organisation": "Общество исследователей", "type_structure": "laboratoire", "role": "partenaire_associatif"},
    ]
    report = run_json([vises(partenaires=partners, contrats=[])])
    assert report.ok, report.errors
    names = dict(Organisation.objects.values_list("name", "normalised_name"))
    assert names == {
        "Ελληνική Εταιρεία Έρευνας": "ελληνικη εταιρεια ερευνασ",
        "Общество исследователей": "общество исследователеи",
    }


def test_a_chunk_that_fails_while_writing_is_rolled_back_whole_and_the_report_names_what_was_written(
    project_index, settings, django_user_model
):
    """An editor saves a case study between the validation and the writing of its chunk: that chunk is not
    written at all, the import stops, the earlier chunk stays written and the report says so."""
    settings.IMPORT_CHUNK_SIZE = 2
    rows = [{**ROW, "reference": reference} for reference in ("A", "B", "C", "D")]
    assert run_csv(rows).created == ["A", "B", "C", "D"]
    editor = django_user_model.objects.create_user("camille", password="x")

    def edit_d_when_writing_starts(done, total):
        if done == total // 2 + 1:  # the first case study of the writing pass
            page = ProjectPage.objects.get(reference="D").get_latest_revision_as_object()
            page.summary = "Corrigé par une éditrice."
            page.save_revision(user=editor, log_action=True)

    report = run_csv([{**row, "resume": "Nouveau résumé."} for row in rows], progress=edit_d_when_writing_starts)
    assert report.stopped and report.updated == ["A", "B"]
    assert report.summary().startswith(
        "1 erreur(s) pendant l'écriture : import arrêté. Enregistrées avant l'arrêt (lots complets) : "
        "2 étude(s) de cas (A, B)"
    )
    summaries = {page.reference: page.get_latest_revision_as_object().summary for page in ProjectPage.objects.all()}
    new = "Nouveau résumé."
    assert summaries == {"A": new, "B": new, "C": "Résumé.", "D": "Corrigé par une éditrice."}
