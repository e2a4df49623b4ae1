"""CSV export of a selection, streamed, with spreadsheet formulas neutralised."""

import csv

from django.utils.translation import gettext as _

from cms.document_access import DocumentAccess
from cms.site_url import site_url
from precedents.records import CLAUSES, describe

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class Echo:
    def write(self, value):
        return value


def header() -> list[str]:
    return [
        _("Identifiant"),
        _("Intitulé"),
        *(str(label) for _name, label in CLAUSES),
        _("Parties"),
        _("Durée (mois)"),
        _("Année"),
        _("Financements du projet"),
        _("Régions"),
        _("Étude de cas"),
        _("Adresse de l'étude de cas"),
        _("Ce qui a marché"),
        _("Ce que nous changerions"),
    ]


def absolute(url: str | None, base_url: str) -> str:
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else base_url + url


def row(record: dict, base_url: str) -> list[str]:
    parties = "; ".join(f"{party['name']} ({party['kind_label']})" for party in record["parties"])
    return [
        record["id"],
        record["title"],
        *(record["labels"][name] for name, _label in CLAUSES),
        parties,
        record["duration_months"],
        record["year"],
        "; ".join(label for _code, label in record["funding_kinds"]),
        "; ".join(record["regions"]),
        record["project"]["title"],
        absolute(record["project"]["url"], base_url),
        record["what_worked"],
        record["what_to_change"],
    ]


def csv_lines(contracts, request):
    """Yield encoded CSV lines of `contracts` (an iterator reading them in chunks, so memory stays flat)."""
    writer = csv.writer(Echo())
    base_url = site_url()
    access = DocumentAccess()  # the export names no document; the same rule as every public output
    yield "\ufeff" + writer.writerow(header())
    for contract in contracts:
        yield writer.writerow([neutralise(cell) for cell in row(describe(contract, access, request), base_url)])
