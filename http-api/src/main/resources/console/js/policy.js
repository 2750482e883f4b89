// Supervisors: the retry policy editor (every field explained, validated by the server as you
// type, diff against the live version, save with a reason), its history, and "try it first":
// the what-if simulator on a chosen scenario, live vs proposed, side by side with charts.

import { api } from './api.js';
import { h, clear, field, setError, fmtDateTime, debounce } from './dom.js';
import { barChart, lineChart, COLORS } from './charts.js';
import { t, humanText } from './i18n.js';

// docs/POLICY.md, field by field: label and hint of each are the strings pf.<field> and pfh.<field>.
const FIELD_NAMES = ['firstAttemptDelay.NORMAL', 'firstAttemptDelay.URGENT', 'minimumGap', 'endOfDayLead', 'outcomes.NO_ANSWER',
  'outcomes.BUSY', 'outcomes.CONGESTION', 'outcomes.LEFT_FOR_THE_DAY', 'outcomes.CALL_BACK_AT', 'rotation.dailyShift', 'maxAttempts',
  'expiry.businessDays', 'reputationalRiskAlertAfter'];
const FIELDS = FIELD_NAMES.map((f) => [f, t('pf.' + f), t('pfh.' + f)]);
const RULES = { retryAfter: t('rule.retryAfter'), nextBusinessMorning: t('rule.nextBusinessMorning'), atCallerTime: t('rule.atCallerTime') };

/** A policy field's name as people read it ("After busy"), for diffs and history. */
function fieldName(f) {
  const known = FIELD_NAMES.find((x) => f === x || f.startsWith(x + '.'));
  return known ? t('pf.' + known) : f;
}

/** A policy value as people read it: "retryAfter 15m" → "Retry after… 15m", "nextBusinessMorning" → its label. */
function valueText(v) {
  if (v === null || v === undefined) return '—';
  const str = String(v);
  const m = /^(retryAfter|nextBusinessMorning|atCallerTime)\b\s*(.*)$/.exec(str);
  return m ? (RULES[m[1]] + (m[2] ? ' ' + m[2] : '')) : str;
}

const domId = (f) => 'pol-' + f.replaceAll('.', '-');

export function policyView(section) {
  let live = null;
  const form = h('form#policy-form', { novalidate: true });
  const grid = h('div.policy-grid');
  const diffBox = h('div#policy-diff', { 'aria-live': 'polite' });
  const reason = h('textarea', { rows: 2 });
  const saveMsg = h('div#policy-save-message', { role: 'status' });
  const saveBtn = h('button#policy-save', { type: 'submit' }, t('pol.save'));
  const liveInfo = h('p#policy-live.muted');
  const historyBox = h('div#policy-history');
  const whatIfBox = h('div');

  form.append(liveInfo, grid,
    h('h3', t('pol.changes')), diffBox,
    field('policy-reason', t('pol.reason'), reason, t('pol.reasonHint')),
    saveMsg, h('div.row', saveBtn, h('button.secondary#policy-reset', { type: 'button', onclick: () => fill(live) }, t('pol.discard'))));

  clear(section, h('h2', t('pol.title')),
    h('div.card', form),
    h('div.card', h('h3', t('wi.title')), whatIfBox),
    h('div.card', h('h3', t('held.history')), historyBox));

  // One control per field; outcomes get a rule choice plus a delay.
  for (const [f, label, hint] of FIELDS) {
    if (f.startsWith('outcomes.')) {
      const kind = h('select', {}, Object.entries(RULES).map(([v, t]) => h('option', { value: v }, t)));
      const after = h('input', { size: 8, 'aria-label': t('pol.delayOf', { field: label }), id: domId(f) + '-after' });
      kind.addEventListener('change', () => { after.disabled = kind.value !== 'retryAfter'; });
      const wrap = field(domId(f), label, kind, hint);
      wrap.insertBefore(after, wrap.querySelector('.hint'));
      grid.append(wrap);
    } else {
      grid.append(field(domId(f), label, h('input', { inputmode: f === 'maxAttempts' || f.startsWith('expiry') ? 'numeric' : 'text' }),
        hint + (f === 'maxAttempts' || f.startsWith('expiry') ? '' : ' ' + t('pol.durationHint'))));
    }
  }

  function fill(p) {
    if (!p) return;
    for (const [f] of FIELDS) {
      const v = p.fields[f] || '';
      if (f.startsWith('outcomes.')) {
        const kind = document.getElementById(domId(f));
        const after = document.getElementById(domId(f) + '-after');
        const m = /^retryAfter\s+(.*)$/.exec(v);
        kind.value = m ? 'retryAfter' : (v || 'nextBusinessMorning');
        after.value = m ? m[1] : '';
        after.disabled = !m;
      } else {
        document.getElementById(domId(f)).value = v;
      }
    }
    liveInfo.textContent = t('pol.live', { version: p.version, who: p.changedBy, when: fmtDateTime(p.changedAt), reason: p.reason });
    check();
  }

  /** The form as the policy structure of docs/POLICY.md. */
  function proposed() {
    const v = (f) => document.getElementById(domId(f)).value.trim();
    const num = (f) => (/^\d+$/.test(v(f)) ? Number(v(f)) : v(f));
    const outcomes = {};
    for (const [f] of FIELDS.filter(([x]) => x.startsWith('outcomes.'))) {
      const kind = v(f);
      outcomes[f.slice('outcomes.'.length)] = kind === 'retryAfter' ? { retryAfter: document.getElementById(domId(f) + '-after').value.trim() } : kind;
    }
    return {
      firstAttemptDelay: { NORMAL: v('firstAttemptDelay.NORMAL'), URGENT: v('firstAttemptDelay.URGENT') },
      minimumGap: v('minimumGap'), endOfDayLead: v('endOfDayLead'), outcomes,
      rotation: { dailyShift: v('rotation.dailyShift') }, maxAttempts: num('maxAttempts'),
      expiry: { businessDays: num('expiry.businessDays') },
      reputationalRiskAlertAfter: v('reputationalRiskAlertAfter'),
    };
  }

  function fieldOf(errorField) {
    // "outcomes.NO_ANSWER.retryAfter" → the control of "outcomes.NO_ANSWER"; "proposed.x" from the what-if.
    const f = errorField.replace(/^proposed\./, '');
    const match = FIELDS.map(([x]) => x).filter((x) => f === x || f.startsWith(x + '.')).sort((a, b) => b.length - a.length)[0];
    if (!match) return null;
    return f.endsWith('.retryAfter') ? domId(match) + '-after' : domId(match);
  }

  function showErrors(errors) {
    for (const [f] of FIELDS) { setError(domId(f), ''); const a = document.getElementById(domId(f) + '-after'); if (a) a.removeAttribute('aria-invalid'); }
    const general = [];
    for (const e of errors || []) {
      const id = fieldOf(e.field || '');
      if (id && id.endsWith('-after')) {
        document.getElementById(id).setAttribute('aria-invalid', 'true');
        const base = id.slice(0, -'-after'.length);
        const err = document.getElementById(base + '-error');
        err.textContent = (err.textContent ? err.textContent + ' ' : '') + `${e.field}: ${e.rule}`;
      } else if (id) {
        const err = document.getElementById(id + '-error');
        setError(id, (err.textContent ? err.textContent + ' ' : '') + `${e.field}: ${e.rule}`);
      } else {
        general.push(`${e.field}: ${e.rule}`);
      }
    }
    return general;
  }

  function renderDiff(changes) {
    if (!changes || !changes.length) { clear(diffBox, h('p.muted#policy-no-changes', t('pol.noChanges'))); return; }
    clear(diffBox, h('table#policy-diff-table', h('thead', h('tr', h('th', { scope: 'col' }, t('pol.field')), h('th', { scope: 'col' }, t('pol.liveCol')), h('th', { scope: 'col' }, t('pol.proposed')))),
      h('tbody', changes.map((c) => h('tr', { 'data-field': c.field }, h('td', fieldName(c.field)), h('td.diff-before', valueText(c.before)), h('td.diff-after', valueText(c.after)))))));
  }

  let checkSeq = 0;
  async function check() {
    const seq = ++checkSeq;
    try {
      const r = await api.validatePolicy(proposed());
      if (seq !== checkSeq) return;
      const general = showErrors(r.valid ? [] : r.errors);
      if (r.valid) renderDiff(r.changes);
      else clear(diffBox, h('p.notice.bad', t('pol.fixFirst'), general.length ? ' ' + general.join('; ') : ''));
    } catch (e) {
      if (seq === checkSeq) clear(diffBox, h('p.notice.bad', t('pol.checkFailed', { message: humanText(e.message) })));
    }
  }
  const checkSoon = debounce(check, 250);
  grid.addEventListener('input', checkSoon);
  grid.addEventListener('change', checkSoon);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setError('policy-reason', '');
    clear(saveMsg);
    if (!reason.value.trim()) { setError('policy-reason', t('pol.needReason')); reason.focus(); return; }
    try {
      const saved = await api.savePolicy(proposed(), live.version, reason.value.trim());
      clear(saveMsg, h('p.notice.ok#policy-saved', t('pol.saved', { version: saved.version })));
      reason.value = '';
      live = saved;
      fill(live);
      loadHistory();
    } catch (e) {
      if (e.errors) showErrors(e.errors);
      else if (e.field === 'reason') setError('policy-reason', humanText(e.message));
      clear(saveMsg, h('p.notice.bad#policy-save-error', e.status === 409 ? t('pol.conflict') + ' ' + humanText(e.message) : humanText(e.message)));
    }
  });

  async function loadHistory() {
    try {
      const r = await api.policyHistory();
      clear(historyBox, h('table#policy-history-table',
        h('thead', h('tr', [t('audit.version'), t('audit.when'), t('audit.who'), t('pol.reasonCol'), t('audit.changes')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', r.versions.map((v) => h('tr', h('td', 'v' + v.version), h('td.nowrap', fmtDateTime(v.changedAt)), h('td', v.changedBy), h('td', v.reason),
          h('td', (v.changes || []).length ? h('ul', v.changes.map((c) => h('li', `${fieldName(c.field)}: ${valueText(c.before)} → ${valueText(c.after)}`)))
            : h('pre.wrap', humanText(v.diff || ''))))))));
    } catch (e) { clear(historyBox, h('p.notice.bad', humanText(e.message))); }
  }

  buildWhatIf(whatIfBox, proposed, showErrors);

  (async () => {
    try { live = await api.policy(); fill(live); } catch (e) { clear(diffBox, h('p.notice.bad', humanText(e.message))); }
    loadHistory();
  })();
  return null;
}

function buildWhatIf(box, proposed, showErrors) {
  const scenario = h('select');
  const days = h('input', { type: 'number', min: 1, max: 31, value: 5 });
  const reps = h('input', { type: 'number', min: 1, max: 10, value: 3 });
  const run = h('button#whatif-run', { type: 'submit' }, t('wi.run'));
  const status = h('div#whatif-status', { role: 'status', 'aria-live': 'polite' });
  const result = h('div#whatif-result');
  const form = h('form#whatif-form', { novalidate: true },
    h('p.hint', t('wi.hint')),
    h('div.row', field('whatif-scenario', t('wi.scenario'), scenario),
      field('whatif-days', t('wi.days'), days, t('wi.daysHint')), field('whatif-replications', t('wi.replications'), reps, t('wi.replicationsHint'))),
    run, status);
  clear(box, form, result);

  api.scenarios().then((list) => {
    clear(scenario, list.map((s) => h('option', { value: s.id }, `${s.name} (${s.id})`)));
  }).catch((e) => { status.textContent = t('wi.noScenarios', { message: humanText(e.message) }); });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of ['whatif-scenario', 'whatif-days', 'whatif-replications']) setError(f, '');
    clear(result);
    status.className = '';
    status.textContent = t('wi.running');
    run.disabled = true;
    try {
      const r = await api.whatIf({ scenario: scenario.value, proposed: proposed(), days: Number(days.value), replications: Number(reps.value) });
      status.textContent = t('wi.done', { s: r.wallSeconds.toFixed(1), name: r.report.scenario.name, days: r.report.scenario.days, reps: r.report.scenario.replications });
      renderComparison(result, r);
    } catch (e) {
      status.className = 'notice bad';
      status.textContent = humanText(e.message);
      for (const x of e.errors || []) {
        const id = { scenario: 'whatif-scenario', days: 'whatif-days', replications: 'whatif-replications' }[x.field];
        if (id) setError(id, `${x.field}: ${x.rule}`);
      }
      if (e.errors) showErrors(e.errors.filter((x) => x.field.startsWith('proposed.')));
    } finally { run.disabled = false; }
  });
}

const KEY_METRICS = ['endOfDayMisses', 'wastedCallbacks', 'dialsAfterLeft', 'timeToFirstContactMeanMin', 'attemptsPerContact',
  'dials', 'contactRate', 'occupancy', 'expired', 'unreachable'];

/** A metric's name in the console's language (the simulator's own English name otherwise). */
function metricName(r, k) {
  const key = 'metric.' + k;
  const s = t(key);
  return s === key ? (r.metricLabels[k] || k) : s;
}

function renderComparison(box, r) {
  const [cur, prop] = r.report.policies;
  const curName = String(cur.name).replace(/^current\b/, t('wi.current'));
  const fmt = (e) => (e && e.mean !== null && e.mean !== undefined ? (Math.round(e.mean * 10) / 10).toLocaleString() + (e.halfWidth ? ` ± ${(Math.round(e.halfWidth * 10) / 10).toLocaleString()}` : '') : '—');
  const table = h('table#whatif-table', h('caption.muted', t('wi.caption')),
    h('thead', h('tr', h('th', { scope: 'col' }, t('wi.metric')), h('th', { scope: 'col' }, curName), h('th', { scope: 'col' }, t('pol.proposed')), h('th', { scope: 'col' }, t('wi.difference')))),
    h('tbody', KEY_METRICS.map((k) => h('tr', h('th', { scope: 'row' }, metricName(r, k)),
      h('td', fmt(cur.metrics[k])), h('td', fmt(prop.metrics[k])), h('td', fmt(prop.differenceToFirst[k]))))));
  const series = [{ name: curName, color: COLORS[0] }, { name: t('pol.proposed'), color: COLORS[1] }];
  const both = (keys) => series.map((x, i) => ({ ...x, values: keys.map((k) => ([cur, prop][i].metrics[k] || {}).mean) }));
  const counts = ['endOfDayMisses', 'wastedCallbacks', 'dialsAfterLeft', 'expired', 'unreachable'];
  const hours = [...Array(24).keys()].map((x) => String(x).padStart(2, '0'));
  // One unit per chart: minutes to first contact, attempts per contact and counts each get their own axis.
  // The verdict first: per headline figure, detectable or not and in whose favour (the simulator's
  // own judgement, a paired 95 % interval), marked by a symbol as well as a colour.
  const lines = (prop.verdict && prop.verdict.lines) || [];
  const verdict = h('ul#whatif-verdict.verdict', { 'aria-label': t('wi.verdict') },
    lines.map((l) => h('li.verdict-' + l.finding, h('span.mark', { 'aria-hidden': 'true' }, l.symbol), ' ',
      h('strong', metricName(r, l.metric)), ': ', t('wi.finding.' + l.finding),
      h('span.muted', ` (${fmt(cur.metrics[l.metric])} → ${fmt(prop.metrics[l.metric])})`))));
  clear(box,
    h('h3', t('wi.verdict')), verdict,
    h('div.charts',
      barChart({ id: 'whatif-chart-outcomes', title: t('wi.chartMisses'), categories: counts.map((k) => t('wi.short.' + k)),
        series: both(counts) }),
      barChart({ id: 'whatif-chart-contact', title: t('wi.chartContact'), unit: ' ' + t('unit.min'),
        categories: [t('wi.mean'), t('wi.p90')], series: both(['timeToFirstContactMeanMin', 'timeToFirstContactP90Min']) }),
      barChart({ id: 'whatif-chart-attempts', title: t('wi.chartAttempts'),
        categories: [t('wi.attemptsPerContact')], series: both(['attemptsPerContact']) }),
      lineChart({ id: 'whatif-chart-queue', title: t('wi.chartQueue'), labels: hours, peakWord: t('dash.peak'),
        series: series.map((x, i) => ({ ...x, values: [cur, prop][i].byHourOfDay.queueDepth })) }),
      lineChart({ id: 'whatif-chart-misses', title: t('wi.chartMissesByHour'), labels: hours, peakWord: t('dash.peak'),
        series: series.map((x, i) => ({ ...x, values: [cur, prop][i].byHourOfDay.endOfDayMissesByArrivalHour })) })),
    table);
}
