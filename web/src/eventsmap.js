// eventsmap.js is the home page's map: every selected event as a circle,
// clustered at low zoom, coloured by event type and sized by fatalities.
// Hovering shows a summary; clicking opens the event.
import L from './leaflet.js';
import 'leaflet.markercluster';
import { createMap } from './basemap.js';
import { getJSON } from './api.js';
import { h, fmtInt } from './dom.js';
import { EVENT_TYPES, query, typeColour } from './state.js';

const FIELDS = 'id,event_date,event_type,sub_event_type,location,admin1,country,latitude,longitude,fatalities,actor1,actor2,grade';
const PAGE = 1000;
const MAX_POINTS = 50000;

// dateRanges splits the days of byDay (within [from, to]) into ranges of
// about size events: each is {from, to}. Events without a date get
// {to: '0001-01-01'}, which selects exactly them, when no range is set.
// Without counts it returns one range that covers everything.
export function dateRanges(byDay, from, to, size) {
  if (!byDay) return [{}];
  const out = [];
  let cur = null, count = 0;
  for (const d of byDay) {
    if (d.key === '') {
      if (!from && !to && d.events > 0) out.push({ to: '0001-01-01' });
      continue;
    }
    if ((from && d.key < from) || (to && d.key > to)) continue;
    if (!cur) { cur = { from: d.key, to: d.key }; count = 0; }
    cur.to = d.key;
    count += d.events;
    if (count >= size) { out.push(cur); cur = null; }
  }
  if (cur) out.push(cur);
  return out.length ? out : [{ from: from || undefined, to: to || undefined }];
}

export function radius(fatalities) {
  return 5 + Math.min(14, 2.2 * Math.sqrt(Math.max(0, fatalities || 0)));
}

function summary(e) {
  return h('div', { className: 'tip' },
    h('strong', null, e.event_type || 'Event'),
    e.sub_event_type ? h('span', null, ' · ', e.sub_event_type) : null,
    h('br'),
    [e.event_date, [e.location, e.admin1, e.country].filter(Boolean).join(', ')].filter(Boolean).join(' — '),
    h('br'),
    [e.actor1, e.actor2].filter(Boolean).join(' vs ') || 'actors unknown',
    h('br'),
    `Fatalities: ${fmtInt(e.fatalities)}`, e.grade ? ` · ${e.grade}` : '');
}

// EventsMap shows the events the filters select (all but bbox: the map
// is where the box is chosen). onView is called with the view's bbox when
// "follow the map" is on; onOpen(id) when an event is clicked.
export class EventsMap {
  constructor(el, { onOpen, onFollow, follow, bbox }) {
    this.onOpen = onOpen;
    this.onFollow = onFollow;
    this.map = createMap(el, { center: [30, 20], zoom: 2 });
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 45,
      disableClusteringAtZoom: 12,
      iconCreateFunction: c => this.clusterIcon(c),
    });
    this.map.addLayer(this.cluster);
    this.fitted = false;
    this.count = h('span', { className: 'map-count' }, '');
    this.followBox = h('input', { type: 'checkbox', id: 'follow-map', checked: !!follow });
    this.followBox.addEventListener('change', () => this.followChanged());
    this.boxLayer = null;
    this.addControls();
    this.map.on('moveend', () => {
      if (this.followBox.checked) this.onFollow(this.viewBox());
    });
    if (bbox) this.showBox(bbox, true);
  }

  addControls() {
    const legend = L.control({ position: 'bottomright' });
    legend.onAdd = () => h('div', { className: 'legend leaflet-bar' },
      EVENT_TYPES.map(([t, c]) => h('div', null, h('span', { className: 'swatch', 'data-colour': c, title: t }), t)),
      h('div', { className: 'legend-note' }, 'Circle size: fatalities'));
    legend.addTo(this.map);
    // Swatch colours are set through the CSSOM: the CSP forbids style attributes.
    for (const s of this.map.getContainer().querySelectorAll('.swatch')) s.style.background = s.dataset.colour;
    const follow = L.control({ position: 'topright' });
    follow.onAdd = () => {
      const div = h('div', { className: 'follow leaflet-bar' },
        h('label', { for: 'follow-map' }, this.followBox, ' Filter to map view'), h('br'), this.count);
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    follow.addTo(this.map);
  }

  clusterIcon(c) {
    const n = c.getChildCount();
    const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    const div = h('div', null, h('span', null, fmtInt(n)));
    return L.divIcon({ html: div, className: `marker-cluster marker-cluster-${n < 10 ? 'small' : n < 100 ? 'medium' : 'large'}`, iconSize: L.point(size, size) });
  }

  viewBox() {
    const b = this.map.getBounds();
    const c = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(4);
    return [c(b.getWest(), -180, 180), c(b.getSouth(), -90, 90), c(b.getEast(), -180, 180), c(b.getNorth(), -90, 90)].join(',');
  }

  followChanged() {
    if (this.boxLayer) { this.map.removeLayer(this.boxLayer); this.boxLayer = null; }
    this.onFollow(this.followBox.checked ? this.viewBox() : '');
  }

  // showBox draws a shared link's bbox and, with fit, zooms to it.
  showBox(bbox, fit) {
    const v = bbox.split(',').map(Number);
    if (v.length !== 4 || v.some(Number.isNaN)) return;
    const bounds = L.latLngBounds([v[1], v[0]], [v[3], v[2]]);
    if (fit) { this.map.fitBounds(bounds); this.fitted = true; }
    if (!this.followBox.checked) {
      this.boxLayer = L.rectangle(bounds, { color: '#333', weight: 1, dashArray: '4 4', fill: false, interactive: false }).addTo(this.map);
    }
  }

  // load fetches the selected events and shows them. byDay (counts per
  // day of the selection, from /api/stats) splits the dates into ranges of
  // about a page each, fetched two at a time: each request then reads only
  // its dates, where following one cursor through everything would read
  // the selection again for every page.
  async load(filters, byDay) {
    this.abort?.abort();
    const ctl = new AbortController();
    this.abort = ctl;
    this.cluster.clearLayers();
    this.count.textContent = 'loading…';
    const bounds = L.latLngBounds([]);
    let n = 0, placed = 0;
    const fetchRange = async extra => {
      let cursor = '';
      do {
        const f = { ...filters, ...extra };
        const page = await getJSON('/api/events?' + query(f, { fields: FIELDS, limit: PAGE, cursor }, ['bbox']), ctl.signal);
        const markers = [];
        for (const e of page.events) {
          n++;
          if (!e.latitude && !e.longitude) continue;
          placed++;
          const m = L.circleMarker([e.latitude, e.longitude], {
            radius: radius(e.fatalities),
            color: '#222', weight: 1, fillColor: typeColour(e.event_type), fillOpacity: 0.8,
          });
          m.bindTooltip(() => summary(e), { direction: 'top', sticky: false });
          m.on('click', () => this.onOpen(e.id));
          markers.push(m);
          bounds.extend(m.getLatLng());
        }
        if (ctl.signal.aborted) return;
        this.cluster.addLayers(markers);
        this.count.textContent = `${fmtInt(placed)} events on the map…`;
        cursor = page.next_cursor || '';
      } while (cursor && n < MAX_POINTS && !ctl.signal.aborted);
    };
    try {
      const ranges = dateRanges(byDay, filters.from, filters.to, PAGE * 0.9);
      for (let i = 0; i < ranges.length; i += 2) {
        await Promise.all(ranges.slice(i, i + 2).map(fetchRange));
        if (ctl.signal.aborted || n >= MAX_POINTS) break;
      }
      if (ctl.signal.aborted) return;
      this.count.textContent = `${fmtInt(placed)} events on the map` + (n - placed > 0 ? ` (${fmtInt(n - placed)} without a place)` : '');
      if (!this.fitted && bounds.isValid()) {
        this.map.fitBounds(bounds.pad(0.1), { maxZoom: 9 });
        this.fitted = true;
      }
    } catch (e) {
      if (e.name !== 'AbortError') this.count.textContent = 'map: ' + e.message;
    }
  }

  remove() {
    this.abort?.abort();
    this.map.remove();
  }
}
