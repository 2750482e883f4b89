// Consultants: the live queue (in the order the dialer claims it), claim next, and the held
// callback — details, Dial, Release, the outcome form and notes. Every action is a REST API call, i.e.
// the same audited operation the API uses; nothing here decides anything the server checks.

import { api, call } from './api.js';
import { h, clear, field, setError, fmtTime, fmtRelative, callerTime } from './dom.js';
import { t, label, humanText, officeLocalToIso } from './i18n.js';

const POLL_MS = 2000;

// What the held card says about its call, by callback state (strings callState.*).
const CALL_STATES = ['CLAIMED', 'DIALING', 'CONNECTED', 'QUEUED', 'PENDING', 'SCHEDULED', 'RESOLVED', 'UNREACHABLE', 'EXPIRED', 'CANCELLED'];

// The outcomes a consultant records after talking, and what the line did when dialing by hand.
const OUTCOMES = ['RESOLVED', 'CALL_BACK_AT', 'LEFT_FOR_THE_DAY', 'ESCALATE', 'WRONG_NUMBER'];
const LINE_OUTCOMES = ['NO_ANSWER', 'BUSY', 'CONGESTION', 'CONSULTANT_NO_ANSWER'];

/**
 * What came of an outcome and what happens next, in one sentence: "Busy — next try Tue 14:20."
 * `next` is the API's plan answer (planned / gave up / not planned), or null.
 */
export function outcomeMessage(id, outcome, callback, next) {
  const what = label('outcome', outcome);
  const c = callback || {};
  if (next && next.planned) {
    return t('outcome.nextTry', { id, outcome: what, time: fmtTime(next.earliest), caller: callerTime(next.earliest, c.callerZone) });
  }
  if (next && next.gaveUp) {
    return t('outcome.gaveUp', { id, outcome: what, reason: label('giveUpReason', next.gaveUp), state: label('callbackState', c.state) });
  }
  if (c.state === 'SCHEDULED' && c.plannedAt) {
    return t('outcome.nextTry', { id, outcome: what, time: fmtTime(c.plannedAt), caller: callerTime(c.plannedAt, c.callerZone) });
  }
  const key = { QUEUED: 'outcome.backInQueue', PENDING: 'outcome.awaitingPlan', RESOLVED: 'outcome.closed', UNREACHABLE: 'outcome.closed',
    EXPIRED: 'outcome.closed', CANCELLED: 'outcome.closed', CONNECTED: 'outcome.connected' }[c.state] || 'outcome.now';
  return t(key, { id, outcome: what, state: label('callbackState', c.state), reason: next && next.reason ? humanText(next.reason) : '' });
}

export function queueView(section, me) {
  let timer = null;
  let stopped = false;
  let known = null;
  let heldId = null;
  let held = null;   // {panel parts}

  const stateSelect = h('select', {}, h('option', { value: 'AVAILABLE' }, label('consultantState', 'AVAILABLE')),
    h('option', { value: 'AWAY' }, label('consultantState', 'AWAY')));
  const claimBtn = h('button#claim-next', { type: 'button' }, t('queue.claim'));
  const claimMsg = h('p.error#claim-error', { role: 'alert' });
  const lastAction = h('p#last-action', { role: 'status', 'aria-live': 'polite' });
  const depth = h('span#queue-depth', '…');
  const tbody = h('tbody');
  const table = h('table#queue-table.queue', h('caption.muted', t('queue.caption')),
    h('thead', h('tr', [t('queue.col.callback'), t('queue.col.product'), t('queue.col.urgency'),
      t('queue.col.flags'), t('queue.col.deadline'), t('queue.col.since')].map((x) => h('th', { scope: 'col' }, x)))),
    tbody);
  const heldBox = h('div#held');

  clear(section,
    h('h2', t('queue.title')),
    h('div.cols',
      h('div',
        h('div.card.row',
          field('my-state', t('queue.myState'), stateSelect),
          h('div', claimBtn, claimMsg)),
        lastAction,
        h('div.card', h('h3', t('queue.waiting'), ' ', depth), h('div.table-fit', table))),
      h('div', heldBox)));

  stateSelect.value = (me.consultant && me.consultant.state === 'AWAY') ? 'AWAY' : 'AVAILABLE';
  stateSelect.addEventListener('change', async () => {
    setError('my-state', '');
    try { await api.setState(stateSelect.value); } catch (e) { setError('my-state', humanText(e.message)); }
  });

  claimBtn.addEventListener('click', async () => {
    claimMsg.textContent = '';
    claimBtn.disabled = true;
    try {
      const claim = await api.claim();
      if (!claim) { claimMsg.textContent = t('queue.nothing'); return; }
      lastAction.textContent = '';
      lastAction.className = '';
      delete lastAction.dataset.callbackId;
      await showHeld(claim.callback.id, true);
    } catch (e) {
      claimMsg.textContent = humanText(e.message);
    } finally {
      claimBtn.disabled = false;
      refresh();
    }
  });

  function renderQueue(q) {
    depth.textContent = String(q.depth);
    const ids = new Set(q.items.map((i) => i.callback.id));
    const rows = q.items.map((item) => {
      const c = item.callback;
      const flags = [];
      if (c.escalationLevel && c.escalationLevel !== 'NORMAL') flags.push(h('span.badge.esc', label('escalation', c.escalationLevel)));
      if (c.mergeCount > 0) flags.push(h('span.badge.repeat', t('queue.merged', { n: c.mergeCount })));
      if (item.atRisk) flags.push(h('span.badge.risk', { title: t('queue.atRiskHint') }, t('queue.atRisk')));
      // The deadline on one line in office time; how far off it is, and the caller's clock where it differs, below it.
      const deadline = h('td.when', h('span.line', fmtTime(item.deadline)),
        h('span.line.muted', fmtRelative(item.deadline, q.now)),
        callerTime(item.deadline, c.callerZone) ? h('span.line.muted', callerTime(item.deadline, c.callerZone)) : null);
      return h(known && !known.has(c.id) ? 'tr.new' : 'tr', { 'data-callback-id': c.id, 'data-at-risk': item.atRisk ? 'true' : 'false' },
        h('td', h('span.line', h('span.muted', `${item.position}. `), '#' + c.id), h('span.line.muted', c.callbackNumber)),
        h('td', label('product', c.product), h('br'), h('span.muted', label('category', c.category))),
        h('td', c.urgency === 'URGENT' ? h('span.badge.urgent', label('urgency', 'URGENT')) : label('urgency', c.urgency)),
        h('td', flags), deadline, h('td.nowrap', fmtTime(c.createdAt)));
    });
    clear(tbody, rows.length ? rows : h('tr', h('td', { colspan: 6 }, h('span.muted', t('queue.empty')))));
    known = ids;
  }

  async function refresh() {
    if (stopped) return;
    try {
      const [q, who] = await Promise.all([api.queue(), api.me()]);
      if (stopped) return;
      renderQueue(q);
      if (who.holding !== heldId) {
        const gone = heldId;
        await showHeld(who.holding, false);
        if (gone && !stopped) await explainGone(gone);
      } else if (heldId) await updateHeld();
    } catch (e) {
      if (e.status !== 401) claimMsg.textContent = t('queue.refreshFailed', { message: humanText(e.message) });
    }
  }

  /**
   * The callback left this consultant's hands without a word from this page (the line was busy,
   * nobody answered, a supervisor moved it): say what happened to it and what comes next.
   */
  async function explainGone(id) {
    if (lastAction.dataset.callbackId === String(id)) return;   // this page's own action already said so
    try {
      const d = await api.callback(id);
      const attempts = d.attempts || [];
      const last = attempts[attempts.length - 1];
      const msg = last && last.outcome ? outcomeMessage(id, last.outcome, d.callback, null)
        : t('queue.movedOn', { id, state: label('callbackState', d.callback.state), holder: d.holder || '' });
      showLast(id, msg, last && ['BUSY', 'NO_ANSWER', 'CONGESTION', 'CONSULTANT_NO_ANSWER', 'INTERRUPTED'].includes(last.outcome) ? 'warn' : 'ok');
    } catch (e) {
      showLast(id, t('queue.movedOn', { id, state: '', holder: '' }), 'warn');
    }
  }

  function showLast(id, msg, kind) {
    lastAction.textContent = msg;
    lastAction.className = 'notice ' + (kind || 'ok');
    lastAction.dataset.callbackId = String(id);
  }

  async function showHeld(id, focus) {
    heldId = id || null;
    held = null;
    if (!heldId) {
      clear(heldBox, h('div.card', h('h3', t('held.mine')), h('p.muted', t('held.none'))));
      return;
    }
    const detail = await api.callback(heldId);
    held = buildHeld(detail);
    clear(heldBox, held.root);
    if (focus) held.heading.focus();
  }

  async function updateHeld() {
    const detail = await api.callback(heldId);
    if (held) held.update(detail);
  }

  function buildHeld(d) {
    const id = d.callback.id;
    const heading = h('h3#held-heading', { tabindex: '-1' }, t('held.title', { id }));
    const facts = h('div#held-facts');
    const callState = h('p.callstate#call-state', { role: 'status', 'aria-live': 'polite' });
    const dialBtn = h('button#dial', { type: 'button' }, t('held.dial'));
    const dialMsg = h('p#dial-message', { role: 'status' });
    const history = h('div#held-history');
    const shot = h('div.screenshot#held-screenshot');
    const shotActions = screenshotActions(id, () => updateHeld().catch(() => {}));
    const notesList = h('ul#notes-list');

    dialBtn.addEventListener('click', async () => {
      dialMsg.textContent = t('dial.asking');
      dialBtn.disabled = true;
      try {
        const r = await api.dial(id);
        dialMsg.textContent = r.accepted ? t('dial.placed', { actionId: r.actionId }) : t('dial.refused', { reason: humanText(r.reason) });
        dialMsg.className = r.accepted ? 'notice ok' : 'notice bad';
      } catch (e) {
        dialMsg.textContent = e.status === 503 ? t('dial.noDialer', { message: humanText(e.message) }) : humanText(e.message);
        dialMsg.className = 'notice bad';
      } finally {
        dialBtn.disabled = false;
        updateHeld().catch(() => {});
      }
    });

    // The outcome form.
    const radios = (list, name) => list.map((v) => h('label', { title: t('outcomeHint.' + v) },
      h('input', { type: 'radio', name, value: v, id: 'outcome-' + v }), t('outcomeChoice.' + v)));
    const callBackAt = h('input', { type: 'datetime-local' });
    const escalateTo = h('select', {}, h('option', { value: '' }, t('choose')),
      h('option', { value: 'REPEAT_OR_DISSATISFIED' }, label('escalation', 'REPEAT_OR_DISSATISFIED')),
      h('option', { value: 'REPUTATIONAL_RISK' }, t('held.escalateRisk', { label: label('escalation', 'REPUTATIONAL_RISK') })));
    const outcomeNote = h('textarea', { rows: 3, maxlength: 4000 });
    const outcomeErr = h('div#outcome-error', { role: 'alert' });
    const outcomeForm = h('form#outcome-form', { novalidate: true },
      h('fieldset.radios#outcome-choice', { 'aria-describedby': 'outcome-choice-error' },
        h('legend', t('held.outcomeLegend')), radios(OUTCOMES, 'outcome'),
        h('p.hint', t('held.lineHint')), radios(LINE_OUTCOMES, 'outcome'),
        h('p.error#outcome-choice-error', { role: 'alert' })),
      field('outcome-callBackAt', t('held.callBackAt'), callBackAt, t('held.callBackAtHint')),
      field('outcome-escalateTo', t('held.escalateTo'), escalateTo, t('held.escalateToHint')),
      field('outcome-note', t('held.outcomeNote'), outcomeNote, t('held.outcomeNoteHint')),
      outcomeErr,
      h('button#outcome-submit', { type: 'submit' }, t('held.record')));
    outcomeForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      for (const f of ['outcome-callBackAt', 'outcome-escalateTo', 'outcome-note']) setError(f, '');
      document.getElementById('outcome-choice-error').textContent = '';
      clear(outcomeErr);
      const chosen = outcomeForm.querySelector('input[name=outcome]:checked');
      if (!chosen) {
        document.getElementById('outcome-choice-error').textContent = t('held.needOutcome');
        outcomeForm.querySelector('input[name=outcome]').focus();
        return;
      }
      const body = { outcome: chosen.value };
      if (chosen.value === 'CALL_BACK_AT') {
        if (!callBackAt.value) { setError('outcome-callBackAt', t('held.needCallBackAt')); callBackAt.focus(); return; }
        body.callBackAt = officeLocalToIso(callBackAt.value) || new Date(callBackAt.value).toISOString();
      }
      if (chosen.value === 'ESCALATE') {
        if (!escalateTo.value) { setError('outcome-escalateTo', t('held.needEscalateTo')); escalateTo.focus(); return; }
        body.escalateTo = escalateTo.value;
      }
      if (outcomeNote.value.trim()) body.note = outcomeNote.value.trim();
      try {
        const r = await api.outcome(id, body);
        const msg = t('outcome.recorded', { message: outcomeMessage(id, chosen.value, r.callback, r.next) });
        clear(outcomeErr, h('p.notice.ok#outcome-done', msg));
        showLast(id, msg, 'ok');
        outcomeNote.value = '';
        refresh();
      } catch (e) {
        const fieldId = e.field ? 'outcome-' + e.field : null;
        if (fieldId && document.getElementById(fieldId)) setError(fieldId, humanText(e.message));
        const title = e.status === 422 ? t('refused.rule') : e.status === 409 ? t('refused.now') : t('refused.notRecorded');
        clear(outcomeErr, h('div.notice.bad#outcome-refusal', { 'data-rule': e.rule || '' }, h('strong', title + ': '), humanText(e.message),
          e.rule ? h('span.muted', ` (${label('rule', e.rule)})`) : null));
      }
    });

    // Notes.
    const noteText = h('textarea', { rows: 2, maxlength: 4000 });
    const noteForm = h('form#note-form', { novalidate: true }, field('note-body', t('held.newNote'), noteText),
      h('button#note-add', { type: 'submit' }, t('held.addNote')));
    noteForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('note-body', '');
      if (!noteText.value.trim()) { setError('note-body', t('held.needNote')); noteText.focus(); return; }
      try {
        await api.note(id, noteText.value.trim());
        noteText.value = '';
        updateHeld();
      } catch (e) { setError('note-body', humanText(e.message)); }
    });

    // The caller's e-mail address on file for this number (PUT /api/callbacks/{id}/email).
    const emailInput = h('input', { type: 'email', autocomplete: 'off', value: d.email || '' });
    const emailWhy = h('input', { type: 'text', maxlength: 1000 });
    const emailMsg = h('p#email-message', { role: 'status' });
    const emailForm = h('form#email-form', { novalidate: true },
      field('email-address', t('held.email'), emailInput, t('held.emailHint')),
      field('email-why', t('why'), emailWhy, t('held.emailWhyHint')),
      h('button#email-save', { type: 'submit' }, t('held.saveEmail')), emailMsg);
    emailForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('email-address', '');
      setError('email-why', '');
      emailMsg.textContent = '';
      emailMsg.className = '';
      if (!emailInput.value.trim()) { setError('email-address', t('held.needEmail')); emailInput.focus(); return; }
      if (!emailWhy.value.trim()) { setError('email-why', t('held.needEmailWhy')); emailWhy.focus(); return; }
      try {
        const r = await api.setEmail(id, emailInput.value.trim(), emailWhy.value.trim());
        emailInput.value = r.email;
        emailWhy.value = '';
        emailMsg.textContent = t('held.emailSaved', { email: r.email, number: r.callbackNumber });
        emailMsg.className = 'notice ok';
        updateHeld().catch(() => {});
      } catch (e) {
        const fieldId = e.field === 'why' ? 'email-why' : 'email-address';
        setError(fieldId, humanText(e.message));
        document.getElementById(fieldId).focus();
      }
    });

    // Give it back to the queue (POST /api/callbacks/{id}/release): only before dialing, with a reason.
    const releaseWhy = h('input', { type: 'text', maxlength: 1000, autocomplete: 'off' });
    const releaseBtn = h('button.secondary#release', { type: 'submit' }, t('held.release'));
    const releaseErr = h('div#release-error', { role: 'alert' });
    const releaseForm = h('form#release-form', { novalidate: true },
      field('release-why', t('why'), releaseWhy, t('held.releaseHint')),
      releaseErr, releaseBtn);
    releaseForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('release-why', '');
      clear(releaseErr);
      if (!releaseWhy.value.trim()) { setError('release-why', t('held.needReleaseWhy')); releaseWhy.focus(); return; }
      try {
        await api.release(id, releaseWhy.value.trim());
        showLast(id, t('held.released', { id }), 'ok');
        refresh();
      } catch (e) {
        if (e.field === 'why') { setError('release-why', humanText(e.message)); releaseWhy.focus(); return; }
        const title = e.status === 409 ? t('refused.now') : t('refused.notReleased');
        clear(releaseErr, h('div.notice.bad#release-refusal', h('strong', title + ': '), humanText(e.message)));
      }
    });

    const root = h('div',
      h('div.card', heading, facts, h('h3', t('held.call')), callState, dialBtn, dialMsg),
      h('div.card', h('h3', t('held.giveBack')), releaseForm),
      h('div.card', h('h3', t('held.outcome')), outcomeForm),
      h('div.card', h('h3', t('held.screenshot')), shot, shotActions.root),
      h('div.card', h('h3', t('held.contact')), emailForm),
      h('div.card', h('h3', t('held.history')), history),
      h('div.card', h('h3', t('held.notes')), notesList, noteForm));

    function update(d) {
      const c = d.callback;
      const flags = [];
      if (d.atRisk) flags.push(h('span.badge.risk', t('held.deadlineAtRisk')));
      if (d.repeat) flags.push(h('span.badge.repeat', t('held.repeatOf', { id: d.repeat.repeatOf, days: d.repeat.withinDays })));
      if (d.escalationLevel && d.escalationLevel !== 'NORMAL') flags.push(h('span.badge.esc', t('held.escalated', { level: label('escalation', d.escalationLevel) })));
      const whenCaller = (iso) => { const x = callerTime(iso, c.callerZone); return x ? ' ' + x : ''; };
      clear(facts, h('p', flags),
        h('dl.facts',
          h('dt', t('held.callBackOn')), h('dd', t('held.number', { number: c.callbackNumber, source: label('numberSource', c.numberSource),
            callerId: c.callerId || t('unknown') })),
          h('dt', t('held.product')), h('dd', label('product', c.product)), h('dt', t('held.category')), h('dd', label('category', c.category)),
          h('dt', t('held.urgency')), h('dd', label('urgency', c.urgency)), h('dt', t('held.language')), h('dd', c.language ? label('language', c.language) : '—'),
          h('dt', t('held.reachableUntil')), h('dd', c.reachableUntil ? t('held.callerClock', { time: c.reachableUntil }) : t('held.officeCloses')),
          h('dt', t('held.deadline')), h('dd', fmtTime(d.deadline) + whenCaller(d.deadline)),
          h('dt', t('held.screenshotBy')), h('dd', c.screenshotChoice ? label('screenshotChoice', c.screenshotChoice) : '—'),
          h('dt', t('held.emailOnFile')), h('dd#held-email', d.email || '—'),
          h('dt', t('held.requested')), h('dd', fmtTime(c.createdAt) + (c.mergeCount ? ' ' + t('held.askedTimes', { n: c.mergeCount + 1 }) : ''))));
      callState.textContent = t('held.callState', { state: t('callState.' + (CALL_STATES.includes(c.state) ? c.state : 'other'), { state: label('callbackState', c.state) }) });
      callState.dataset.state = c.state;
      dialBtn.disabled = !(c.state === 'CLAIMED');
      releaseBtn.disabled = !(c.state === 'CLAIMED');

      const s = d.screenshot || {};
      const items = [h('p#screenshot-state', { 'data-state': s.state || '' }, t('shot.state'), ' ',
        h('strong', s.state ? label('screenshotState', s.state) : t('shot.none')))];
      if (!s.needed) items.push(h('p.muted', t('shot.notNeeded')));
      for (const r of s.requests || []) {
        const when = r.receivedAt || r.declinedAt || r.sentAt || r.requestedAt;
        items.push(h('p', t('shot.request', { channel: label('screenshotChannel', r.channel), to: r.sentTo ? t('shot.to', { to: r.sentTo }) : '',
          state: label('screenshotState', r.state), when: fmtTime(when) })
          + (r.failure ? ` — ${humanText(r.failure)}` : '') + (r.note ? ` (${r.note})` : '')));
      }
      if (s.state === 'RECEIVED') {
        // The received image (screenshot pages: GET /screenshots/{callbackId}).
        const url = `/screenshots/${c.id}`;
        items.push(h('a', { href: url, target: '_blank', rel: 'noopener' },
          h('img#screenshot-image', { src: url, alt: t('shot.imageAlt', { id: c.id }) })));
      } else if (s.needed && !s.stepDone) {
        items.push(h('p.notice.warn#screenshot-needed', t('sa.needed')));
      }
      for (const r of s.recorded || []) {
        items.push(h('p', t('sa.recordedLine', { what: label('screenshotState', r.outcome), reason: r.reason, who: r.recordedBy, when: fmtTime(r.recordedAt) })));
      }
      clear(shot, items);
      shotActions.update(s, c);

      const attempts = d.attempts || [];
      clear(history,
        attempts.length ? h('table#attempts', h('caption.muted', t('history.caption')),
          h('thead', h('tr', ['#', t('history.consultant'), t('history.started'), t('history.answered'), t('history.outcome')].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', attempts.map((a) => h('tr', h('td', a.attemptNo), h('td', a.consultant || '—'), h('td', fmtTime(a.startedAt)),
            h('td', fmtTime(a.answeredAt)), h('td', a.outcome ? label('outcome', a.outcome) : (a.endedAt ? '—' : t('history.inProgress')))))))
          : h('p.muted', t('history.none')),
        h('h3', t('history.earlier')),
        (d.earlierCallbacks || []).length ? h('ul', d.earlierCallbacks.map((e) =>
          h('li', `#${e.id} ${label('product', e.product)} / ${label('category', e.category)} — ${label('callbackState', e.state)} (${fmtTime(e.createdAt)})`)))
          : h('p.muted', t('none')),
        (d.surveys || []).length ? [h('h3', t('history.surveys')), h('ul', d.surveys.map((x) =>
          h('li', label('surveyState', x.state) + (x.score ? t('history.score', { score: x.score }) : '') + ` — ${x.consultant || ''}`)))] : null);

      clear(notesList, (d.notes || []).map((n) => h('li', h('span.muted', `${fmtTime(n.writtenAt)} ${n.author}: `), n.body)));
    }

    update(d);
    return { root, heading, update };
  }

  async function loop() {
    await refresh();
    if (!stopped) timer = setTimeout(loop, POLL_MS);
  }
  showHeld(me.holding, false).then(loop);

  return { stop() { stopped = true; clearTimeout(timer); } };
}

// ---- The screenshot step from the held card: record it received by other means / declined on the
// phone (with a reason), or send the link again (POST /api/callbacks/{id}/screenshot[/resend]).
// Its strings are the console's (sa.*); states and channels are labels.
function screenshotActions(id, changed) {
  const what = [['RECEIVED_OTHER_MEANS', t('sa.receivedOther')], ['DECLINED_ON_PHONE', t('sa.declinedPhone')]].map(([v, text]) =>
    h('label', h('input', { type: 'radio', name: 'screenshot-outcome', value: v, id: 'screenshot-' + v }), text));
  const reason = h('textarea', { rows: 2, maxlength: 1000 });
  const channel = h('select', {}, h('option', { value: '' }, t('sa.callerChoice')), h('option', { value: 'SMS' }, label('screenshotChannel', 'SMS')),
    h('option', { value: 'EMAIL' }, label('screenshotChannel', 'EMAIL')));
  const email = h('input', { type: 'email', autocomplete: 'off' });
  const recordBtn = h('button#screenshot-record', { type: 'submit' }, t('sa.record'));
  const resendBtn = h('button.secondary#screenshot-resend', { type: 'submit' }, t('sa.resend'));
  const msg = h('div#screenshot-message', { role: 'status', 'aria-live': 'polite' });
  const form = h('form#screenshot-form', { novalidate: true },
    h('fieldset.radios', h('legend', t('sa.what')), what, h('p.error#screenshot-outcome-error', { role: 'alert' })),
    field('screenshot-reason', t('sa.reason'), reason, t('sa.reasonHint')), recordBtn);
  const resendForm = h('form#screenshot-resend-form', { novalidate: true },
    field('screenshot-channel', t('sa.channel'), channel), field('screenshot-email', t('sa.address'), email, t('sa.addressHint')), resendBtn);
  const root = h('div#screenshot-actions', form, resendForm, msg);
  const say = (ok, title, text) => clear(msg, h(ok ? 'p.notice.ok' : 'p.notice.bad', title ? h('strong', title + ': ') : null, text));
  const refused = (e) => say(false, e.status === 429 ? t('sa.tooSoon') : e.status === 409 ? t('refused.now') : t('refused.notRecorded'),
    humanText(e.message));
  const reset = () => { clear(msg); ['screenshot-reason', 'screenshot-channel', 'screenshot-email'].forEach((f) => setError(f, '')); };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    reset();
    document.getElementById('screenshot-outcome-error').textContent = '';
    const chosen = form.querySelector('input[name=screenshot-outcome]:checked');
    if (!chosen) { document.getElementById('screenshot-outcome-error').textContent = t('sa.chooseWhat'); what[0].querySelector('input').focus(); return; }
    if (!reason.value.trim()) { setError('screenshot-reason', t('sa.noReason')); reason.focus(); return; }
    try {
      await call('POST', `/api/callbacks/${id}/screenshot`, { outcome: chosen.value, reason: reason.value.trim() });
      reason.value = '';
      say(true, null, t('sa.recorded', { what: label('screenshotState', chosen.value) }));
      changed();
    } catch (e) {
      if (e.field === 'reason') { setError('screenshot-reason', humanText(e.message)); reason.focus(); } else refused(e);
    }
  });
  resendForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    reset();
    const body = {};
    if (channel.value) body.channel = channel.value;
    if (email.value.trim()) body.email = email.value.trim();
    resendBtn.disabled = true;
    try {
      const r = await call('POST', `/api/callbacks/${id}/screenshot/resend`, body);
      say(true, null, t('sa.resent', { channel: label('screenshotChannel', r.channel === 'EMAIL' ? 'EMAIL' : 'SMS') }));
      changed();
    } catch (e) {
      const f = { channel: 'screenshot-channel', email: 'screenshot-email' }[e.field];
      if (f) { setError(f, humanText(e.message)); document.getElementById(f).focus(); } else refused(e);
    } finally { resendBtn.disabled = false; }
  });

  function update(s, c) {
    const open = !['RESOLVED', 'UNREACHABLE', 'EXPIRED', 'CANCELLED'].includes(c.state);
    root.hidden = !s.needed || !open;
    const received = s.state === 'RECEIVED' || s.state === 'RECEIVED_OTHER_MEANS';
    resendBtn.disabled = received;
    recordBtn.disabled = s.state === 'RECEIVED';
  }
  return { root, update };
}
