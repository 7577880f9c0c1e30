// home.js is the main view: filters on the left; the map, the timeline
// and the event list on the right. Every filter lives in the URL.
import { getJSON } from './api.js';
import { h, debounce, fmtInt } from './dom.js';
import { EVENT_TYPES, GRADES, query, readFilters } from './state.js';
import { EventsMap } from './eventsmap.js';
import { Timeline } from './timeline.js';
import { EventList } from './list.js';

function option(value, label, selected) {
  return h('option', { value, selected: value === selected }, label ?? value);
}

export function renderHome(root, { navigate }) {
  const params = new URLSearchParams(location.search);
  let filters = readFilters(location.search);
  let sort = params.get('sort') || '-event_date';
  let follow = params.get('follow') === '1';
  const open = id => navigate('/events/' + encodeURIComponent(id));

  // The URL is the state: every change rewrites it (replaceState, so Back
  // leaves the page rather than undoing filters one by one).
  const writeURL = () => {
    const q = query(filters, { sort: sort !== '-event_date' ? sort : '', follow: follow ? '1' : '' });
    history.replaceState(null, '', q ? '/?' + q : '/');
  };

  const form = h('form', { className: 'filters', 'aria-label': 'Filters', onsubmit: e => { e.preventDefault(); apply(); } });
  const input = (name, attrs) => h('input', { name, id: 'f-' + name, value: filters[name] || '', ...attrs });
  const field = (name, label, control) => h('div', { className: 'field' }, h('label', { for: 'f-' + name }, label), control);

  const from = input('from', { type: 'date' });
  const to = input('to', { type: 'date' });
  const country = h('select', { name: 'country', id: 'f-country' }, option('', 'All countries', filters.country || ''));
  const admin1 = h('select', { name: 'admin1', id: 'f-admin1' }, option('', 'All regions', filters.admin1 || ''));
  if (filters.admin1) admin1.append(option(filters.admin1, filters.admin1, filters.admin1));
  if (filters.country) country.append(option(filters.country, filters.country, filters.country));
  const type = h('select', { name: 'event_type', id: 'f-event_type' }, option('', 'All types', filters.event_type || ''),
    EVENT_TYPES.map(([t]) => option(t, t, filters.event_type || '')));
  const actorList = h('datalist', { id: 'actor-names' });
  const actor = input('actor', { type: 'search', list: 'actor-names', placeholder: 'name or part of one', autocomplete: 'off' });
  const minF = input('min_fatalities', { type: 'number', min: 0, step: 1, placeholder: '0' });
  const grade = h('select', { name: 'grade', id: 'f-grade' }, option('', 'Any grade', filters.grade || ''), GRADES.map(g => option(g, g, filters.grade || '')));
  const q = input('q', { type: 'search', placeholder: 'words in notes or reports' });
  const bboxNote = h('p', { className: 'bbox-note' }, '');
  const csv = h('a', { className: 'button', id: 'export-csv', download: 'sitrep-events.csv' }, 'Export CSV (ACLED)');
  const geojson = h('a', { className: 'button', id: 'export-geojson', download: 'sitrep-events.geojson' }, 'Export GeoJSON');
  const total = h('p', { className: 'total', role: 'status' }, '');

  form.append(
    h('h2', null, 'Filters'),
    h('div', { className: 'field two' }, field('from', 'From', from), field('to', 'To', to)),
    field('country', 'Country', country),
    field('admin1', 'Region (admin1)', admin1),
    field('event_type', 'Event type', type),
    field('actor', 'Actor', h('span', null, actor, actorList)),
    field('min_fatalities', 'Minimum fatalities', minF),
    field('grade', 'Grade', grade),
    field('q', 'Text', q),
    bboxNote,
    h('div', { className: 'actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', className: 'link', onclick: () => reset() }, 'Reset')),
    total,
    h('div', { className: 'exports' }, csv, geojson),
  );

  const mapEl = h('section', { className: 'map', id: 'map', 'aria-label': 'Map of events' });
  const timeEl = h('section', { className: 'timeline', id: 'timeline' });
  const listEl = h('section', { className: 'list', id: 'list' });
  root.append(h('div', { className: 'home' }, h('aside', null, form), h('main', null, mapEl, timeEl, listEl)));

  const map = new EventsMap(mapEl, {
    onOpen: open,
    follow,
    bbox: filters.bbox,
    onFollow: bbox => {
      follow = !!bbox;
      if ((filters.bbox || '') === bbox) return;
      if (bbox) filters.bbox = bbox; else delete filters.bbox;
      refresh({ map: false });
    },
  });
  const timeline = new Timeline(timeEl, {
    onRange: (a, b) => {
      from.value = a;
      to.value = b;
      apply();
    },
  });
  const list = new EventList(listEl, { onOpen: open, sort, onSort: s => { sort = s; writeURL(); } });

  function read() {
    const f = {};
    for (const el of form.elements) {
      if (el.name && el.value !== '') f[el.name] = el.value.trim();
    }
    if (f.min_fatalities === '0') delete f.min_fatalities;
    if (filters.bbox) f.bbox = filters.bbox;
    return f;
  }

  function apply() {
    filters = read();
    refresh({ map: true });
  }

  function reset() {
    for (const el of form.elements) if (el.name) el.value = '';
    follow = false;
    map.followBox.checked = false;
    delete filters.bbox;
    apply();
  }

  let seq = 0;
  let unfiltered = null; // a promise of /api/stats with no filters, for the choices
  async function refresh({ map: reloadMap }) {
    const mine = ++seq;
    writeURL();
    const qs = query(filters);
    csv.href = '/api/events?' + query(filters, { format: 'csv' });
    geojson.href = '/api/events?' + query(filters, { format: 'geojson' });
    bboxNote.textContent = filters.bbox ? `Limited to the map view (${filters.bbox}).` : '';
    total.textContent = 'Counting…';
    list.load(filters);
    if (reloadMap) map.load(filters);
    // The timeline shows every date (the range is drawn on it), so it
    // needs the counts without from and to; without dates they are the same.
    const statsP = getJSON('/api/stats?' + qs);
    const datelessP = !filters.from && !filters.to ? statsP : getJSON('/api/stats?' + query(filters, {}, ['from', 'to']));
    if (!unfiltered && !qs) unfiltered = statsP;
    try {
      const [stats, dateless] = await Promise.all([statsP, datelessP]);
      if (mine !== seq) return;
      total.textContent = `${fmtInt(stats.events)} events, ${fmtInt(stats.fatalities)} fatalities selected.`;
      list.setTotal(stats.events);
      timeline.show(dateless.by_day, filters.from, filters.to);
    } catch (e) {
      if (mine !== seq) return;
      total.textContent = 'Could not count events: ' + e.message;
    }
  }

  // The choices of the selects and the actor list come from what is stored.
  async function choices() {
    try {
      const st = await (unfiltered || getJSON('/api/stats'));
      const countries = new Map();
      for (const a of st.by_admin1) if (a.iso3) countries.set(a.iso3, a.country || a.iso3);
      const fillCountries = () => {
        const cur = filters.country || '';
        country.replaceChildren(option('', 'All countries', cur),
          ...[...countries].sort((a, b) => a[1].localeCompare(b[1])).map(([iso, name]) => option(iso, `${name} (${iso})`, cur)));
      };
      const fillAdmin1 = () => {
        const cur = admin1.value || filters.admin1 || '';
        const c = country.value;
        const names = [...new Set(st.by_admin1.filter(a => a.admin1 && (!c || a.iso3 === c)).map(a => a.admin1))].sort();
        if (cur && !names.includes(cur)) names.unshift(cur);
        admin1.replaceChildren(option('', 'All regions', cur), ...names.map(n => option(n, n, cur)));
      };
      fillCountries();
      fillAdmin1();
      country.addEventListener('change', fillAdmin1);
    } catch (e) {
      console.warn('choices', e);
    }
  }

  // Actor names load when the actor field is first used: counting them
  // reads every event.
  let actorsLoaded = false;
  actor.addEventListener('focus', async () => {
    if (actorsLoaded) return;
    actorsLoaded = true;
    try {
      const ac = await getJSON('/api/actors?limit=300');
      actorList.replaceChildren(...ac.actors.map(a => h('option', { value: a.name }, `${a.events} events`)));
    } catch (e) {
      actorsLoaded = false;
      console.warn('actors', e);
    }
  });

  // Selects and dates apply at once; typed fields when the typing pauses.
  form.addEventListener('change', e => { if (e.target.tagName === 'SELECT' || e.target.type === 'date') apply(); });
  const typed = debounce(() => apply(), 500);
  form.addEventListener('input', e => { if (e.target.type === 'search' || e.target.type === 'number') typed(); });

  refresh({ map: true });
  choices();
  return () => { map.remove(); timeline.remove(); list.remove(); };
}
