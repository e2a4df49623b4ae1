"""The facets of the catalogue: their names, labels and each case study's values."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from projets.choices import ContractKind, CooperationFormat, FundingKind, OrganisationKind, Status


@dataclass(frozen=True)
class Facet:
    name: str  # API parameter and facet key
    label: str
    engine_field: str  # ProjectPage attribute indexed as a FilterField (the engine aggregates it)
    choices: type | None = None  # TextChoices giving labels, or None (labels from the database)


FACETS = [
    Facet("theme", _("Thèmes"), "facet_theme"),
    Facet("region", _("Régions"), "facet_region"),
    Facet("departement", _("Départements"), "facet_departement"),
    Facet("partner_kind", _("Types de partenaires"), "facet_partner_kind", OrganisationKind),
    Facet("funding_kind", _("Types de financement"), "facet_funding_kind", FundingKind),
    Facet("contract_kind", _("Types de contrat"), "facet_contract_kind", ContractKind),
    Facet("format", _("Forme de coopération"), "cooperation_format", CooperationFormat),
    Facet("status", _("État"), "status", Status),
    Facet("year", _("Année de début"), "start_year"),
]
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}

FACET_PREFETCH = ["themes__parent", "territories__region", "partners__organisation", "funding_lines", "contracts"]


def facet_values(page) -> dict[str, list[str]]:
    """Every facet value of a case study, as strings (the same values the engine indexes)."""
    values = {}
    for facet in FACETS:
        raw = getattr(page, facet.engine_field)
        raw = raw() if callable(raw) else raw
        if raw is None or raw == "":
            raw = []
        elif not isinstance(raw, list | tuple):
            raw = [raw]
        values[facet.name] = sorted({str(value) for value in raw})
    return values


# Separates a facet's name from its value in facet_keys (names hold no colon; values may).
KEY_SEPARATOR = ":"


def facet_keys(values: dict[str, list[str]]) -> list[str]:
    """Facet values as one list of "facet:value" keys.

    Indexed by the engines as one keyword field: one terms aggregation counts every facet at once. Nine
    aggregations, one per facet, each walked the matching documents again: 63-76 ms on OpenSearch for a
    query matching 70,000 of 100,000 case studies, against 26-31 ms for the one (issue 8).
    """
    return [f"{name}{KEY_SEPARATOR}{value}" for name, items in values.items() for value in items]


def split_facet_key(key: str) -> tuple[str, str]:
    name, _separator, value = key.partition(KEY_SEPARATOR)
    return name, value
