"""Read one cell of the import template: each failure is a French sentence naming the bad value."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from taggit.models import Tag

from donnees.columns import LIST_SEPARATOR, Column
from donnees.exports import FORMULA_PREFIXES
from projets import identifiers
from projets.amounts import parse_amount

IDENTIFIER_VALIDATORS = {
    "rna": identifiers.validate_rna,
    "siren": identifiers.validate_siren,
    "rnsr": identifiers.validate_rnsr,
    "ror": identifiers.validate_ror,
}
IDENTIFIER_NORMALISERS = {
    "rna": identifiers.normalise_rna,
    "siren": identifiers.normalise_siren,
    "rnsr": identifiers.normalise_rnsr,
    "ror": identifiers.normalise_ror,
}

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class CellError(Exception):
    pass


def restore(text: str) -> str:
    """Undo the export's formula neutralisation ("'=x" -> "=x"), so exports import back unchanged."""
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES and text[1:2]:
        return text[1:]
    return text


def read_text(column: Column, raw: str) -> str:
    text = restore(raw)
    if column.max_length and len(text) > column.max_length:
        raise CellError(
            _("le texte dépasse %(max)s caractères (%(length)s).") % {"max": column.max_length, "length": len(text)}
        )
    if column.name.endswith("site_web") and text:
        try:
            URLValidator()(text)
        except ValidationError as error:
            raise CellError(_("« %(value)s » n'est pas une adresse web.") % {"value": text}) from error
    return text


def read_int(column: Column, raw: str) -> int | None:
    if not raw:
        return None
    if not re.fullmatch(r"\d+", raw):
        messages = {
            "year": _("« %(value)s » n'est pas une année (AAAA)."),
            "month": _("« %(value)s » n'est pas un mois (1 à 12)."),
        }
        raise CellError(messages.get(column.kind, _("« %(value)s » n'est pas un nombre entier.")) % {"value": raw})
    number = int(raw)
    if column.kind == "year" and not 1900 <= number <= 2100:
        raise CellError(_("« %(value)s » n'est pas une année entre 1900 et 2100.") % {"value": raw})
    if column.kind == "month" and not 1 <= number <= 12:
        raise CellError(_("« %(value)s » n'est pas un mois (1 à 12).") % {"value": raw})
    if number > 32767:
        raise CellError(_("« %(value)s » est trop grand.") % {"value": raw})
    return number


def read_amount(raw: str) -> Decimal | None:
    try:
        return parse_amount(raw)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error


def read_date(raw: str) -> datetime.date | None:
    if not raw:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise CellError(_("« %(value)s » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).") % {"value": raw})


def read_choice(column: Column, raw: str) -> str:
    if not raw:
        return ""
    wanted = identifiers.normalise_name(raw)
    for value, label in column.choices.choices:
        if wanted in (identifiers.normalise_name(value), identifiers.normalise_name(str(label))):
            return value
    raise CellError(
        _("« %(value)s » n'est pas une valeur admise (valeurs : %(allowed)s).")
        % {"value": raw, "allowed": ", ".join(column.choices.values)}
    )


def read_identifier(column: Column, raw: str) -> str:
    if not raw:
        return ""
    scheme = column.attribute
    try:
        IDENTIFIER_VALIDATORS[scheme](raw)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error
    return IDENTIFIER_NORMALISERS[scheme](raw)


def read_list(column: Column, raw) -> list[str]:
    items = raw if isinstance(raw, list) else str(raw).split(LIST_SEPARATOR)
    values = [restore(item.strip()) for item in items if item and item.strip()]
    limit = TAG_MAX_LENGTH if column.attribute == "tags" else None
    for value in values:
        if limit and len(value) > limit:
            raise CellError(
                _("« %(value)s… » dépasse %(max)s caractères (%(length)s).")
                % {"value": value[:30], "max": limit, "length": len(value)}
            )
    return values


def read_cell(column: Column, raw):
    """The typed value of a cell; raises CellError with a French message."""
    if any("\x00" in item for item in (raw if isinstance(raw, list) else [raw or ""])):
        raise CellError(_("caractère nul (octet 0) interdit : la cellule contient des données binaires."))
    if column.kind == "list":
        return read_list(column, raw)
    if isinstance(raw, list):
        raise CellError(_("une valeur simple est attendue, pas une liste."))
    raw = raw or ""
    if column.required and not raw:
        raise CellError(_("valeur obligatoire manquante."))
    readers = {
        "text": lambda: read_text(column, raw),
        "int": lambda: read_int(column, raw),
        "year": lambda: read_int(column, raw),
        "month": lambda: read_int(column, raw),
        "amount": lambda: read_amount(raw),
        "date": lambda: read_date(raw),
        "choice": lambda: read_choice(column, raw),
        "identifier": lambda: read_identifier(column, raw),
    }
    return readers[column.kind]()
