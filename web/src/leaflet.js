// leaflet.js loads Leaflet and makes it global before the markercluster
// plugin, which extends the global L, is evaluated.
import L from 'leaflet';

window.L = L;
export default L;
