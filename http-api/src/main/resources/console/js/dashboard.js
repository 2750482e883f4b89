// Supervisors: how the desk is doing today — queue, deadlines, misses, waste, surveys by
// consultant and group, re-contact rate, contact volume by category, average handle time by
// group and consultant. Refreshes every 10 s.

import { api } from './api.js';
import { h, clear, fmtTime } from './dom.js';
import { t, label, humanText, fmtDay } from './i18n.js';
import { barChart, lineChart } from './charts.js';

export function dashboardView(section) {
  let timer = null;
  let stopped = false;
  const body = h('div#dashboard-body', h('p.muted', t('loading')));
  clear(section, h('h2', t('dash.title')), body);

  const pct = (x) => (x === null || x === undefined ? '—' : Math.round(x * 1000) / 10 + ' %');
  const kpi = (id, label, value, warn) => h(warn ? 'div.kpi.warn' : 'div.kpi', { id }, h('div.v', String(value)), h('div.l', label));

  // "6 min 52 s": read aloud as it is shown, unlike "6:52".
  const dur = (sec) => {
    if (sec === null || sec === undefined || Number.isNaN(sec)) return '—';
    const x = Math.round(sec);
    return x < 60 ? t('dur.s', { s: x }) : t('dur.min', { min: Math.floor(x / 60) }) + (x % 60 ? ' ' + t('dur.s', { s: x % 60 }) : '');
  };
  const mins = (sec) => Math.round(sec / 6) / 10;
  const groupName = (key) => label('group', key);

  // Handle time side by side (in-house vs outsourced), then per consultant. Each chart
  // has its table: the exact figures, and what a screen reader or keyboard user reads.
  function handleTimeSection(byGroup, byConsultant) {
    const chart = (id, title, rows, name) => barChart({ id, title, unit: ' ' + t('unit.min'),
      categories: rows.map((x) => `${name(x.key)} (${x.answered})`),
      series: [{ name: t('dash.average'), values: rows.map((x) => mins(x.averageSeconds)) },
        { name: t('dash.median'), values: rows.map((x) => mins(x.medianSeconds)) }] });
    const table = (id, caption, keyHeader, rows, name) => h('div.table-scroll', { role: 'region', tabindex: '0', 'aria-labelledby': id + '-caption' },
      h('table', { id },
        h('caption', { id: id + '-caption' }, caption),
        h('thead', h('tr', [keyHeader, t('dash.calls'), t('dash.average'), t('dash.median'), t('dash.p90')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', rows.map((x) => h('tr', h('th', { scope: 'row' }, name(x.key)), h('td', String(x.answered)),
          h('td', dur(x.averageSeconds)), h('td', dur(x.medianSeconds)), h('td', dur(x.p90Seconds)))))));
    const content = byGroup.length
      ? [h('div.charts',
          chart('dash-aht-group', t('dash.ahtByGroupChart'), byGroup, groupName),
          chart('dash-aht-consultant', t('dash.ahtByConsultantChart'), byConsultant, (k) => k)),
        h('div.tables',
          table('dash-aht-group-table', t('dash.ahtByGroup'), t('dash.group'), byGroup, groupName),
          table('dash-aht-consultant-table', t('dash.ahtByConsultant'), t('assign.consultant'), byConsultant, (k) => k))]
      : h('p.muted', t('dash.noAht'));
    return h('section#dash-aht', { 'aria-labelledby': 'dash-aht-h' },
      h('h3#dash-aht-h', t('dash.aht')),
      h('p.muted', t('dash.ahtHint')),
      content);
  }

  async function load() {
    try {
      const [d, depth] = await Promise.all([api.dashboard(), api.queueDepth()]);
      if (stopped) return;
      const charts = [];
      // The office day's hours on the axis; the depth only up to now — the hours to come stay empty.
      const byHour = new Map(depth.points.map((p) => [p.hour.slice(0, 2), p]));
      const hours = [...Array(24).keys()].map((x) => String(x).padStart(2, '0'));
      charts.push(lineChart({ id: 'dash-depth', title: t('dash.depthTitle'), labels: hours, peakWord: t('dash.peak'),
        series: [{ name: t('dash.depthPeak'), values: hours.map((x) => (byHour.has(x) ? byHour.get(x).peak : null)) },
          { name: t('dash.depthEnd'), values: hours.map((x) => (byHour.has(x) ? byHour.get(x).atEnd : null)) }] }));
      const byC = d.surveys.byConsultant || [];
      if (byC.length) charts.push(barChart({ id: 'dash-survey-consultant', title: t('dash.surveyByConsultant'),
        categories: byC.map((x) => `${x.key} (${x.surveys})`), series: [{ name: t('dash.average'), values: byC.map((x) => x.average) }] }));
      const byG = d.surveys.byGroup || [];
      if (byG.length) charts.push(barChart({ id: 'dash-survey-group', title: t('dash.surveyByGroup'),
        categories: byG.map((x) => `${groupName(x.key)} (${x.surveys})`), series: [{ name: t('dash.average'), values: byG.map((x) => x.average) }] }));
      const rc = d.recontact || [];
      if (rc.length) charts.push(barChart({ id: 'dash-recontact', title: t('dash.recontact'), unit: ' %',
        categories: rc.map((x) => `${groupName(x.group)} (${x.recontacted}/${x.resolved})`), series: [{ name: t('dash.recontactSeries'), values: rc.map((x) => x.rate * 100) }] }));
      const vol = d.contactVolume || [];
      if (vol.length) charts.push(barChart({ id: 'dash-volume', title: t('dash.volume'),
        categories: vol.map((x) => `${label('product', x.product)} · ${label('category', x.category)}`), series: [{ name: t('dash.contacts'), values: vol.map((x) => x.contacts) }] }));
      const states = Object.entries(d.waitingByState || {});
      if (states.length) charts.push(barChart({ id: 'dash-states', title: t('dash.byState'),
        categories: states.map(([k]) => label('callbackState', k)), series: [{ name: t('dash.callbacks'), values: states.map(([, v]) => v) }] }));
      const alerts = d.alerts || [];
      clear(body,
        h('p.muted#dash-period', t('dash.period', { day: fmtDay(d.from), now: fmtTime(d.now), zone: depth.zone })),
        alerts.length ? h('div.notice.bad#dash-alerts', { role: 'alert' },
          h('strong', t('dash.riskAlerts')),
          h('ul', alerts.map((a) => h('li', { 'data-callback-id': a.callbackId },
            t('dash.riskAlert', { id: a.callbackId, product: label('product', a.product), category: label('category', a.category),
              waited: a.waitedMinutes, after: a.alertAfterMinutes }))))) : null,
        h('div.kpis',
          kpi('kpi-depth', t('kpi.depth'), d.queueDepth),
          kpi('kpi-risk', t('kpi.risk'), d.atRisk, d.atRisk > 0),
          kpi('kpi-misses', t('kpi.misses'), d.endOfDayMisses, d.endOfDayMisses > 0),
          kpi('kpi-wasted', t('kpi.wasted'), d.wasted),
          kpi('kpi-survey', t('kpi.survey', { completed: d.surveys.completed, recorded: d.surveys.recorded }), pct(d.surveys.completionRate)),
          kpi('kpi-cancelled', t('kpi.cancelled'), d.cancelledByCaller ?? 0)),
        charts.length ? h('div.charts', charts) : h('p.muted', t('dash.noCharts')),
        handleTimeSection(d.handleTimeByGroup || [], d.handleTimeByConsultant || []));
    } catch (e) {
      if (!stopped) clear(body, h('p.notice.bad', t('dash.loadFailed', { message: humanText(e.message) })));
    }
    if (!stopped) timer = setTimeout(load, 10000);
  }
  load();
  return { stop() { stopped = true; clearTimeout(timer); } };
}
