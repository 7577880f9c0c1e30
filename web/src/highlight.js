// highlight.js renders a report's cleaned text with its evidence spans
// marked and labelled by the field they support. Spans are Unicode code
// point offsets (as the API publishes them), so the text is cut with
// Array.from, never by UTF-16 index: an emoji or a letter outside the
// Basic Multilingual Plane counts once.
import { h } from './dom.js';

// fieldClass groups fields for colour: what happened, who, where, when,
// how many.
export function fieldClass(field) {
  if (field.startsWith('claims[') || field.startsWith('fatalities')) return 'f-figure';
  if (field.startsWith('actor') || field.startsWith('assoc_actor') || field.startsWith('inter')) return 'f-actor';
  if (['location', 'admin1', 'admin2', 'country', 'latitude', 'longitude', 'geo_precision'].includes(field)) return 'f-place';
  if (field.startsWith('event_date') || field.startsWith('date') || field.startsWith('time')) return 'f-date';
  return 'f-type';
}

// segments cuts text into pieces at every span boundary. Each piece lists
// the spans covering it (indexes into spans).
export function segments(text, spans) {
  const cps = Array.from(text);
  const n = cps.length;
  const cuts = new Set([0, n]);
  const ok = spans.filter(s => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0);
  for (const s of ok) {
    cuts.add(Math.min(s.start, n));
    cuts.add(Math.min(s.end, n));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    if (a === b) continue;
    const cover = [];
    ok.forEach((s, j) => { if (s.start <= a && s.end >= b) cover.push(j); });
    out.push({ start: a, end: b, text: cps.slice(a, b).join(''), cover });
  }
  return out;
}

// renderText returns a <div> of text with spans marked. Each span's label
// (its field names) is shown where it starts; primary(span) tells the
// spans of the event at hand from those of other events in the report.
export function renderText(text, spans, { primary = () => true } = {}) {
  const div = h('div', { className: 'report-text' });
  const started = new Set();
  for (const seg of segments(text, spans)) {
    if (!seg.cover.length) {
      div.append(seg.text);
      continue;
    }
    const cover = seg.cover.map(j => spans[j]);
    const fields = [...new Set(cover.map(s => s.field))];
    const main = cover.some(s => primary(s));
    const mark = h('mark', {
      className: ['span', fieldClass(fields[0]), main ? '' : 'other-event'].join(' ').trim(),
      title: fields.join(', ') + (main ? '' : ' (another event of this report)'),
      'data-fields': fields.join(' '),
    });
    const fresh = seg.cover.filter(j => !started.has(j));
    if (fresh.length) {
      fresh.forEach(j => started.add(j));
      const labels = [...new Set(fresh.map(j => spans[j].field))];
      // Shown by CSS (::before), so that the labels stay out of the text
      // a reader selects and copies.
      mark.dataset.label = labels.join(' · ');
    }
    mark.append(seg.text);
    div.append(mark);
  }
  return div;
}
