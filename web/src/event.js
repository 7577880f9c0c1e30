// event.js is the event page: what the database believes about one
// incident and why: the summary, a small map, every claim beside its
// source, the grade's reasons, the reports with their evidence spans
// highlighted, the version history, and a form for reviewers' corrections.
import L from './leaflet.js';
import { createMap } from './basemap.js';
import { getJSON, postJSON, enc } from './api.js';
import { h, clear, externalLink, fmtInt } from './dom.js';
import { EVENT_TYPES, GRADES, typeColour } from './state.js';
import { radius } from './eventsmap.js';
import { renderText } from './highlight.js';

const NUMERIC = new Set(['inter1', 'inter2', 'interaction', 'geonameid', 'latitude', 'longitude', 'geo_precision',
  'time_precision', 'fatalities', 'fatalities_low', 'fatalities_high', 'fatalities_best']);
const CORRECTABLE = ['event_type', 'sub_event_type', 'event_date', 'date_end', 'location', 'admin1', 'admin2', 'country', 'iso3',
  'latitude', 'longitude', 'geo_precision', 'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2',
  'fatalities', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'grade', 'notes', 'time_precision', 'interaction',
  'geonameid', 'cameo', 'plover'];

// fieldValue reads a typed value as the CLI does: JSON when it is JSON of
// the field's kind, text otherwise; "null" withdraws a correction.
export function fieldValue(field, value) {
  const v = value.trim();
  if (v === 'null') return null;
  if (NUMERIC.has(field)) {
    const n = Number(v);
    if (v === '' || Number.isNaN(n)) throw new Error(`${field} takes a number`);
    return n;
  }
  return value;
}

const figure = c => {
  // a claim about the act itself, not a count
  if (c.kind === 'responsibility') return c.denied ? 'denies the act' : 'claims the act';
  const n = c.count_low === c.count_high || !c.count_high ? fmtInt(c.count_low) : `${fmtInt(c.count_low)}–${fmtInt(c.count_high)}`;
  return c.qualifier && c.qualifier !== 'exact' ? `${c.qualifier} ${n}` : n;
};

const dateOf = s => (s ? String(s).slice(0, 10) : '');

export function renderEvent(root, id, { navigate }) {
  const body = h('div', { className: 'event-page' }, h('p', { className: 'loading' }, 'Loading event…'));
  root.append(h('p', { className: 'back' }, h('a', { href: '/' + (sessionStorage.getItem('sitrep-home-search') || ''), 'data-nav': '' }, '← Back to the events')), body);
  let map = null;
  const ctl = new AbortController();

  (async () => {
    let ev;
    try {
      ev = await getJSON('/api/events/' + enc(id), ctl.signal);
    } catch (e) {
      if (e.name === 'AbortError') return;
      clear(body).append(h('h1', null, 'Event not found'), h('p', null, e.message));
      return;
    }
    if (ev.id !== id) { navigate('/events/' + enc(ev.id), true); return; }
    document.title = `${ev.event_type || 'Event'}, ${ev.location || ev.country || ''} ${ev.event_date || ''} — sitrep`;
    clear(body);
    const mapEl = h('div', { className: 'small-map', id: 'event-map', 'aria-label': 'Where it happened' });
    body.append(header(ev), h('div', { className: 'event-top' }, summary(ev), mapEl));
    const placed = ev.latitude || ev.longitude;
    map = createMap(mapEl, { center: placed ? [ev.latitude, ev.longitude] : [30, 20], zoom: placed ? 7 : 2 });
    if (placed) {
      L.circleMarker([ev.latitude, ev.longitude], { radius: radius(ev.fatalities), color: '#222', weight: 1, fillColor: typeColour(ev.event_type), fillOpacity: 0.85 })
        .bindTooltip(ev.location || '').addTo(map);
    }
    const published = new Map(ev.report_documents.map(d => [d.id, d]));
    const reportsEl = h('section', { className: 'reports', id: 'reports' }, h('h2', null, `Reports (${ev.report_documents.length})`));
    body.append(figures(ev), claims(ev, published), reportsEl, versions(ev), correction(ev, navigate));
    for (const d of ev.report_documents) reportsEl.append(await report(ev, d, ctl.signal));
  })().catch(e => { if (e.name !== 'AbortError') body.append(h('p', { className: 'error' }, e.message)); });

  return () => { ctl.abort(); map?.remove(); };
}

function header(ev) {
  const dot = h('span', { className: 'type-dot' });
  dot.style.background = typeColour(ev.event_type); // CSSOM: the CSP forbids style attributes
  return h('header', { className: 'event-header' },
    h('h1', null, dot, ev.event_type || 'Event',
      ev.sub_event_type ? h('small', null, ' · ', ev.sub_event_type) : null),
    h('p', { className: 'where-when' },
      [ev.event_date + (ev.date_end && ev.date_end !== ev.event_date ? ' to ' + ev.date_end : ''),
        [ev.location, ev.admin2, ev.admin1, ev.country].filter(Boolean).join(', ')].filter(Boolean).join(' — ')));
}

function dl(pairs) {
  return h('dl', null, pairs.filter(([, v]) => v != null && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function summary(ev) {
  const corrected = Object.keys(ev.corrections || {});
  return h('section', { className: 'summary' },
    dl([
      ['Actor 1', ev.actor1 ? `${ev.actor1}${ev.inter1 ? ` (inter ${ev.inter1})` : ''}` : ''],
      ['Associated', ev.assoc_actor_1],
      ['Actor 2', ev.actor2 ? `${ev.actor2}${ev.inter2 ? ` (inter ${ev.inter2})` : ''}` : ''],
      ['Associated ', ev.assoc_actor_2],
      ['Interaction', ev.interaction || ''],
      ['Place named in the text', ev.named ? `${ev.named}: not in the gazetteer, so placed at ${ev.location || 'the unit around it'}` : ''],
      ['Place precision', ev.geo_precision ? `${ev.geo_precision} (1 the town itself, 2 near it or part of a region, 3 the region only)` : ''],
      ['Coordinates', ev.latitude || ev.longitude ? `${ev.latitude.toFixed(4)}, ${ev.longitude.toFixed(4)}` : 'unknown'],
      ['Notes', ev.notes],
      ['Corrected by reviewers', corrected.length ? `${corrected.join(', ')} (${(ev.reviewers || []).join(', ')})` : ''],
      ['Id', ev.id],
    ]));
}

function figures(ev) {
  return h('section', { className: 'figures' },
    h('h2', null, 'Fatalities and grade'),
    h('div', { className: 'figure-row' },
      h('div', { className: 'figure' }, h('span', null, 'Low'), h('strong', null, ev.fatalities_low == null ? '–' : fmtInt(ev.fatalities_low))),
      h('div', { className: 'figure best' }, h('span', null, 'Best'), h('strong', null, ev.fatalities_best == null ? '–' : fmtInt(ev.fatalities_best))),
      h('div', { className: 'figure' }, h('span', null, 'High'), h('strong', null, ev.fatalities_high == null ? '–' : fmtInt(ev.fatalities_high))),
      h('div', { className: 'figure' }, h('span', null, 'ACLED fatalities'), h('strong', null, fmtInt(ev.fatalities))),
      h('div', { className: 'figure' }, h('span', null, 'Independent sources'), h('strong', null, fmtInt(ev.sources)))),
    h('div', { className: 'grade' },
      h('p', null, 'Grade: ', h('strong', { className: 'grade-name', id: 'grade' }, ev.grade || 'ungraded')),
      (ev.grade_reasons || []).length ? h('ul', { className: 'grade-reasons' }, ev.grade_reasons.map(r => h('li', null, r))) : null));
}

function claims(ev, docs) {
  const rows = ev.sourced_claims?.length ? ev.sourced_claims : (ev.claims || []).map(c => ({ ...c, status: 'current' }));
  const table = h('table', { className: 'claims', id: 'claims' },
    h('caption', null, 'Every figure as each source gave it, and who claims or denies the act. Current figures make up the low, best and high; repeated and superseded ones are kept for the record.'),
    h('thead', null, h('tr', null, ['Claimant', 'Outlet', 'Kind', 'Figure', 'Victims', 'Report date', 'Status', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows.map(c => {
      const d = docs.get(c.doc_id);
      const flags = [c.denied && c.kind !== 'responsibility' ? 'denied' : '', c.hedged ? 'hedged' : ''].filter(Boolean).join(', ');
      return h('tr', { className: 'claim-' + (c.status || 'current') },
        h('td', null, c.claimant || '(unattributed)'),
        h('td', null, c.outlet || d?.outlet || ''),
        h('td', null, c.kind),
        h('td', { className: 'num' }, figure(c), flags ? h('small', null, ` (${flags})`) : null),
        h('td', null, c.victims || ''),
        h('td', null, dateOf(d?.published)),
        h('td', null, c.status || ''),
        h('td', null, c.doc_id && c.span ? h('a', {
          href: `#span-${c.span[0]}-${c.span[1]}`,
          onclick: e => { e.preventDefault(); showSpan(c.doc_id, c.span); },
        }, 'in the text') : ''));
    })));
  return h('section', { className: 'claims-section' }, h('h2', null, 'Claims'),
    rows.length ? h('div', { className: 'table-wrap' }, table) : h('p', null, 'No report gave a figure.'));
}

const spanMarks = new Map(); // "docid start end" -> mark element

function showSpan(docID, span) {
  const m = spanMarks.get(`${docID} ${span[0]} ${span[1]}`);
  if (!m) return;
  m.scrollIntoView({ block: 'center', behavior: 'smooth' });
  m.classList.add('flash');
  setTimeout(() => m.classList.remove('flash'), 1500);
}

// primaryEvents tells which of a document's events are this incident's:
// those sharing a claim span with the incident's claims from that
// document, or else its date and place, or else the only one.
function primaryEvents(ev, docID, events) {
  const spans = new Set((ev.sourced_claims || []).filter(c => c.doc_id === docID && c.span).map(c => `${c.span[0]},${c.span[1]}`));
  let hit = new Set();
  events.forEach((e, i) => {
    if ((e.claims || []).some(c => spans.has(`${c.span[0]},${c.span[1]}`))) hit.add(i);
  });
  if (!hit.size) events.forEach((e, i) => { if (e.event_date === ev.event_date && e.location === ev.location) hit.add(i); });
  if (!hit.size && events.length === 1) hit.add(0);
  if (!hit.size) events.forEach((_, i) => hit.add(i));
  return hit;
}

async function report(ev, d, signal) {
  const sec = h('article', { className: 'report', 'data-doc': d.id },
    h('h3', null, d.title || '(untitled report)'),
    h('p', { className: 'report-meta' },
      [d.outlet, dateOf(d.published)].filter(Boolean).join(' · '),
      d.url ? [' · ', externalLink(d.url, 'original')] : null,
      ' · ', h('a', { href: d.href || '/api/documents/' + enc(d.id) }, 'JSON')));
  try {
    const doc = await getJSON(d.href || '/api/documents/' + enc(d.id), signal);
    const primary = primaryEvents(ev, d.id, doc.events || []);
    const text = renderText(doc.text || '', doc.spans || [], { primary: s => primary.has(s.event) });
    indexMarks(d.id, doc.text || '', doc.spans || [], text);
    sec.append(
      h('details', { open: true },
        h('summary', null, `Text with evidence (${(doc.spans || []).length} spans; hover a mark for its fields)`),
        legend(), text));
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    sec.append(h('p', { className: 'error' }, 'Could not load the report: ' + e.message));
  }
  return sec;
}

// indexMarks remembers, for each span, the first mark of its text.
function indexMarks(docID, text, spans, el) {
  const marks = [...el.querySelectorAll('mark')];
  let pos = 0, mi = 0;
  const starts = new Map();
  for (const node of el.childNodes) {
    const len = Array.from(node.textContent).length;
    if (node.nodeName === 'MARK') starts.set(pos, marks[mi++]);
    pos += len;
  }
  for (const s of spans) {
    const m = starts.get(s.start);
    if (m) spanMarks.set(`${docID} ${s.start} ${s.end}`, m);
  }
}

function legend() {
  return h('p', { className: 'span-legend' }, 'Marks: ',
    [['f-type', 'what happened'], ['f-actor', 'who'], ['f-place', 'where'], ['f-date', 'when'], ['f-figure', 'how many']]
      .map(([c, t]) => h('mark', { className: 'span ' + c }, t)), ' ', h('mark', { className: 'span other-event' }, 'another event of the report'));
}

function versions(ev) {
  const out = h('div', { className: 'version-view' });
  const rows = [...(ev.versions || [])].reverse();
  return h('section', { className: 'versions', id: 'versions' },
    h('h2', null, 'Version history'),
    h('table', null,
      h('thead', null, h('tr', null, ['Version', 'When', 'Cause', 'By', 'Note', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map(v => h('tr', null,
        h('td', null, String(v.version)),
        h('td', null, (v.at || '').replace('T', ' ').slice(0, 19)),
        h('td', null, v.kind || '', v.doc_id ? h('small', null, ' ', v.doc_id) : null),
        h('td', null, v.reviewer || ''),
        h('td', null, v.note || ''),
        h('td', null, v.version === ev.version ? 'current' : h('button', {
          type: 'button', className: 'link', onclick: () => showVersion(ev, v.version, out),
        }, 'compare')))))),
    out);
}

const SHOWN = ['event_type', 'sub_event_type', 'event_date', 'location', 'admin1', 'country', 'actor1', 'actor2',
  'fatalities', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'grade', 'sources', 'notes'];

async function showVersion(ev, n, out) {
  clear(out).append(h('p', null, `Loading version ${n}…`));
  try {
    const old = await getJSON(`/api/events/${enc(ev.id)}/versions/${n}`);
    const changed = SHOWN.filter(k => JSON.stringify(old[k] ?? null) !== JSON.stringify(ev[k] ?? null));
    clear(out).append(h('h3', null, `Version ${n} against the current version ${ev.version}`),
      changed.length ? h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Field'), h('th', null, `Version ${n}`), h('th', null, 'Now'))),
        h('tbody', null, changed.map(k => h('tr', null, h('td', null, k), h('td', null, String(old[k] ?? '–')), h('td', null, String(ev[k] ?? '–'))))))
        : h('p', null, 'The main fields are the same; claims or reports differ.'));
  } catch (e) {
    clear(out).append(h('p', { className: 'error' }, e.message));
  }
}

function correction(ev, navigate) {
  const field = h('select', { id: 'c-field', name: 'field' }, CORRECTABLE.map(f => h('option', { value: f }, f)));
  const value = h('input', { id: 'c-value', name: 'value', autocomplete: 'off', required: true });
  const values = h('datalist', { id: 'c-values' });
  value.setAttribute('list', 'c-values');
  const reviewer = h('input', { id: 'c-reviewer', name: 'reviewer', required: true, autocomplete: 'name', value: localStorage.getItem('sitrep-reviewer') || '' });
  const note = h('input', { id: 'c-note', name: 'note', placeholder: 'why (kept in the version history)' });
  const msg = h('p', { className: 'form-msg', role: 'status' });
  const suggest = () => {
    const f = field.value;
    const cur = ev[f];
    value.placeholder = cur == null || cur === '' ? 'null withdraws a correction' : `now: ${cur}`;
    const opts = f === 'event_type' ? EVENT_TYPES.map(([t]) => t) : f === 'grade' ? GRADES : [];
    values.replaceChildren(...opts.map(o => h('option', { value: o })));
  };
  field.addEventListener('change', suggest);
  suggest();
  const form = h('form', {
    className: 'correction', id: 'correction',
    onsubmit: async e => {
      e.preventDefault();
      msg.textContent = 'Saving…';
      try {
        const fields = { [field.value]: fieldValue(field.value, value.value) };
        localStorage.setItem('sitrep-reviewer', reviewer.value.trim());
        const inc = await postJSON(`/ui/events/${enc(ev.id)}/corrections`, { reviewer: reviewer.value, note: note.value, fields });
        msg.textContent = `Saved as version ${inc.version}.`;
        navigate('/events/' + enc(ev.id), true);
      } catch (err) {
        msg.textContent = 'Not saved: ' + err.message;
      }
    },
  },
  h('h2', null, 'Correct this event'),
  h('p', null, 'A correction wins over what the reports say, survives reprocessing, and is kept as a new version under your name.'),
  h('div', { className: 'field-row' },
    h('label', { for: 'c-field' }, 'Field'), field,
    h('label', { for: 'c-value' }, 'Value'), value, values),
  h('div', { className: 'field-row' },
    h('label', { for: 'c-reviewer' }, 'Reviewer'), reviewer,
    h('label', { for: 'c-note' }, 'Note'), note),
  h('button', { type: 'submit' }, 'Save correction'), msg);
  return h('section', { className: 'correct' }, form);
}
