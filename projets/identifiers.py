"""Public identifiers of organisations: format checks and normalisation.

RNA (répertoire national des associations), SIREN (Luhn), RNSR (research units), ROR (checksum).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RNA_PATTERN = re.compile(r"^W(\d{9}|2[AB]\d{7})$")
RNSR_PATTERN = re.compile(r"^\d{9}[A-Z]$")
ROR_PATTERN = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
CROCKFORD_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def normalise_rna(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def normalise_siren(value: str) -> str:
    return re.sub(r"[\s.]", "", value or "")


def normalise_rnsr(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def normalise_ror(value: str) -> str:
    """Accept the bare id or the full https://ror.org/ URL; keep the bare id."""
    value = (value or "").strip().lower()
    return re.sub(r"^(https?://)?ror\.org/", "", value)


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        number = int(char)
        if position % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def ror_checksum_is_valid(ror_id: str) -> bool:
    number = 0
    for char in ror_id[:7]:
        number = number * 32 + CROCKFORD_ALPHABET.index(char)
    return int(ror_id[7:]) == 98 - (number * 100) % 97


def validate_rna(value: str) -> None:
    if not RNA_PATTERN.match(normalise_rna(value)):
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro RNA : un W suivi de 9 chiffres (ex. W623001234)."),
            params={"value": value},
            code="invalid_rna",
        )


def validate_siren(value: str) -> None:
    digits = normalise_siren(value)
    if not re.fullmatch(r"\d{9}", digits):
        raise ValidationError(
            _("« %(value)s » n'est pas un SIREN : 9 chiffres attendus."), params={"value": value}, code="invalid_siren"
        )
    if not luhn_is_valid(digits):
        raise ValidationError(
            _("Le SIREN « %(value)s » est invalide (clé de contrôle incorrecte)."),
            params={"value": value},
            code="invalid_siren",
        )


def validate_rnsr(value: str) -> None:
    if not RNSR_PATTERN.match(normalise_rnsr(value)):
        raise ValidationError(
            _("« %(value)s » n'est pas un identifiant RNSR : 9 chiffres et une lettre (ex. 200918451E)."),
            params={"value": value},
            code="invalid_rnsr",
        )


def validate_ror(value: str) -> None:
    ror_id = normalise_ror(value)
    if not ROR_PATTERN.match(ror_id) or not ror_checksum_is_valid(ror_id):
        raise ValidationError(
            _("« %(value)s » n'est pas un identifiant ROR valide (ex. https://ror.org/02kzqn938)."),
            params={"value": value},
            code="invalid_ror",
        )


LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def normalise_name(name: str) -> str:
    """No case, accents or punctuation, single spaces: what makes two names 'the same'.

    Letters and digits of every script are kept ("Ελληνικά", "Кириллица"): two names written in other
    alphabets than the Latin one stay two names.
    """
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold().translate(LIGATURES)
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())
