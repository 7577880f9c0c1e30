// eventsmap.js is the home page's map: every selected event as a circle,
// clustered at low zoom, coloured by event type and sized by fatalities.
// Hovering shows a summary; clicking opens the event.
import L from './leaflet.js';
import 'leaflet.markercluster';
import { createMap } from './basemap.js';
import { getJSON } from './api.js';
import { h, fmtInt } from './dom.js';
import { EVENT_TYPES, query, typeColour } from './state.js';

// MAX_POINTS bounds the markers drawn: beyond it the map is unreadable
// and the browser slow.
const MAX_POINTS = 50000;

// rows turns the columnar body of /api/points into one object per point.
export function rows(body) {
  const cols = body.columns || [];
  return (body.rows || []).map(r => {
    const o = {};
    cols.forEach((c, i) => { o[c] = r[i]; });
    return o;
  });
}

export function radius(fatalities) {
  return 5 + Math.min(14, 2.2 * Math.sqrt(Math.max(0, fatalities || 0)));
}

function summary(e) {
  return h('div', { className: 'tip' },
    h('strong', null, e.event_type || 'Event'),
    e.sub_event_type ? h('span', null, ' · ', e.sub_event_type) : null,
    h('br'),
    [e.event_date, [e.admin1, e.iso3].filter(Boolean).join(', ')].filter(Boolean).join(' — '),
    h('br'),
    `Fatalities: ${fmtInt(e.fatalities)}`, e.grade ? ` · ${e.grade}` : '',
    h('br'),
    h('em', null, 'Click for actors and sources'));
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

  // load fetches the points of the selected events in one request
  // (/api/points reads only indexed columns) and shows them.
  async load(filters) {
    this.abort?.abort();
    const ctl = new AbortController();
    this.abort = ctl;
    this.cluster.clearLayers();
    this.count.textContent = 'loading…';
    const bounds = L.latLngBounds([]);
    try {
      const body = await getJSON('/api/points?' + query(filters, { limit: MAX_POINTS }, ['bbox']), ctl.signal);
      if (ctl.signal.aborted) return;
      const points = rows(body);
      const markers = [];
      for (const e of points) {
        if (!e.latitude && !e.longitude) continue;
        const m = L.circleMarker([e.latitude, e.longitude], {
          radius: radius(e.fatalities),
          color: '#222', weight: 1, fillColor: typeColour(e.event_type), fillOpacity: 0.8,
        });
        m.bindTooltip(() => summary(e), { direction: 'top', sticky: false });
        m.on('click', () => this.onOpen(e.id));
        markers.push(m);
        bounds.extend(m.getLatLng());
      }
      this.cluster.addLayers(markers);
      const unplaced = points.length - markers.length;
      this.count.textContent = `${fmtInt(markers.length)} events on the map` + (unplaced > 0 ? ` (${fmtInt(unplaced)} without a place)` : '');
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
