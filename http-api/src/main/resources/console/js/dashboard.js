// Supervisors: how the desk is doing today — queue, deadlines, misses, waste, surveys by
// consultant and group, re-contact rate, contact volume by category, average handle time by
// group and consultant. Refreshes every 10 s.

import { api } from './api.js';
import { h, clear, fmtTime } from './dom.js';
import { barChart, lineChart } from './charts.js';

export function dashboardView(section) {
  let timer = null;
  let stopped = false;
  const body = h('div#dashboard-body', h('p.muted', 'Loading…'));
  clear(section, h('h2', 'Dashboard'), body);

  const pct = (x) => (x === null || x === undefined ? '—' : Math.round(x * 1000) / 10 + ' %');
  const kpi = (id, label, value, warn) => h(warn ? 'div.kpi.warn' : 'div.kpi', { id }, h('div.v', String(value)), h('div.l', label));

  // "6 min 52 s": read aloud as it is shown, unlike "6:52".
  const dur = (sec) => {
    if (sec === null || sec === undefined || Number.isNaN(sec)) return '—';
    const t = Math.round(sec);
    return t < 60 ? `${t} s` : `${Math.floor(t / 60)} min` + (t % 60 ? ` ${t % 60} s` : '');
  };
  const mins = (sec) => Math.round(sec / 6) / 10;

  // Handle time side by side (in-house vs outsourced), then per consultant. Each chart
  // has its table: the exact figures, and what a screen reader or keyboard user reads.
  function handleTimeSection(byGroup, byConsultant) {
    const chart = (id, title, rows) => barChart({ id, title, unit: ' min',
      categories: rows.map((x) => `${x.key} (${x.answered})`),
      series: [{ name: 'average', values: rows.map((x) => mins(x.averageSeconds)) },
        { name: 'median', values: rows.map((x) => mins(x.medianSeconds)) }] });
    const table = (id, caption, keyHeader, rows) => h('div.table-scroll', { role: 'region', tabindex: '0', 'aria-labelledby': id + '-caption' },
      h('table', { id },
        h('caption', { id: id + '-caption' }, caption),
        h('thead', h('tr', [keyHeader, 'calls', 'average', 'median', '90th percentile'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', rows.map((x) => h('tr', h('th', { scope: 'row' }, x.key), h('td', String(x.answered)),
          h('td', dur(x.averageSeconds)), h('td', dur(x.medianSeconds)), h('td', dur(x.p90Seconds)))))));
    const content = byGroup.length
      ? [h('div.charts',
          chart('dash-aht-group', 'Average handle time by group: in-house vs outsourced (min)', byGroup),
          chart('dash-aht-consultant', 'Average handle time by consultant (min)', byConsultant)),
        h('div.tables',
          table('dash-aht-group-table', 'Average handle time by group', 'group', byGroup),
          table('dash-aht-consultant-table', 'Average handle time by consultant', 'consultant', byConsultant))]
      : h('p.muted', 'No answered call ended in this period yet.');
    return h('section#dash-aht', { 'aria-labelledby': 'dash-aht-h' },
      h('h3#dash-aht-h', 'Average handle time'),
      h('p.muted', 'Talk plus after-call work: from the caller answering to the consultant recording the outcome; answered calls that ended in the period (in brackets: how many).'),
      content);
  }

  async function load() {
    try {
      const [d, depth] = await Promise.all([api.dashboard(), api.queueDepth()]);
      if (stopped) return;
      const charts = [];
      charts.push(lineChart({ id: 'dash-depth', title: `Queue depth over the day (by hour, ${depth.zone})`, labels: depth.points.map((p) => p.hour.slice(0, 2)),
        series: [{ name: 'peak in the hour', values: depth.points.map((p) => p.peak) },
          { name: 'at the end of the hour', values: depth.points.map((p) => p.atEnd) }] }));
      const byC = d.surveys.byConsultant || [];
      if (byC.length) charts.push(barChart({ id: 'dash-survey-consultant', title: 'Survey score by consultant (average, 1–5)',
        categories: byC.map((x) => `${x.key} (${x.surveys})`), series: [{ name: 'average', values: byC.map((x) => x.average) }] }));
      const byG = d.surveys.byGroup || [];
      if (byG.length) charts.push(barChart({ id: 'dash-survey-group', title: 'Survey score by group: in-house vs outsourced',
        categories: byG.map((x) => `${x.key} (${x.surveys})`), series: [{ name: 'average', values: byG.map((x) => x.average) }] }));
      const rc = d.recontact || [];
      if (rc.length) charts.push(barChart({ id: 'dash-recontact', title: 'Re-contact rate by group (%)', unit: ' %',
        categories: rc.map((x) => `${x.group} (${x.recontacted}/${x.resolved})`), series: [{ name: 're-contact', values: rc.map((x) => x.rate * 100) }] }));
      const vol = d.contactVolume || [];
      if (vol.length) charts.push(barChart({ id: 'dash-volume', title: 'Contact volume by category',
        categories: vol.map((x) => `${x.product}/${x.category}`), series: [{ name: 'contacts', values: vol.map((x) => x.contacts) }] }));
      const states = Object.entries(d.waitingByState || {});
      if (states.length) charts.push(barChart({ id: 'dash-states', title: 'Open callbacks by state',
        categories: states.map(([k]) => k.toLowerCase()), series: [{ name: 'callbacks', values: states.map(([, v]) => v) }] }));
      const alerts = d.alerts || [];
      clear(body,
        h('p.muted', `${fmtTime(d.from)} – ${fmtTime(d.to)}, as of ${fmtTime(d.now)}`),
        alerts.length ? h('div.notice.bad#dash-alerts', { role: 'alert' },
          h('strong', 'Reputational risk waiting for a supervisor: '),
          h('ul', alerts.map((a) => h('li', { 'data-callback-id': a.callbackId },
            `Callback #${a.callbackId} (${a.product} / ${a.category}) has waited ${a.waitedMinutes} min in the queue`
            + ` (alert after ${a.alertAfterMinutes} min). Take it from the queue or assign it under “Held & waiting”.`)))) : null,
        h('div.kpis',
          kpi('kpi-depth', 'waiting in the queue', d.queueDepth),
          kpi('kpi-risk', 'at risk of missing end of day', d.atRisk, d.atRisk > 0),
          kpi('kpi-misses', 'end-of-day misses', d.endOfDayMisses, d.endOfDayMisses > 0),
          kpi('kpi-wasted', 'wasted callbacks', d.wasted),
          kpi('kpi-survey', `survey completion (${d.surveys.completed}/${d.surveys.recorded})`, pct(d.surveys.completionRate)),
          kpi('kpi-cancelled', 'cancelled by the caller (solved it)', d.cancelledByCaller ?? 0)),
        charts.length ? h('div.charts', charts) : h('p.muted', 'No surveys, contacts or re-contacts yet today.'),
        handleTimeSection(d.handleTimeByGroup || [], d.handleTimeByConsultant || []));
    } catch (e) {
      if (!stopped) clear(body, h('p.notice.bad', 'Could not load the dashboard: ' + e.message));
    }
    if (!stopped) timer = setTimeout(load, 10000);
  }
  load();
  return { stop() { stopped = true; clearTimeout(timer); } };
}
