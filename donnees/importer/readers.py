"""Read an import file (CSV, XLSX, JSON) into plain tables of rows, each row knowing where it came from."""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from donnees.columns import COMPANIONS, TABLES

FORMATS = ("csv", "xlsx", "json")


class ImportFileError(Exception):
    """The file cannot be read at all (format, encoding, structure)."""


@dataclass
class Row:
    where: str  # "ligne 12", "feuille « contrats », ligne 3", "projet 2, partenaires n° 1"
    values: dict
    field_word: str = "colonne"

    def locate(self, column: str | None = None) -> str:
        return f"{self.where}, {self.field_word} « {column} »" if column else self.where


@dataclass
class Tables:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})
    errors: list[str] = field(default_factory=list)


def detect_format(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ImportFileError(
            _("Format de fichier « %(suffix)s » non pris en charge : CSV, XLSX ou JSON.") % {"suffix": suffix or "?"}
        )
    return suffix


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, as spreadsheets export in France."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return [str(_cell(item)) for item in value]
    return str(value)


def _check_header(table: str, header: list[str], where: str, errors: list[str]) -> None:
    known = {column.name for column in TABLES[table]}
    for name in header:
        if name and name not in known:
            errors.append(_("%(where)scolonne « %(name)s » inconnue.") % {"where": where, "name": name})
    for column in TABLES[table]:
        if column.required and column.name not in header:
            errors.append(_("%(where)scolonne « %(name)s » absente.") % {"where": where, "name": column.name})


def _table_rows(table: str, records, source: str, tables: Tables) -> None:
    """records: iterable of lists, the first one the header. source: "" or "feuille « x », "."""
    records = iter(records)
    header = [str(_cell(name)).strip().lower() for name in next(records, [])]
    _check_header(table, header, source, tables.errors)
    for number, record in enumerate(records, start=2):
        values = {name: _cell(value).strip() for name, value in zip(header, record, strict=False) if name}
        if any(values.values()):
            tables.rows[table].append(Row(f"{source}{_('ligne')} {number}", values))


def read_csv(data: bytes, table: str, source: str, tables: Tables) -> None:
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("%(source)sencodage illisible (UTF-8 ou Windows-1252 attendu).") % {"source": source}
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    _table_rows(table, csv.reader(io.StringIO(text), delimiter=delimiter), source, tables)


def read_xlsx(data: bytes, tables: Tables) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types on a damaged file
        raise ImportFileError(_("Classeur XLSX illisible : %(error)s") % {"error": error}) from error
    sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
    main = sheets.get("projets") or workbook.worksheets[0]
    _table_rows("projets", main.iter_rows(values_only=True), "", tables)
    for name in COMPANIONS:
        if name in sheets:
            source = _("feuille « %(name)s », ") % {"name": name}
            _table_rows(name, sheets[name].iter_rows(values_only=True), source, tables)
    workbook.close()


def read_json(data: bytes, tables: Tables) -> None:
    try:
        document = json.loads(decode(data))
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportFileError(_("JSON illisible : %(error)s") % {"error": error}) from error
    projects = document.get("projets") if isinstance(document, dict) else document
    if not isinstance(projects, list):
        raise ImportFileError(_("JSON : une liste de projets (ou un objet avec une clé « projets ») est attendue."))
    for number, project in enumerate(projects, start=1):
        where = _("projet %(number)s") % {"number": number}
        if not isinstance(project, dict):
            tables.errors.append(_("%(where)s : un objet est attendu.") % {"where": where})
            continue
        values = {key: _cell(value) for key, value in project.items() if key not in COMPANIONS}
        _check_header("projets", list(values), f"{where}, ", tables.errors)
        tables.rows["projets"].append(Row(where, _strip(values), "champ"))
        for name in COMPANIONS:
            for index, child in enumerate(project.get(name) or [], start=1):
                child_where = f"{where}, {name} n° {index}"
                if not isinstance(child, dict):
                    tables.errors.append(_("%(where)s : un objet est attendu.") % {"where": child_where})
                    continue
                child_values = {"reference": values.get("reference", ""), **{k: _cell(v) for k, v in child.items()}}
                _check_header(name, list(child_values), f"{child_where}, ", tables.errors)
                tables.rows[name].append(Row(child_where, _strip(child_values), "champ"))


def _strip(values: dict) -> dict:
    return {key: value.strip() if isinstance(value, str) else value for key, value in values.items()}


def read_tables(main: tuple[str, bytes], companions: dict[str, tuple[str, bytes]] | None = None) -> Tables:
    """main: (file name, content); companions (CSV only): table name -> (file name, content)."""
    tables = Tables()
    name, data = main
    kind = detect_format(name)
    if kind == "xlsx":
        read_xlsx(data, tables)
    elif kind == "json":
        read_json(data, tables)
    else:
        read_csv(data, "projets", "", tables)
        for table, (companion_name, companion_data) in (companions or {}).items():
            source = _("fichier « %(name)s », ") % {"name": Path(companion_name).name}
            read_csv(companion_data, table, source, tables)
    return tables


def companion_paths(path: Path) -> dict[str, Path]:
    """The naming convention for CSV: projets.csv -> projets_partenaires.csv, projets_contrats.csv…"""
    found = {}
    for table in COMPANIONS:
        candidate = path.with_name(f"{path.stem}_{table}{path.suffix}")
        if candidate.exists():
            found[table] = candidate
    return found
