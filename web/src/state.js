// state.js keeps the filter state in the URL's query string, so that a view
// can be shared as a link. The same parameters go to the API, so the
// export buttons export exactly what is shown.

// FILTERS are the query parameters of /api/events the UI sets.
export const FILTERS = ['from', 'to', 'country', 'admin1', 'event_type', 'actor', 'min_fatalities', 'grade', 'q', 'bbox'];

// readFilters returns the filters of a query string.
export function readFilters(search) {
  const p = new URLSearchParams(search);
  const f = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v != null && v !== '') f[k] = v;
  }
  return f;
}

// query returns a query string (without "?") of filters f, minus the keys
// in omit, plus extra parameters.
export function query(f, extra = {}, omit = []) {
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    if (omit.includes(k)) continue;
    if (f[k] != null && f[k] !== '') p.set(k, f[k]);
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v != null && v !== '') p.set(k, v);
  }
  return p.toString();
}

// ACLED's event types, in its order, each with its map colour.
export const EVENT_TYPES = [
  ['Battles', '#d62728'],
  ['Explosions/Remote violence', '#ff7f0e'],
  ['Violence against civilians', '#9467bd'],
  ['Protests', '#2ca02c'],
  ['Riots', '#8c564b'],
  ['Strategic developments', '#1f77b4'],
];
const colours = new Map(EVENT_TYPES);

export function typeColour(t) {
  return colours.get(t) || '#555';
}

export const GRADES = ['single source', 'corroborated', 'contested', 'confirmed'];
