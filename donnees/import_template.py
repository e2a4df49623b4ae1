"""Blank import files built from the importer's own column definitions (donnees.columns).

A workbook with one sheet per table (the layout read_xlsx reads) and a "colonnes" sheet describing
every column, or one CSV per table. Export-only columns are left out: the importer ignores them.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from donnees.columns import TABLES, Column

HELP_SHEET = "colonnes"


def import_columns(table: str) -> list[Column]:
    return [column for column in TABLES[table] if not column.export_only]


def allowed_values(column: Column) -> str:
    if column.choices is None:
        return ""
    return " | ".join(column.choices.values)


def template_xlsx() -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in TABLES:
        sheet = workbook.create_sheet(table)
        sheet.append([column.name for column in import_columns(table)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(HELP_SHEET)
    help_sheet.append([_("Feuille"), _("Colonne"), _("Obligatoire"), _("Description"), _("Valeurs admises")])
    for table in TABLES:
        for column in import_columns(table):
            help_sheet.append(
                [
                    table,
                    column.name,
                    _("oui") if column.required else "",
                    str(column.description),
                    allowed_values(column),
                ]
            )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def template_csv(table: str) -> bytes:
    """The header row of one table, UTF-8 with a BOM so that spreadsheets read the accents."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow([column.name for column in import_columns(table)])
    return buffer.getvalue().encode("utf-8-sig")
