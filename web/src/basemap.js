// basemap.js draws the offline basemap: Natural Earth country outlines
// (world-atlas, served by sitrep itself under /geo/), coarse ones at low
// zoom and finer ones from zoom 4, or raster tiles when the server is
// configured with a tile URL.
import L from './leaflet.js';
import { feature } from 'topojson-client';

const cache = new Map();

function outlines(name) {
  if (!cache.has(name)) {
    cache.set(name, fetch(`/geo/${name}.json`)
      .then(r => { if (!r.ok) throw new Error(`outlines ${name}: ${r.status}`); return r.json(); })
      .then(topo => feature(topo, topo.objects.countries)));
  }
  return cache.get(name);
}

export function config() {
  const meta = document.querySelector('meta[name="sitrep-config"]');
  try {
    return JSON.parse(meta?.content || '{}');
  } catch {
    return {};
  }
}

const outlineStyle = { color: '#8a8f98', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1, interactive: false };

// createMap makes a Leaflet map in el with the basemap.
export function createMap(el, opts = {}) {
  const map = L.map(el, {
    worldCopyJump: false,
    minZoom: 2,
    maxZoom: 14,
    zoomSnap: 0.5,
    attributionControl: true,
    ...opts,
  });
  map.attributionControl.setPrefix('');
  const cfg = config();
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, { attribution: cfg.tilesAttribution || '', maxZoom: 18 }).addTo(map);
    return map;
  }
  map.attributionControl.addAttribution('Outlines: Natural Earth · Places: GeoNames (CC BY 4.0)');
  el.classList.add('offline-basemap');
  const pane = map.createPane('outlines');
  pane.classList.add('outlines-pane');
  let shown = null; // the resolution on the map
  const show = async () => {
    const want = map.getZoom() >= 4 ? 'countries-50m' : 'countries-110m';
    if (shown?.name === want) return;
    try {
      const geo = await outlines(want);
      if (!map._loaded && !map.getContainer().isConnected) return;
      const want2 = map.getZoom() >= 4 ? 'countries-50m' : 'countries-110m';
      if (want2 !== want || shown?.name === want) return;
      const layer = L.geoJSON(geo, { pane: 'outlines', style: outlineStyle });
      layer.addTo(map);
      if (shown) map.removeLayer(shown.layer);
      shown = { name: want, layer };
    } catch (e) {
      console.warn(e);
    }
  };
  map.on('zoomend', show);
  map.whenReady(show);
  return map;
}
