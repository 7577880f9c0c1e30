// add.js is the "add reports" page: paste text, give a URL, or pick files;
// preview the events sitrep extracts (POST /ui/preview, which stores
// nothing); then save (POST /api/documents).
import { postJSON } from './api.js';
import { h, clear, externalLink, fmtInt } from './dom.js';
import { renderText } from './highlight.js';

const MAX_FILE = 5 << 20;

export function renderAdd(root, { navigate }) {
  const mode = { value: 'text' };
  const tabs = ['text', 'url', 'files'];
  const labels = { text: 'Paste text', url: 'From a URL', files: 'Upload files' };
  const panes = {};
  const tabButtons = tabs.map(t => h('button', {
    type: 'button', role: 'tab', id: 'tab-' + t, 'aria-controls': 'pane-' + t,
    onclick: () => select(t),
  }, labels[t]));

  const text = h('textarea', { id: 'add-text', rows: 12, placeholder: 'Paste a news report: title on the first line, then the story.' });
  const url = h('input', { id: 'add-url', type: 'url', placeholder: 'https://…' });
  const files = h('input', { id: 'add-files', type: 'file', multiple: true, accept: '.txt,.text,.html,.htm,text/plain,text/html' });
  panes.text = h('div', { role: 'tabpanel', id: 'pane-text' }, h('label', { for: 'add-text' }, 'Report text'), text);
  panes.url = h('div', { role: 'tabpanel', id: 'pane-url' }, h('label', { for: 'add-url' }, 'Address of the article'), url,
    h('p', { className: 'hint' }, 'sitrep fetches the page itself (public addresses only, at most 5 MB, 15 seconds).'));
  panes.files = h('div', { role: 'tabpanel', id: 'pane-files' }, h('label', { for: 'add-files' }, 'Text or HTML files'), files);

  const title = h('input', { id: 'add-title', placeholder: 'taken from the text when empty' });
  const outlet = h('input', { id: 'add-outlet', placeholder: 'e.g. Reuters' });
  const published = h('input', { id: 'add-published', type: 'date' });
  const srcURL = h('input', { id: 'add-source-url', type: 'url', placeholder: 'where it was published (optional)' });
  const msg = h('p', { className: 'form-msg', role: 'status' });
  const previewEl = h('section', { className: 'previews', id: 'previews' });
  const saveBtn = h('button', { type: 'button', id: 'add-save', disabled: true, onclick: () => save() }, 'Save');
  let previews = [];

  root.append(h('div', { className: 'add-page' },
    h('h1', null, 'Add reports'),
    h('p', null, 'Extracted events are shown before anything is stored. Saving files them under matching incidents or new ones.'),
    h('div', { role: 'tablist', className: 'tabs' }, tabButtons),
    panes.text, panes.url, panes.files,
    h('div', { className: 'field-row meta' },
      h('label', { for: 'add-title' }, 'Title'), title,
      h('label', { for: 'add-outlet' }, 'Outlet'), outlet,
      h('label', { for: 'add-published' }, 'Published'), published,
      h('label', { for: 'add-source-url' }, 'URL'), srcURL),
    h('div', { className: 'actions' },
      h('button', { type: 'button', id: 'add-preview', onclick: () => preview() }, 'Preview events'), saveBtn),
    msg, previewEl));

  function select(t) {
    mode.value = t;
    for (const b of tabButtons) b.setAttribute('aria-selected', String(b.id === 'tab-' + t));
    for (const k of tabs) panes[k].hidden = k !== t;
  }
  select('text');

  function meta() {
    return { title: title.value.trim(), outlet: outlet.value.trim(), published: published.value, url: srcURL.value.trim() };
  }

  async function requests() {
    const m = meta();
    if (mode.value === 'text') {
      if (!text.value.trim()) throw new Error('Paste some text first.');
      return [{ ...m, text: text.value }];
    }
    if (mode.value === 'url') {
      if (!url.value.trim()) throw new Error('Give a URL first.');
      return [{ ...m, url: url.value.trim() }];
    }
    if (!files.files.length) throw new Error('Pick one or more files first.');
    const out = [];
    for (const f of files.files) {
      if (f.size > MAX_FILE) throw new Error(`${f.name}: ${fmtInt(f.size)} bytes is over the limit of 5 MB`);
      const body = await f.text();
      const isHTML = /\.html?$/i.test(f.name) || f.type === 'text/html';
      out.push({ ...m, name: f.name, title: files.files.length > 1 ? '' : m.title, [isHTML ? 'html' : 'text']: body });
    }
    return out;
  }

  async function preview() {
    saveBtn.disabled = true;
    clear(previewEl);
    previews = [];
    msg.textContent = 'Extracting…';
    try {
      for (const req of await requests()) {
        const p = await postJSON('/ui/preview', req);
        previews.push(p);
        previewEl.append(previewCard(p, req.name));
      }
      const n = previews.reduce((a, p) => a + p.events.length, 0);
      msg.textContent = `${fmtInt(n)} event${n === 1 ? '' : 's'} found in ${previews.length} document${previews.length === 1 ? '' : 's'}. Nothing is stored yet.`;
      saveBtn.disabled = previews.length === 0;
    } catch (e) {
      msg.textContent = 'Preview failed: ' + e.message;
    }
  }

  async function save() {
    saveBtn.disabled = true;
    msg.textContent = 'Saving…';
    try {
      const res = await postJSON('/api/documents', previews.map(p => p.save));
      const incidents = [...new Set(res.documents.flatMap(d => d.incidents))];
      clear(msg).append(h('span', null, `Saved ${res.documents.length} document${res.documents.length === 1 ? '' : 's'}`,
        res.documents.some(d => !d.created) ? ' (some were already stored)' : '', '. Events: ',
        incidents.length ? incidents.map((id, i) => [i ? ', ' : '', h('a', { href: '/events/' + encodeURIComponent(id), 'data-nav': '' }, id)]) : 'none', '.'));
    } catch (e) {
      msg.textContent = 'Not saved: ' + e.message;
      saveBtn.disabled = false;
    }
  }

  return () => {};
}

function previewCard(p, name) {
  return h('article', { className: 'preview' },
    h('h2', null, p.title || name || '(untitled)'),
    h('p', { className: 'report-meta' }, [p.outlet, (p.published || '').slice(0, 10), name].filter(Boolean).join(' · '),
      p.url ? [' · ', externalLink(p.url, 'original')] : null),
    p.events.length ? h('table', { className: 'preview-events' },
      h('thead', null, h('tr', null, ['#', 'Date', 'Type', 'Place', 'Actors', 'Fatalities', 'Claims'].map(t => h('th', null, t)))),
      h('tbody', null, p.events.map((e, i) => h('tr', null,
        h('td', null, String(i + 1)),
        h('td', null, e.event_date || ''),
        h('td', null, e.event_type || '', e.sub_event_type ? h('small', null, h('br'), e.sub_event_type) : null),
        h('td', null, [e.location, e.admin1, e.country].filter(Boolean).join(', ')),
        h('td', null, [e.actor1, e.actor2].filter(Boolean).join(' — ')),
        h('td', { className: 'num' }, fmtInt(e.fatalities)),
        h('td', null, (e.claims || []).map(c => c.kind === 'responsibility' ? `${c.claimant || '?'}: ${c.denied ? 'denies' : 'claims'} the act` : `${c.claimant || '?'}: ${c.kind} ${c.count_low}${c.count_high && c.count_high !== c.count_low ? '–' + c.count_high : ''}`).join('; '))))))
      : h('p', null, 'No event found in this document.'),
    h('details', null, h('summary', null, 'Text with evidence'), renderText(p.text, p.spans)));
}
