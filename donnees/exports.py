"""Open data exports of public case studies, streamed: memory stays flat whatever the row count."""

import csv
import json
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from cms.document_access import DocumentAccess
from cms.site_url import absolute

from . import records
from .columns import CONTRACTS, FUNDING, ORGANISATIONS, PARTNERS, PROJECTS, names
from .http import public_data_condition
from .public import iter_public_projects, public_organisations

CHUNK_SIZE = 500
# OWASP's list: a tab or carriage return first also makes some spreadsheets read a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LICENCE_ID = "etalab-2.0"


def neutralise(value):
    """A spreadsheet must not run a cell as a formula: prefix those with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


# Decimal columns: written with a decimal comma in the variant for French Excel.
DECIMAL_COLUMNS = ("montant",)
BOM = "\ufeff"


def _excel_cell(name: str, value):
    if name in DECIMAL_COLUMNS and isinstance(value, str):
        return value.replace(".", ",")
    return value


def _csv_stream(header: list[str], rows, excel: bool = False):
    """RFC 4180 CSV (comma, UTF-8); for French Excel: semicolons, decimal commas and a BOM so that
    a double-click opens it with its accents and columns right."""
    writer = csv.writer(_Echo(), delimiter=";" if excel else ",")
    yield (BOM if excel else "") + writer.writerow(header)
    for row in rows:
        values = [neutralise(row.get(name, "")) for name in header]
        if excel:
            values = [_excel_cell(name, value) for name, value in zip(header, values, strict=True)]
        yield writer.writerow(values)


def _csv_response(filename: str, header: list[str], rows, excel: bool = False) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_stream(header, rows, excel), content_type="text/csv; charset=utf-8")
    if excel:
        filename = filename.replace(".csv", "-excel.csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The layout of every file: a new column gives every export a new ETag.
LAYOUT = repr([names(columns) for columns in (PROJECTS, PARTNERS, FUNDING, CONTRACTS, ORGANISATIONS)])
unchanged_data = public_data_condition(LAYOUT)


def _projects():
    return iter_public_projects(CHUNK_SIZE)


def _children(rows_of):
    """Companion rows (partners, funding…) of every public case study, keyed by its public identifier."""
    for page in _projects():
        keys = _keys(page)
        for row in rows_of(page):
            yield {**keys, **row}


def _keys(page) -> dict:
    """The columns that tie a companion row to its case study: the public identifier, and the reference."""
    return {"projet": records.public_id(page), "reference": page.reference or ""}


@require_safe
@unchanged_data
def projects_csv(request, excel=False):
    rows = (records.project_fields(page, request) for page in _projects())
    return _csv_response("projets.csv", names(PROJECTS), rows, excel)


@require_safe
@unchanged_data
def partners_csv(request, excel=False):
    return _csv_response("partenaires.csv", names(PARTNERS), _children(records.partner_rows), excel)


@require_safe
@unchanged_data
def funding_csv(request, excel=False):
    return _csv_response("financements.csv", names(FUNDING), _children(records.funding_rows), excel)


@require_safe
@unchanged_data
def contracts_csv(request, excel=False):
    access = DocumentAccess()  # exports name only the documents anyone may read
    rows = _children(lambda page: records.contract_rows(page, access, request))
    return _csv_response("contrats.csv", names(CONTRACTS), rows, excel)


@require_safe
@unchanged_data
def organisations_csv(request, excel=False):
    return _csv_response("organisations.csv", names(ORGANISATIONS), _organisation_rows(), excel)


def _organisation_rows():
    for organisation in public_organisations().iterator(CHUNK_SIZE):
        yield records.organisation_row(organisation)


def _json_stream(request):
    access = DocumentAccess()  # exports name only the documents anyone may read
    head = json.dumps({"licence": LICENCE, "licence_url": LICENCE_URL}, ensure_ascii=False)
    yield head[:-1] + ', "projets": ['
    separator = "\n"
    for page in _projects():
        yield separator + json.dumps(records.project_record(page, access, request), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


@require_safe
@unchanged_data
def projects_json(request):
    response = StreamingHttpResponse(_json_stream(request), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projets.json"'
    return response


def _describe(workbook: Workbook) -> None:
    """Title, source, language and licence in the workbook's properties (File > Properties)."""
    properties = workbook.properties
    properties.title = "Coopérathèque : études de cas de coopérations associations-recherche"
    properties.creator = "Coopérathèque"
    properties.language = "fr"
    properties.subject = "Données ouvertes"
    properties.description = f"{LICENCE} : {LICENCE_URL}"
    properties.keywords = "licence etalab-2.0"
    properties.identifier = absolute(reverse("donnees:projects_xlsx"))
    workbook.custom_doc_props.append(StringProperty(name="Licence", value=LICENCE))
    workbook.custom_doc_props.append(StringProperty(name="Licence URL", value=LICENCE_URL))
    workbook.custom_doc_props.append(StringProperty(name="Licence identifier", value=LICENCE_ID))


@require_safe
@unchanged_data
def projects_xlsx(request):
    """One workbook, one sheet per table; openpyxl's write-only mode streams rows to a temporary file."""
    access = DocumentAccess()  # exports name only the documents anyone may read
    workbook = Workbook(write_only=True)
    _describe(workbook)
    sheets = {}
    for title, columns in (
        ("projets", PROJECTS),
        ("partenaires", PARTNERS),
        ("financements", FUNDING),
        ("contrats", CONTRACTS),
        ("organisations", ORGANISATIONS),
    ):
        sheets[title] = (workbook.create_sheet(title), names(columns))
        sheets[title][0].append(sheets[title][1])

    def append(title, row):
        sheet, header = sheets[title]
        sheet.append([neutralise(row.get(name, "")) for name in header])

    for page in _projects():
        append("projets", records.project_fields(page, request))
        reference = _keys(page)
        for row in records.partner_rows(page):
            append("partenaires", {**reference, **row})
        for row in records.funding_rows(page):
            append("financements", {**reference, **row})
        for row in records.contract_rows(page, access, request):
            append("contrats", {**reference, **row})
    for row in _organisation_rows():
        append("organisations", row)
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename="projets.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
