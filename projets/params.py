"""GET parameters of the public directories, validated: a value that cannot be understood is a BadParameter
with a French message (shown with a 400), never an error deeper down."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from projets.choices import TerritoryKind
from projets.models import Territory, Theme

MAX_QUERY_LENGTH = 200


class BadParameter(ValueError):
    """A GET parameter that cannot be understood; its message is French and shown to the visitor."""


def reject_nul(params) -> None:
    """A NUL character cannot reach PostgreSQL (it would raise, hence a 500): refuse it up front."""
    for key in params:
        if "\x00" in key or any("\x00" in value for value in params.getlist(key)):
            raise BadParameter(_("Les paramètres ne peuvent pas contenir de caractère nul."))


def choice(params, name: str, allowed, label: str) -> str:
    """One value of a closed list, "" when absent; BadParameter when unknown."""
    value = (params.get(name) or "").strip()
    if value and value not in allowed:
        message = _("Valeur inconnue pour « %(param)s » : %(value)s.")
        raise BadParameter(message % {"param": label, "value": value[:50]})
    return value


def text(params, name: str = "q") -> str:
    value = " ".join((params.get(name) or "").split())
    if len(value) > MAX_QUERY_LENGTH:
        raise BadParameter(_("La recherche est trop longue (%(max)s caractères au plus).") % {"max": MAX_QUERY_LENGTH})
    return value


def year(params, name: str, label: str) -> int | None:
    """A year between 1900 and 2100 in ASCII digits, None when absent."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{4}", raw) or not 1900 <= int(raw) <= 2100:
        raise BadParameter(_("« %(name)s » doit être une année entre 1900 et 2100.") % {"name": label})
    return int(raw)


@dataclass(frozen=True)
class Options:
    """The régions and themes offered by the filters (two queries)."""

    regions: list[tuple[str, str]]
    themes: list[Theme]

    @classmethod
    def read(cls) -> "Options":
        regions = Territory.objects.filter(kind=TerritoryKind.REGION).order_by("name").values_list("code", "name")
        return cls(list(regions), list(Theme.objects.select_related("parent").order_by("name")))

    def region(self, params) -> str:
        return choice(params, "region", {code for code, _name in self.regions}, _("Région"))

    def theme(self, params) -> str:
        return choice(params, "theme", {theme.slug for theme in self.themes}, _("Thème"))
