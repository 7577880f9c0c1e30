// list.js is the event list: a sortable, paginated table that the keyboard
// can drive (arrow keys move between rows, Enter opens one, PageDown and
// PageUp turn pages).
import { getJSON } from './api.js';
import { h, clear, fmtInt } from './dom.js';
import { query } from './state.js';

const FIELDS = 'id,event_date,event_type,sub_event_type,location,admin1,country,actor1,actor2,fatalities,fatalities_low,fatalities_best,fatalities_high,sources,grade';
export const PAGE_SIZE = 50;

const place = e => [e.location, e.admin1, e.country].filter(Boolean).join(', ');
const actors = e => [e.actor1, e.actor2].filter(Boolean).join(' — ');

// Columns: server-sorted ones sort the whole selection; the others sort
// the page at hand.
const COLUMNS = [
  { key: 'event_date', label: 'Date', server: 'event_date', cell: e => e.event_date || '' },
  { key: 'event_type', label: 'Type', cell: e => e.event_type || '', sub: e => e.sub_event_type },
  { key: 'place', label: 'Place', cell: place },
  { key: 'actors', label: 'Actors', cell: actors },
  { key: 'fatalities', label: 'Fatalities (ACLED)', server: 'fatalities', num: true, cell: e => e.fatalities ?? 0 },
  { key: 'fatalities_low', label: 'Low', num: true, cell: e => e.fatalities_low },
  { key: 'fatalities_best', label: 'Best', num: true, cell: e => e.fatalities_best },
  { key: 'fatalities_high', label: 'High', num: true, cell: e => e.fatalities_high },
  { key: 'sources', label: 'Sources', num: true, cell: e => e.sources ?? 0 },
  { key: 'grade', label: 'Grade', cell: e => e.grade || '' },
];

export class EventList {
  constructor(el, { onOpen, sort, onSort }) {
    this.onOpen = onOpen;
    this.onSort = onSort;
    this.sort = sort || '-event_date';
    this.local = null; // {key, desc}: a client-side sort of the page
    this.cursors = [''];
    this.pageNo = 0;
    this.status = h('p', { className: 'list-status', role: 'status' }, '');
    this.table = h('table', { className: 'events', 'aria-label': 'Events' });
    this.prev = h('button', { type: 'button', onclick: () => this.turn(-1) }, '← Previous');
    this.next = h('button', { type: 'button', onclick: () => this.turn(1) }, 'Next →');
    this.pageLabel = h('span', { className: 'page-label' }, '');
    el.append(h('div', { className: 'list-head' }, h('h2', null, 'Events'), this.status),
      h('div', { className: 'table-wrap' }, this.table),
      h('nav', { className: 'pager', 'aria-label': 'Pages' }, this.prev, this.pageLabel, this.next));
    this.table.addEventListener('keydown', e => this.key(e));
  }

  // load shows the first page of the selection.
  load(filters) {
    this.filters = filters;
    this.total = null;
    this.rows = null;
    this.cursors = [''];
    this.pageNo = 0;
    return this.fetchPage();
  }

  // setTotal tells how many events the selection holds, once counted.
  setTotal(n) {
    this.total = n;
    if (this.rows) this.render();
  }

  async fetchPage() {
    this.abort?.abort();
    const ctl = new AbortController();
    this.abort = ctl;
    this.status.textContent = 'Loading…';
    try {
      const page = await getJSON('/api/events?' + query(this.filters, {
        fields: FIELDS, limit: PAGE_SIZE, sort: this.sort, cursor: this.cursors[this.pageNo],
      }), ctl.signal);
      this.rows = page.events;
      this.cursors[this.pageNo + 1] = page.next_cursor || null;
      this.render();
    } catch (e) {
      if (e.name !== 'AbortError') this.status.textContent = 'Could not list events: ' + e.message;
    }
  }

  turn(d) {
    const n = this.pageNo + d;
    if (n < 0 || (d > 0 && !this.cursors[n])) return;
    this.pageNo = n;
    this.fetchPage().then(() => this.table.querySelector('tbody tr')?.focus());
  }

  sortBy(col) {
    if (col.server) {
      this.local = null;
      this.sort = this.sort === '-' + col.server ? col.server : '-' + col.server;
      this.onSort?.(this.sort);
      this.cursors = [''];
      this.pageNo = 0;
      this.fetchPage();
      return;
    }
    this.local = { key: col.key, desc: this.local?.key === col.key ? !this.local.desc : false };
    this.render();
  }

  sorted() {
    if (!this.local) return this.rows;
    const col = COLUMNS.find(c => c.key === this.local.key);
    const dir = this.local.desc ? -1 : 1;
    return [...this.rows].sort((a, b) => {
      const x = col.cell(a), y = col.cell(b);
      if (col.num) return dir * ((x ?? -1) - (y ?? -1));
      return dir * String(x).localeCompare(String(y));
    });
  }

  ariaSort(col) {
    if (this.local) return this.local.key === col.key ? (this.local.desc ? 'descending' : 'ascending') : null;
    if (!col.server) return null;
    if (this.sort === col.server) return 'ascending';
    if (this.sort === '-' + col.server) return 'descending';
    return null;
  }

  render() {
    const first = this.pageNo * PAGE_SIZE;
    const shown = this.rows.length;
    this.status.textContent = shown
      ? `${fmtInt(first + 1)}–${fmtInt(first + shown)}${this.total != null ? ' of ' + fmtInt(this.total) : ''}`
      : 'No events match these filters.';
    this.prev.disabled = this.pageNo === 0;
    this.next.disabled = !this.cursors[this.pageNo + 1];
    this.pageLabel.textContent = `Page ${this.pageNo + 1}${this.total != null ? ' of ' + Math.max(1, Math.ceil(this.total / PAGE_SIZE)) : ''}`;
    clear(this.table);
    this.table.append(
      h('thead', null, h('tr', null, COLUMNS.map(col => {
        const s = this.ariaSort(col);
        return h('th', { scope: 'col', 'aria-sort': s, className: col.num ? 'num' : null },
          h('button', { type: 'button', className: 'sort', title: col.server ? 'Sort all events' : 'Sort this page', onclick: () => this.sortBy(col) },
            col.label, s ? (s === 'ascending' ? ' ▲' : ' ▼') : ''));
      }))),
      h('tbody', null, this.sorted().map(e => h('tr', {
        tabindex: 0, 'data-id': e.id,
        onclick: ev => { if (!ev.target.closest('a')) this.onOpen(e.id); },
      }, COLUMNS.map(col => {
        const v = col.cell(e);
        if (col.key === 'event_date') return h('td', null, h('a', { href: '/events/' + encodeURIComponent(e.id), 'data-nav': '' }, v || '(no date)'));
        return h('td', { className: col.num ? 'num' : null }, col.num ? (v == null ? '–' : fmtInt(v)) : v,
          col.sub && col.sub(e) ? h('small', null, h('br'), col.sub(e)) : null);
      })))));
  }

  key(e) {
    const row = e.target.closest('tbody tr');
    if (e.key === 'PageDown') { e.preventDefault(); this.turn(1); return; }
    if (e.key === 'PageUp') { e.preventDefault(); this.turn(-1); return; }
    if (!row) return;
    if (e.key === 'ArrowDown' || e.key === 'j') { e.preventDefault(); row.nextElementSibling?.focus(); }
    else if (e.key === 'ArrowUp' || e.key === 'k') { e.preventDefault(); row.previousElementSibling?.focus(); }
    else if (e.key === 'Home') { e.preventDefault(); row.parentElement.firstElementChild?.focus(); }
    else if (e.key === 'End') { e.preventDefault(); row.parentElement.lastElementChild?.focus(); }
    else if (e.key === 'Enter' && e.target === row) { e.preventDefault(); this.onOpen(row.dataset.id); }
  }

  remove() {
    this.abort?.abort();
  }
}
