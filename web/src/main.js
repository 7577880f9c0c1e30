// main.js starts the app and routes between its three views by path:
//   /              map, timeline, filters and the event list (filters in the query string)
//   /events/{id}   one event
//   /add           add reports
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { h, clear } from './dom.js';
import { renderHome } from './home.js';
import { renderEvent } from './event.js';
import { renderAdd } from './add.js';

// CSP violations are counted where tests (and curious people) can see them.
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

const app = document.getElementById('app');
let teardown = null;

function nav(path, label) {
  return h('a', { href: path, 'data-nav': '' }, label);
}

function navigate(path, replace = false) {
  if (location.pathname === '/') sessionStorage.setItem('sitrep-home-search', location.search);
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function route() {
  teardown?.();
  teardown = null;
  clear(app);
  const bar = h('header', { className: 'topbar' },
    h('a', { className: 'brand', href: '/', 'data-nav': '' }, 'sitrep'),
    h('nav', { 'aria-label': 'Main' }, nav('/', 'Events'), nav('/add', 'Add reports'), h('a', { href: '/openapi.json' }, 'API')));
  const view = h('div', { className: 'view' });
  app.append(bar, view);
  const path = location.pathname;
  const ctx = { navigate };
  let m;
  document.title = 'sitrep';
  if (path === '/' || path === '') teardown = renderHome(view, ctx);
  else if ((m = path.match(/^\/events\/([^/]+)$/))) teardown = renderEvent(view, decodeURIComponent(m[1]), ctx);
  else if (path === '/add') teardown = renderAdd(view, ctx);
  else view.append(h('h1', null, 'Not found'), h('p', null, nav('/', 'Back to the events')));
  document.body.dataset.ready = path; // tests wait for this
}

// Same-origin links marked data-nav change views without a page load.
document.addEventListener('click', e => {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const u = new URL(a.href);
  navigate(u.pathname + u.search);
});
window.addEventListener('popstate', route);
route();
