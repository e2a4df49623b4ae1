"""The shared pools a synthetic case study draws from: organisations, themes, territories, the tag."""

import random
from dataclasses import dataclass, field

from taggit.models import Tag

from bench.synthetic import vocabulary as vocab
from projets.choices import OrganisationKind, TerritoryKind
from projets.identifiers import normalise_name
from projets.models import Organisation, Territory, Theme

ORGANISATION_SLUG_PREFIX = "syn-org-"
THEME_DESCRIPTION = "Thème créé par le générateur de données synthétiques."
TAG_NAME = "synthétique"
TAG_SLUG = "synthetique"

# Weighted kinds for the organisation pool: mostly associations and research units.
KIND_WEIGHTS = {
    "association": 40,
    "reseau": 8,
    "entreprise_ess": 6,
    "fondation": 4,
    "laboratoire": 22,
    "universite": 6,
    "organisme_recherche": 4,
    "collectivite": 7,
    "intermediaire": 3,
}
FUNDER_KINDS = {"fondation", "collectivite", "organisme_recherche"}


def pool_size_for(count: int) -> int:
    """About one organisation for twenty case studies, within bounds."""
    return max(60, min(5000, count // 20))


@dataclass
class Pools:
    organisations: list[tuple[int, str]]  # (id, kind), in pool order
    associations: list[int] = field(default_factory=list)
    research: list[int] = field(default_factory=list)
    funders: list[int] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    territories: list[int] = field(default_factory=list)
    tag_id: int = 0

    def __post_init__(self):
        for pk, kind in self.organisations:
            if kind in {"association", "reseau", "entreprise_ess"}:
                self.associations.append(pk)
            elif kind in {"laboratoire", "universite", "organisme_recherche"}:
                self.research.append(pk)
            if kind in FUNDER_KINDS:
                self.funders.append(pk)


def synthetic_organisation(index: int) -> Organisation:
    rng = random.Random(f"organisation:{index}")  # noqa: S311 - reproducible test data
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    pattern = rng.choice(vocab.ORGANISATION_PATTERNS[kind])
    name = pattern.format(
        w=rng.choice(vocab.ORGANISATION_WORDS),
        w2=rng.choice(vocab.ORGANISATION_WORDS_PLURAL),
        c=rng.choice(vocab.CITIES),
    )
    name = f"{name} (synthétique {index})"
    return Organisation(
        name=name,
        normalised_name=normalise_name(name),
        slug=f"{ORGANISATION_SLUG_PREFIX}{index:05d}",
        kind=OrganisationKind(kind),
        description="Organisation fictive créée par le générateur de données synthétiques.",
        city=name.split(" de ")[-1].split(" (")[0] if " de " in name else "",
    )


def organisation_pool(size: int) -> list[tuple[int, str]]:
    """The first `size` synthetic organisations, created when missing (deterministic by index)."""
    existing = dict(Organisation.objects.filter(slug__startswith=ORGANISATION_SLUG_PREFIX).values_list("slug", "id"))
    missing = [
        synthetic_organisation(index)
        for index in range(size)
        if f"{ORGANISATION_SLUG_PREFIX}{index:05d}" not in existing
    ]
    Organisation.objects.bulk_create(missing, batch_size=500)
    slugs = [f"{ORGANISATION_SLUG_PREFIX}{index:05d}" for index in range(size)]
    found = Organisation.objects.filter(slug__in=slugs).values_list("slug", "id", "kind")
    rows = {slug: (pk, kind) for slug, pk, kind in found}
    return [rows[slug] for slug in slugs]


def theme_pool() -> list[int]:
    """Existing themes, or a small two-level set created for synthetic data when there are none."""
    ids = list(Theme.objects.order_by("pk").values_list("id", flat=True))
    if ids:
        return ids
    created = {}
    for slug, name, parent in vocab.THEMES:
        created[slug], _ = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "parent": created.get(parent), "description": THEME_DESCRIPTION}
        )
    return [theme.pk for theme in created.values()]


def territory_pool() -> list[int]:
    kinds = [TerritoryKind.REGION, TerritoryKind.DEPARTEMENT]
    ids = list(Territory.objects.filter(kind__in=kinds).order_by("kind", "code").values_list("id", flat=True))
    if not ids:
        raise RuntimeError("La table des territoires est vide : lancez `manage.py load_territories`.")
    return ids


def build_pools(count: int) -> Pools:
    tag, _ = Tag.objects.get_or_create(slug=TAG_SLUG, defaults={"name": TAG_NAME})
    return Pools(
        organisations=organisation_pool(pool_size_for(count)),
        themes=theme_pool(),
        territories=territory_pool(),
        tag_id=tag.pk,
    )
