// Supervisors: the retry policy editor (every field explained, validated by the server as you
// type, diff against the live version, save with a reason), its history, and "try it first":
// the what-if simulator on a chosen scenario, live vs proposed, side by side with charts.

import { api } from './api.js';
import { h, clear, field, setError, fmtTime, debounce } from './dom.js';
import { barChart, lineChart, COLORS } from './charts.js';

// docs/POLICY.md, field by field.
const DURATION_HINT = 'A duration: 15m, 1h30m, 2d, 45s.';
const FIELDS = [
  ['firstAttemptDelay.NORMAL', 'First attempt, normal requests', 'Delay from the request to the first attempt. 0 to 7d.'],
  ['firstAttemptDelay.URGENT', 'First attempt, urgent requests', 'Delay for urgent requests; not later than the normal one. 0 to 7d.'],
  ['minimumGap', 'Minimum gap between attempts', 'Never two attempts closer than this (a time the caller chose excepted). 0 to 1d.'],
  ['endOfDayLead', 'End-of-day lead', 'An attempt must start at least this long before the caller\'s end of day, else it moves to the next business morning. 0 to 4h.'],
  ['outcomes.NO_ANSWER', 'After no answer', 'Retry after a delay (1m to 7d) or the next business morning.'],
  ['outcomes.BUSY', 'After busy', 'Retry after a delay (1m to 7d) or the next business morning.'],
  ['outcomes.CONGESTION', 'After network congestion', 'Retry after a delay (1m to 7d) or the next business morning.'],
  ['outcomes.LEFT_FOR_THE_DAY', 'After “left for the day”', 'Whoever answered said the caller went home: next business morning, or a delay.'],
  ['outcomes.CALL_BACK_AT', 'After “call back at…”', 'Always at the time the caller chose.'],
  ['rotation.dailyShift', 'Daily rotation', 'Each new day\'s first attempt moves this much later, so the caller is not always tried at the same hour. 0m turns it off; up to 12h.'],
  ['maxAttempts', 'Maximum attempts', 'Attempts on the caller before the callback is closed as unreachable. 1 to 50.'],
  ['expiry.businessDays', 'Expiry (business days)', 'The last business day on which an attempt may be planned; the request\'s day is day 1. 1 to 60.'],
  ['reputationalRiskAlertAfter', 'Reputational-risk alert after', 'A reputational-risk callback waiting this long in the queue for a supervisor alerts the supervisors (dashboard and log). 1m to 1d.'],
];
const RULES = { retryAfter: 'Retry after…', nextBusinessMorning: 'Next business morning', atCallerTime: 'At the caller\'s time' };

const domId = (f) => 'pol-' + f.replaceAll('.', '-');

export function policyView(section) {
  let live = null;
  const form = h('form#policy-form', { novalidate: true });
  const grid = h('div.policy-grid');
  const diffBox = h('div#policy-diff', { 'aria-live': 'polite' });
  const reason = h('textarea', { rows: 2 });
  const saveMsg = h('div#policy-save-message', { role: 'status' });
  const saveBtn = h('button#policy-save', { type: 'submit' }, 'Save as new version');
  const liveInfo = h('p#policy-live.muted');
  const historyBox = h('div#policy-history');
  const whatIfBox = h('div');

  form.append(liveInfo, grid,
    h('h3', 'Changes against the live version'), diffBox,
    field('policy-reason', 'Reason for the change', reason, 'Required; stored in the audit with your name.'),
    saveMsg, h('div.row', saveBtn, h('button.secondary#policy-reset', { type: 'button', onclick: () => fill(live) }, 'Discard edits')));

  clear(section, h('h2', 'Retry policy'),
    h('div.card', form),
    h('div.card', h('h3', 'Try it first: what-if'), whatIfBox),
    h('div.card', h('h3', 'History'), historyBox));

  // One control per field; outcomes get a rule choice plus a delay.
  for (const [f, label, hint] of FIELDS) {
    if (f.startsWith('outcomes.')) {
      const kind = h('select', {}, Object.entries(RULES).map(([v, t]) => h('option', { value: v }, t)));
      const after = h('input', { size: 8, 'aria-label': label + ': delay', id: domId(f) + '-after' });
      kind.addEventListener('change', () => { after.disabled = kind.value !== 'retryAfter'; });
      const wrap = field(domId(f), label, kind, hint);
      wrap.insertBefore(after, wrap.querySelector('.hint'));
      grid.append(wrap);
    } else {
      grid.append(field(domId(f), label, h('input', { inputmode: f === 'maxAttempts' || f.startsWith('expiry') ? 'numeric' : 'text' }),
        hint + (f === 'maxAttempts' || f.startsWith('expiry') ? '' : ' ' + DURATION_HINT)));
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
    liveInfo.textContent = `Live: version ${p.version}, by ${p.changedBy} at ${fmtTime(p.changedAt)} — “${p.reason}”.`;
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
    if (!changes || !changes.length) { clear(diffBox, h('p.muted#policy-no-changes', 'No changes yet.')); return; }
    clear(diffBox, h('table#policy-diff-table', h('thead', h('tr', h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Live'), h('th', { scope: 'col' }, 'Proposed'))),
      h('tbody', changes.map((c) => h('tr', h('td', c.field), h('td.diff-before', c.before), h('td.diff-after', c.after))))));
  }

  let checkSeq = 0;
  async function check() {
    const seq = ++checkSeq;
    try {
      const r = await api.validatePolicy(proposed());
      if (seq !== checkSeq) return;
      const general = showErrors(r.valid ? [] : r.errors);
      if (r.valid) renderDiff(r.changes);
      else clear(diffBox, h('p.notice.bad', 'Fix the fields marked in red to see the changes.', general.length ? ' ' + general.join('; ') : ''));
    } catch (e) {
      if (seq === checkSeq) clear(diffBox, h('p.notice.bad', 'Could not check the policy: ' + e.message));
    }
  }
  const checkSoon = debounce(check, 250);
  grid.addEventListener('input', checkSoon);
  grid.addEventListener('change', checkSoon);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setError('policy-reason', '');
    clear(saveMsg);
    if (!reason.value.trim()) { setError('policy-reason', 'Reason: say why the policy changes (it is audited).'); reason.focus(); return; }
    try {
      const saved = await api.savePolicy(proposed(), live.version, reason.value.trim());
      clear(saveMsg, h('p.notice.ok#policy-saved', `Saved as version ${saved.version}.`));
      reason.value = '';
      live = saved;
      fill(live);
      loadHistory();
    } catch (e) {
      if (e.errors) showErrors(e.errors);
      else if (e.field === 'reason') setError('policy-reason', e.message);
      clear(saveMsg, h('p.notice.bad#policy-save-error', e.status === 409 ? 'Someone saved a newer version meanwhile: reload, review and edit again. ' + e.message : e.message));
    }
  });

  async function loadHistory() {
    try {
      const r = await api.policyHistory();
      clear(historyBox, h('table#policy-history-table',
        h('thead', h('tr', ['Version', 'When', 'Who', 'Reason', 'Changes'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', r.versions.map((v) => h('tr', h('td', 'v' + v.version), h('td', fmtTime(v.changedAt)), h('td', v.changedBy), h('td', v.reason),
          h('td', (v.changes || []).length ? h('ul', v.changes.map((c) => h('li', `${c.field}: ${c.before} → ${c.after}`))) : h('pre', v.diff || '')))))));
    } catch (e) { clear(historyBox, h('p.notice.bad', e.message)); }
  }

  buildWhatIf(whatIfBox, proposed, showErrors);

  (async () => {
    try { live = await api.policy(); fill(live); } catch (e) { clear(diffBox, h('p.notice.bad', e.message)); }
    loadHistory();
  })();
  return null;
}

function buildWhatIf(box, proposed, showErrors) {
  const scenario = h('select');
  const days = h('input', { type: 'number', min: 1, max: 31, value: 5 });
  const reps = h('input', { type: 'number', min: 1, max: 10, value: 3 });
  const run = h('button#whatif-run', { type: 'submit' }, 'Try it first');
  const status = h('div#whatif-status', { role: 'status', 'aria-live': 'polite' });
  const result = h('div#whatif-result');
  const form = h('form#whatif-form', { novalidate: true },
    h('p.hint', 'Runs the what-if simulator — the same planner, calendar and queue order as production — on synthetic callers, under the live policy and under the edited one above. Nothing live changes.'),
    h('div.row', field('whatif-scenario', 'Scenario', scenario),
      field('whatif-days', 'Days', days, '1 to 31'), field('whatif-replications', 'Replications', reps, '1 to 10')),
    run, status);
  clear(box, form, result);

  api.scenarios().then((list) => {
    clear(scenario, list.map((s) => h('option', { value: s.id }, `${s.name} (${s.id})`)));
  }).catch((e) => { status.textContent = 'Scenarios unavailable: ' + e.message; });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of ['whatif-scenario', 'whatif-days', 'whatif-replications']) setError(f, '');
    clear(result);
    status.className = '';
    status.textContent = 'Running the simulator…';
    run.disabled = true;
    try {
      const r = await api.whatIf({ scenario: scenario.value, proposed: proposed(), days: Number(days.value), replications: Number(reps.value) });
      status.textContent = `Done in ${r.wallSeconds.toFixed(1)} s: ${r.report.scenario.name}, ${r.report.scenario.days} day(s) × ${r.report.scenario.replications} replication(s).`;
      renderComparison(result, r);
    } catch (e) {
      status.className = 'notice bad';
      status.textContent = e.message;
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

const SHORT = { endOfDayMisses: 'EOD misses', wastedCallbacks: 'wasted', dialsAfterLeft: 'after left', expired: 'expired', unreachable: 'unreachable' };

function renderComparison(box, r) {
  const [cur, prop] = r.report.policies;
  const fmt = (e) => (e && e.mean !== null && e.mean !== undefined ? (Math.round(e.mean * 10) / 10).toLocaleString() + (e.halfWidth ? ` ± ${(Math.round(e.halfWidth * 10) / 10).toLocaleString()}` : '') : '—');
  const table = h('table#whatif-table', h('caption.muted', 'Means over replications with 95 % intervals; the difference is paired (same callers).'),
    h('thead', h('tr', h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col' }, cur.name), h('th', { scope: 'col' }, 'proposed'), h('th', { scope: 'col' }, 'difference'))),
    h('tbody', KEY_METRICS.map((k) => h('tr', h('th', { scope: 'row' }, r.metricLabels[k] || k),
      h('td', fmt(cur.metrics[k])), h('td', fmt(prop.metrics[k])), h('td', fmt(prop.differenceToFirst[k]))))));
  const series = [{ name: cur.name, color: COLORS[0] }, { name: 'proposed', color: COLORS[1] }];
  const counts = ['endOfDayMisses', 'wastedCallbacks', 'dialsAfterLeft', 'expired', 'unreachable'];
  const hours = [...Array(24).keys()].map((x) => String(x).padStart(2, '0'));
  clear(box,
    h('div.charts',
      barChart({ id: 'whatif-chart-outcomes', title: 'Misses and waste (per run)', categories: counts.map((k) => SHORT[k] || k),
        series: series.map((s, i) => ({ ...s, values: counts.map((k) => [cur, prop][i].metrics[k].mean) })) }),
      barChart({ id: 'whatif-chart-contact', title: 'Time to first contact (min) and attempts per contact',
        categories: ['contact, mean', 'contact, p90', 'attempts/contact'],
        series: series.map((s, i) => ({ ...s, values: ['timeToFirstContactMeanMin', 'timeToFirstContactP90Min', 'attemptsPerContact'].map((k) => [cur, prop][i].metrics[k].mean) })) }),
      lineChart({ id: 'whatif-chart-queue', title: 'Queue depth by hour of day', labels: hours,
        series: series.map((s, i) => ({ ...s, values: [cur, prop][i].byHourOfDay.queueDepth })) }),
      lineChart({ id: 'whatif-chart-misses', title: 'End-of-day misses by arrival hour', labels: hours,
        series: series.map((s, i) => ({ ...s, values: [cur, prop][i].byHourOfDay.endOfDayMissesByArrivalHour })) })),
    table);
}
