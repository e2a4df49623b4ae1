"""Load the territory reference (regions and départements from the official COG, plus wider scopes).

The data file is generated from the npm package @etalab/decoupage-administratif (see data/README.md);
used by a data migration (with the historical model) and by `manage.py load_territories`.
"""

import json
from pathlib import Path

from django.utils.text import slugify

DATA_FILE = Path(__file__).resolve().parent / "data" / "territories.json"

# Scopes beyond French administrative divisions, for cross-border and international projects.
SCOPES = [
    ("EU", "Europe"),
    ("INT", "International"),
    ("BE-WAL", "Wallonie (Belgique)"),
    ("BE-VLG", "Flandre (Belgique)"),
    ("BE-BRU", "Région de Bruxelles-Capitale (Belgique)"),
]


def load_territories(territory_model) -> dict[str, int]:
    """Create or update every territory; idempotent. Returns counts per kind."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    regions = {}
    for region in data["regions"]:
        regions[region["code"]], _ = territory_model.objects.update_or_create(
            kind="region",
            code=region["code"],
            defaults={"name": region["name"], "slug": slugify(region["name"]), "region": None},
        )
    for region in data["regions"]:
        regions[region["code"]].neighbours.set([regions[code] for code in region.get("neighbours", [])])
    for departement in data["departements"]:
        territory_model.objects.update_or_create(
            kind="departement",
            code=departement["code"],
            defaults={
                "name": departement["name"],
                "slug": f"{slugify(departement['name'])}-{departement['code'].lower()}",
                "region": regions[departement["region"]],
            },
        )
    for code, name in SCOPES:
        territory_model.objects.update_or_create(
            kind="perimetre", code=code, defaults={"name": name, "slug": slugify(name), "region": None}
        )
    return {"region": len(data["regions"]), "departement": len(data["departements"]), "perimetre": len(SCOPES)}
