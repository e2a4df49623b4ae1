"""Read an import file (CSV, XLSX, JSON) into plain tables of rows, each row knowing where it came from.

Every file is bounded before it is read on: its size, its rows per table, its columns, each cell's length and,
for JSON, its nesting. Past a bound the whole file is refused with a French message, before the rows are held
in memory.
"""

import csv
import datetime
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from donnees.columns import COMPANIONS, TABLES

FORMATS = ("csv", "xlsx", "json")

MAX_FILE_BYTES = 20 * 1024 * 1024  # each file, as uploaded
MAX_XLSX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a workbook's parts once unzipped
MAX_COLUMNS = 100
MAX_CELL_CHARS = 100_000  # below the csv module's own limit (131,072)
MAX_JSON_DEPTH = 10  # {"projets": [{"partenaires": [{"x": [...]}]}]} is 6
JSON_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
JSON_BRACKETS = re.compile(r"[\[\]{}]")
XLSX_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")


def max_rows() -> int:
    """Rows per table (sheet, CSV file or JSON list): IMPORT_MAX_ROWS, 10,000 by default."""
    return getattr(settings, "IMPORT_MAX_ROWS", 10_000)


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


def _text(value, where: str, name: str) -> str | list:
    """A cell as text, refused (the whole file) past MAX_CELL_CHARS."""
    text = _cell(value)
    size = sum(len(item) for item in text) if isinstance(text, list) else len(text)
    if size > MAX_CELL_CHARS:
        raise ImportFileError(
            _("%(where)s, champ « %(name)s » : plus de %(max)s caractères dans une cellule ; fichier refusé.")
            % {"where": where, "name": name, "max": MAX_CELL_CHARS}
        )
    return text


def _too_many_rows(source: str) -> ImportFileError:
    return ImportFileError(
        _("%(source)splus de %(max)s lignes : découpez le fichier en plusieurs imports.")
        % {"source": source, "max": max_rows()}
    )


def _table_rows(table: str, records, source: str, tables: Tables) -> None:
    """records: iterable of lists, the first one the header. source: "" or "feuille « x », "."""
    records = iter(records)
    header = [str(_cell(name)).strip().lower() for name in next(records, [])]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            _("%(source)splus de %(max)s colonnes : fichier refusé.") % {"source": source, "max": MAX_COLUMNS}
        )
    _check_header(table, header, source, tables.errors)
    limit = max_rows()
    for number, record in enumerate(records, start=2):
        if number > limit + 1:
            raise _too_many_rows(source)
        where = f"{source}{_('ligne')} {number}"
        values = {name: _text(value, where, name).strip() for name, value in zip(header, record, strict=False) if name}
        if any(values.values()):
            tables.rows[table].append(Row(where, values))


def read_csv(data: bytes, table: str, source: str, tables: Tables) -> None:
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("%(source)sencodage illisible (UTF-8 ou Windows-1252 attendu).") % {"source": source}
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    previous = csv.field_size_limit(MAX_CELL_CHARS)  # the module's limit is process-wide: set, then restored
    try:
        _table_rows(table, reader, source, tables)
    except csv.Error as error:
        raise ImportFileError(
            _(
                "%(source)sligne %(line)s : CSV illisible (cellule de plus de %(max)s caractères ou guillemet "
                "non refermé) ; fichier refusé."
            )
            % {"source": source, "line": reader.line_num, "max": MAX_CELL_CHARS}
        ) from error
    finally:
        csv.field_size_limit(previous)


def _rows_in(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> int:
    """Count the <row> elements of a worksheet part as it unzips, stopping past `limit`."""
    count, tail = 0, b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            block = tail + chunk
            cut = len(block) - 64 if chunk else len(block)  # a tag cut at the end is counted with the next block
            count += sum(1 for match in XLSX_ROW.finditer(block) if match.start() < cut)
            if count > limit or not chunk:
                return count
            tail = block[cut:]


def _check_workbook(data: bytes) -> None:
    """Refuse a workbook that unzips into too much, or any of whose sheets has too many rows.

    Counted on the zipped parts before openpyxl opens them: without a declared dimension, openpyxl
    parses each whole sheet just to size it, however many rows it holds.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
            if unzipped > MAX_XLSX_UNZIPPED_BYTES:
                raise ImportFileError(
                    _(
                        "Classeur XLSX trop volumineux une fois décompressé (%(size)s Mo, %(max)s au plus) : "
                        "fichier refusé."
                    )
                    % {"size": unzipped // 2**20, "max": MAX_XLSX_UNZIPPED_BYTES // 2**20}
                )
            for member in archive.infolist():
                name, limit = member.filename, max_rows() + 1
                sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
                if sheet and _rows_in(archive, member, limit) > limit:
                    raise _too_many_rows(_("une feuille du classeur : "))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise ImportFileError(_("Classeur XLSX illisible : %(error)s") % {"error": error}) from error


def _sheet_rows(sheet, source: str):
    """The sheet's rows, refused first by its declared size (the dimension), then while read."""
    if sheet.max_row and sheet.max_row > max_rows() + 1:
        raise _too_many_rows(source)
    return sheet.iter_rows(values_only=True, max_col=min(sheet.max_column or MAX_COLUMNS + 1, MAX_COLUMNS + 1))


def read_xlsx(data: bytes, tables: Tables) -> None:
    from openpyxl import load_workbook

    _check_workbook(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types on a damaged file
        raise ImportFileError(_("Classeur XLSX illisible : %(error)s") % {"error": error}) from error
    try:
        sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
        main = sheets.get("projets") or workbook.worksheets[0]
        _table_rows("projets", _sheet_rows(main, ""), "", tables)
        for name in COMPANIONS:
            if name in sheets:
                source = _("feuille « %(name)s », ") % {"name": name}
                _table_rows(name, _sheet_rows(sheets[name], source), source, tables)
    finally:
        workbook.close()


def _check_depth(text: str) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH before parsing it (brackets outside strings)."""
    brackets = JSON_BRACKETS.findall(JSON_STRINGS.sub("", text))
    depth = max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)
    if depth > MAX_JSON_DEPTH:
        raise ImportFileError(
            _("JSON imbriqué sur plus de %(max)s niveaux : fichier refusé.") % {"max": MAX_JSON_DEPTH}
        )


def read_json(data: bytes, tables: Tables) -> None:
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise ImportFileError(_("JSON illisible : %(error)s") % {"error": error}) from error
    _check_depth(text)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ImportFileError(_("JSON illisible : %(error)s") % {"error": error}) from error
    projects = document.get("projets") if isinstance(document, dict) else document
    if not isinstance(projects, list):
        raise ImportFileError(_("JSON : une liste de projets (ou un objet avec une clé « projets ») est attendue."))
    if len(projects) > max_rows():
        raise _too_many_rows("")
    for number, project in enumerate(projects, start=1):
        where = _("projet %(number)s") % {"number": number}
        if not isinstance(project, dict):
            tables.errors.append(_("%(where)s : un objet est attendu.") % {"where": where})
            continue
        values = {key: _text(value, where, key) for key, value in project.items() if key not in COMPANIONS}
        _check_header("projets", list(values), f"{where}, ", tables.errors)
        tables.rows["projets"].append(Row(where, _strip(values), "champ"))
        for name in COMPANIONS:
            for index, child in enumerate(project.get(name) or [], start=1):
                child_where = f"{where}, {name} n° {index}"
                if not isinstance(child, dict):
                    tables.errors.append(_("%(where)s : un objet est attendu.") % {"where": child_where})
                    continue
                child_values = {"reference": values.get("reference", "")}
                child_values.update({key: _text(value, child_where, key) for key, value in child.items()})
                _check_header(name, list(child_values), f"{child_where}, ", tables.errors)
                tables.rows[name].append(Row(child_where, _strip(child_values), "champ"))
                if len(tables.rows[name]) > max_rows():
                    raise _too_many_rows(f"{name} : ")


def _strip(values: dict) -> dict:
    return {key: value.strip() if isinstance(value, str) else value for key, value in values.items()}


def read_tables(main: tuple[str, bytes], companions: dict[str, tuple[str, bytes]] | None = None) -> Tables:
    """main: (file name, content); companions (CSV only): table name -> (file name, content)."""
    tables = Tables()
    name, data = main
    for file_name, content in [main, *(companions or {}).values()]:
        if len(content) > MAX_FILE_BYTES:
            raise ImportFileError(
                _("Fichier « %(name)s » trop volumineux (%(max)s Mo au plus) : découpez-le en plusieurs imports.")
                % {"name": Path(file_name).name, "max": MAX_FILE_BYTES // 2**20}
            )
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
