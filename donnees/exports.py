"""Open data exports of public case studies, streamed: memory stays flat whatever the row count."""

import csv
import json
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from cms.document_access import DocumentAccess

from . import records
from .columns import CONTRACTS, FUNDING, ORGANISATIONS, PARTNERS, PROJECTS, names
from .http import public_data_condition
from .public import iter_public_projects, public_organisations

CHUNK_SIZE = 500
# OWASP's list: a tab or carriage return first also makes some spreadsheets read a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def neutralise(value):
    """A spreadsheet must not run a cell as a formula: prefix those with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def _csv_stream(header: list[str], rows):
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutralise(row.get(name, "")) for name in header])


def _csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_stream(header, rows), content_type="text/csv; charset=utf-8")
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
def projects_csv(request):
    return _csv_response(
        "projets.csv", names(PROJECTS), (records.project_fields(page, request) for page in _projects())
    )


@require_safe
@unchanged_data
def partners_csv(request):
    return _csv_response("partenaires.csv", names(PARTNERS), _children(records.partner_rows))


@require_safe
@unchanged_data
def funding_csv(request):
    return _csv_response("financements.csv", names(FUNDING), _children(records.funding_rows))


@require_safe
@unchanged_data
def contracts_csv(request):
    access = DocumentAccess()  # exports name only the documents anyone may read
    rows = _children(lambda page: records.contract_rows(page, access, request))
    return _csv_response("contrats.csv", names(CONTRACTS), rows)


@require_safe
@unchanged_data
def organisations_csv(request):
    rows = (records.organisation_row(organisation) for organisation in public_organisations().iterator(CHUNK_SIZE))
    return _csv_response("organisations.csv", names(ORGANISATIONS), rows)


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


@require_safe
@unchanged_data
def projects_xlsx(request):
    """One workbook, one sheet per table; openpyxl's write-only mode streams rows to a temporary file."""
    access = DocumentAccess()  # exports name only the documents anyone may read
    workbook = Workbook(write_only=True)
    sheets = {}
    for title, columns in (
        ("projets", PROJECTS),
        ("partenaires", PARTNERS),
        ("financements", FUNDING),
        ("contrats", CONTRACTS),
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
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename="projets.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
