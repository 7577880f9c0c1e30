// dom.js builds the DOM from data safely: text always goes in through
// text nodes (textContent), never through innerHTML, because article text
// and everything derived from it carries HTML and scripts.

// h creates an element. attrs holds properties and attributes: className,
// on<Event> handlers, dataset entries under "data-*", and plain attributes;
// children are nodes, strings (as text), numbers, arrays, or null/false
// (skipped).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'className') el.className = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
      else if (k === 'style' || k === 'innerHTML' || k === 'outerHTML') throw new Error(`h: ${k} is not allowed`);
      else if (k === 'href') el.setAttribute('href', safeHref(v));
      else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// safeHref keeps same-origin paths, fragments and http(s) URLs; anything
// else (javascript:, data:, vbscript:) becomes "#".
export function safeHref(u) {
  const s = String(u ?? '').trim();
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  if (s.startsWith('#') || s.startsWith('?')) return s;
  try {
    const url = new URL(s);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch { /* not a URL */ }
  return '#';
}

// clear removes every child of el.
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// externalLink opens an outside page without giving it our window or
// telling it where the reader came from.
export function externalLink(url, label) {
  const href = safeHref(url);
  if (href === '#') return document.createTextNode(label || String(url ?? ''));
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer external' }, label || href);
}

export function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

export function fmtInt(n) {
  return n == null ? '–' : Number(n).toLocaleString('en');
}
