"""Amounts in euros as French people type them: "12 500,50 €", "1 000 000", "12500.50".

Spaces (plain, no-break U+00A0, narrow no-break U+202F) group thousands, a comma or a point marks the
cents (at most two digits), a trailing "€" or "EUR" is allowed. What could be read two ways ("1.234,5",
"12,500.50", "1.234") is refused rather than guessed. The admin form and the importer both read
amounts with parse_amount.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SPACES = re.compile(r"[\s\u00a0\u202f]")
AMOUNT_PATTERN = re.compile(r"-?\d+(?:[.,]\d{1,2})?")
# A point or a comma then exactly three digits may be a thousands separator: "1.234", "12,500.50".
THOUSANDS_LOOKALIKE = re.compile(r"[.,]\d{3}(?!\d)")
AMOUNT_LIMIT = Decimal("1e10")


def parse_amount(raw: str) -> Decimal | None:
    """The amount written in `raw`, None when empty; a ValidationError with a French message otherwise."""
    raw = (raw or "").strip()
    if not raw:
        return None
    compact = SPACES.sub("", raw).removesuffix("€").removesuffix("EUR")
    if not AMOUNT_PATTERN.fullmatch(compact):
        if THOUSANDS_LOOKALIKE.search(compact):
            raise ValidationError(
                _(
                    "« %(value)s » peut se lire de deux façons : séparez les milliers par des espaces "
                    "et les centimes par une virgule (ex. 12 500,50)."
                )
                % {"value": raw},
                code="ambiguous_amount",
            )
        raise ValidationError(_("« %(value)s » n'est pas un montant.") % {"value": raw}, code="invalid_amount")
    amount = Decimal(compact.replace(",", "."))
    if amount < 0:
        raise ValidationError(
            _("« %(value)s » : un montant ne peut pas être négatif.") % {"value": raw}, code="negative_amount"
        )
    if amount >= AMOUNT_LIMIT:
        raise ValidationError(_("« %(value)s » : montant trop grand.") % {"value": raw}, code="amount_too_large")
    return amount


def format_amount(amount: Decimal | None) -> str:
    """ "12 500,50" (cents only when there are some), as parse_amount reads it back."""
    if amount is None:
        return ""
    whole, _point, cents = f"{amount:,.2f}".partition(".")
    whole = whole.replace(",", " ")
    return whole if cents == "00" else f"{whole},{cents}"
