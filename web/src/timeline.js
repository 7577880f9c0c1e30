// timeline.js is the histogram of events and fatalities per day. Dragging
// across it (brushing) sets the date range; the other filters apply.
import uPlot from 'uplot';
import { h, fmtInt } from './dom.js';

const DAY = 86400;

function dayToSec(d) {
  return Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 1000;
}

function secToDay(s) {
  return new Date(s * 1000).toISOString().slice(0, 10);
}

// fill returns per-day series from by_day counts, with the missing days
// as zeros, so that bars line up with the calendar.
export function fill(byDay) {
  const days = byDay.filter(c => /^\d{4}-\d\d-\d\d$/.test(c.key));
  if (!days.length) return [[], [], []];
  const first = dayToSec(days[0].key), last = dayToSec(days[days.length - 1].key);
  const n = Math.round((last - first) / DAY) + 1;
  const xs = new Array(n), ev = new Array(n).fill(0), fat = new Array(n).fill(0);
  for (let i = 0; i < n; i++) xs[i] = first + i * DAY;
  for (const c of days) {
    const i = Math.round((dayToSec(c.key) - first) / DAY);
    ev[i] = c.events;
    fat[i] = c.fatalities;
  }
  return [xs, ev, fat];
}

export class Timeline {
  constructor(el, { onRange }) {
    this.el = el;
    this.onRange = onRange;
    this.plotEl = h('div', { className: 'plot' });
    this.caption = h('p', { className: 'timeline-caption' }, '');
    this.clearBtn = h('button', { type: 'button', className: 'link', onclick: () => this.onRange('', '') }, 'Clear dates');
    el.append(h('div', { className: 'timeline-head' },
      h('h2', null, 'Events and fatalities per day'), this.caption, this.clearBtn), this.plotEl);
    this.plot = null;
    this.range = ['', ''];
    this.resize = () => this.plot?.setSize(this.size());
    window.addEventListener('resize', this.resize);
  }

  size() {
    return { width: Math.max(300, this.plotEl.clientWidth || this.el.clientWidth || 600), height: 150 };
  }

  // show draws the days of stats (by_day) and marks the range [from, to].
  show(byDay, from, to) {
    const data = fill(byDay);
    this.range = [from || '', to || ''];
    this.clearBtn.hidden = !from && !to;
    const total = data[1].reduce((a, b) => a + b, 0), fat = data[2].reduce((a, b) => a + b, 0);
    this.caption.textContent = data[0].length
      ? `${fmtInt(total)} events, ${fmtInt(fat)} fatalities, ${secToDay(data[0][0])} to ${secToDay(data[0][data[0].length - 1])}. Drag across the chart to pick dates.`
      : 'No dated events.';
    if (this.plot) { this.plot.destroy(); this.plot = null; }
    if (!data[0].length) return;
    const opts = {
      ...this.size(),
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true },
      legend: { show: true, live: true },
      scales: { x: { time: true }, ev: { auto: true, range: (u, lo, hi) => [0, Math.max(1, hi)] }, fat: { auto: true, range: (u, lo, hi) => [0, Math.max(1, hi)] } },
      axes: [
        {},
        { scale: 'ev', label: 'events', size: 50 },
        { scale: 'fat', side: 1, label: 'fatalities', size: 50, grid: { show: false } },
      ],
      series: [
        { value: (u, v) => v == null ? '' : secToDay(v) },
        { label: 'Events', scale: 'ev', fill: 'rgba(31,119,180,0.55)', stroke: '#1f77b4', paths: uPlot.paths.bars({ size: [0.9, 30] }), points: { show: false } },
        { label: 'Fatalities', scale: 'fat', stroke: '#d62728', width: 1, points: { show: false } },
      ],
      hooks: {
        setSelect: [u => {
          if (u.select.width < 2) return;
          const a = u.posToVal(u.select.left, 'x'), b = u.posToVal(u.select.left + u.select.width, 'x');
          this.onRange(secToDay(Math.floor(a / DAY) * DAY), secToDay(Math.floor(b / DAY) * DAY));
        }],
        ready: [u => this.markRange(u)],
      },
    };
    this.plot = new uPlot(opts, data, this.plotEl);
  }

  markRange(u) {
    const [from, to] = this.range;
    if (!from && !to) return;
    const xs = u.data[0];
    const a = from ? dayToSec(from) : xs[0], b = (to ? dayToSec(to) : xs[xs.length - 1]) + DAY;
    const left = u.valToPos(a, 'x'), right = u.valToPos(b, 'x');
    u.setSelect({ left, width: Math.max(2, right - left), top: 0, height: u.bbox.height / devicePixelRatio }, false);
  }

  remove() {
    window.removeEventListener('resize', this.resize);
    this.plot?.destroy();
  }
}
