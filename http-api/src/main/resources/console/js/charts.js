// Charts as inline SVG, drawn here (no library, no CDN). Each chart is a <figure> with a caption,
// an SVG with role="img" and an aria-label, and the numbers also in a visually plain legend.

import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
export const COLORS = ['#7a8799', '#1f5fbf', '#c0561b', '#2e8540', '#8e44ad', '#b8860b'];

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString();
  return (Math.round(v * 100) / 100).toLocaleString();
}

/** About how wide `text` is at the charts' 11 px (CJK characters count double). */
export function textWidth(text) {
  let w = 0;
  for (const ch of String(text)) w += /[\u2e80-\uffff]/.test(ch) ? 11 : 6.2;
  return w;
}

function legend(series) {
  if (series.length < 2) return null;
  return h('div.legend', series.map((x, i) => h('span', { style: `--c:${x.color || COLORS[i % COLORS.length]}` }, x.name)));
}

/**
 * Grouped bars: categories along x, one bar per series in each group.
 * {title, categories: [..], series: [{name, values: [..], color?}], unit?, id?}
 */
export function barChart({ title, categories, series, unit = '', id }) {
  const W = Math.max(420, categories.length * (24 * series.length + 28) + 60);
  const left = 48, top = 14, plotW = W - left - 10;
  const groupW0 = plotW / Math.max(1, categories.length);
  // Category names never print over each other: straight when they fit their slot, else turned
  // upright (cut at 24 characters; the full name is in its tooltip, the bars' and the aria-label).
  const cut = (c) => (String(c).length > 24 ? String(c).slice(0, 23) + '…' : String(c));
  const longest = Math.max(0, ...categories.map((c) => textWidth(cut(c))));
  const slanted = longest > groupW0 - 6;
  const bottom = slanted ? 16 + longest : 30;
  const H = 200 + bottom;
  const plotH = H - bottom - top;
  const max = niceMax(Math.max(0, ...series.flatMap((x) => x.values.filter((v) => v !== null && !Number.isNaN(v)))));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'data-chart': 'bar',
    'aria-label': `${title}: ` + categories.map((c, i) => `${c} ` + series.map((x) => `${x.name} ${fmt(x.values[i])}${unit}`).join(', ')).join('; ') });
  svg.append(s('title', {}, title));
  for (let t = 0; t <= 4; t++) {
    const y = top + plotH - (plotH * t) / 4;
    svg.append(s('line', { x1: left, x2: W - 10, y1: y, y2: y, stroke: '#e3e6ea' }));
    svg.append(s('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' }, fmt((max * t) / 4)));
  }
  const groupW = groupW0;
  const barW = Math.min(28, (groupW - 10) / series.length);
  categories.forEach((c, i) => {
    const gx = left + i * groupW + (groupW - barW * series.length) / 2;
    series.forEach((x, j) => {
      const v = x.values[i];
      const bh = v > 0 ? (plotH * v) / max : 0;
      const bar = s('rect', { x: gx + j * barW, y: top + plotH - bh, width: barW - 2, height: bh,
        fill: x.color || COLORS[j % COLORS.length], 'data-series': x.name, 'data-value': v ?? '' });
      bar.append(s('title', {}, `${c} — ${x.name}: ${fmt(v)}${unit}`));
      svg.append(bar);
    });
    const cx = left + i * groupW + groupW / 2;
    if (slanted) {
      const y = top + plotH + 8;
      svg.append(s('text', { x: cx + 4, y, 'text-anchor': 'end', transform: `rotate(-90 ${cx + 4} ${y})`, 'data-label': c },
        s('title', {}, String(c)), cut(c)));
    } else {
      svg.append(s('text', { x: cx, y: top + plotH + 16, 'text-anchor': 'middle', 'data-label': c }, String(c)));
    }
  });
  svg.append(s('line', { x1: left, x2: W - 10, y1: top + plotH, y2: top + plotH, stroke: '#888' }));
  return h('figure.chart', { id }, h('figcaption', title), legend(series), svg);
}

/**
 * Lines over x labels (e.g. hours of the day). {title, labels: [..], series: [{name, values}], unit?, id?}
 */
export function lineChart({ title, labels, series, unit = '', id, peakWord = 'peak' }) {
  const W = 460, H = 230, left = 44, bottom = 30, top = 12, plotW = W - left - 12, plotH = H - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((x) => x.values.filter((v) => v !== null && !Number.isNaN(v)))));
  const n = Math.max(1, labels.length - 1);
  const X = (i) => left + (plotW * i) / n, Y = (v) => top + plotH - (plotH * (v || 0)) / max;
  const known = (v) => v !== null && v !== undefined && !Number.isNaN(v);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'data-chart': 'line',
    'aria-label': `${title}: ` + series.map((x) => `${x.name} ${peakWord} ${fmt(Math.max(0, ...x.values.filter(known)))}${unit}`).join('; ') });
  svg.append(s('title', {}, title));
  for (let t = 0; t <= 4; t++) {
    const y = top + plotH - (plotH * t) / 4;
    svg.append(s('line', { x1: left, x2: W - 12, y1: y, y2: y, stroke: '#e3e6ea' }));
    svg.append(s('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' }, fmt((max * t) / 4)));
  }
  // Every label gets room for itself: thin them out until the widest fits its slot.
  const widest = Math.max(1, ...labels.map((l) => textWidth(String(l))));
  const step = Math.max(1, Math.ceil((widest + 8) / (plotW / Math.max(1, labels.length))));
  labels.forEach((l, i) => {
    if (i % step === 0) svg.append(s('text', { x: X(i), y: H - bottom + 14, 'text-anchor': 'middle', 'data-label': l }, l));
  });
  series.forEach((x, j) => {
    const color = x.color || COLORS[j % COLORS.length];
    // A missing value (an hour still to come) ends the line there: nothing is drawn for it.
    let pen = false;
    const d = x.values.map((v, i) => {
      if (!known(v)) { pen = false; return ''; }
      const cmd = pen ? 'L' : 'M';
      pen = true;
      return `${cmd}${X(i).toFixed(1)},${Y(v).toFixed(1)}`;
    }).filter(Boolean).join(' ');
    svg.append(s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, 'data-series': x.name }));
  });
  svg.append(s('line', { x1: left, x2: W - 12, y1: top + plotH, y2: top + plotH, stroke: '#888' }));
  return h('figure.chart', { id }, h('figcaption', title), legend(series), svg);
}
