// Consultants: the live queue (in the order the dialer claims it), claim next, and the held
// callback — details, Dial, Release, the outcome form and notes. Every action is a REST API call, i.e.
// the same audited operation the API uses; nothing here decides anything the server checks.

import { api, call } from './api.js';
import { h, clear, field, setError, fmtTime, fmtRelative } from './dom.js';

const POLL_MS = 2000;

const CALL_STATE = {
  CLAIMED: 'Claimed — not dialed yet',
  DIALING: 'Dialing — ringing you, then the caller',
  CONNECTED: 'Connected — you are talking to the caller',
  QUEUED: 'Back in the queue',
  PENDING: 'Waiting for its next attempt',
  SCHEDULED: 'Next attempt scheduled',
  RESOLVED: 'Resolved',
  UNREACHABLE: 'Closed: unreachable',
  EXPIRED: 'Closed: expired',
  CANCELLED: 'Cancelled by the caller',
};

const OUTCOMES = [
  ['RESOLVED', 'Resolved', 'The problem is solved. Categories that need a screen need the screenshot received or declined first.'],
  ['CALL_BACK_AT', 'Call back at…', 'The caller asked for a later time; enter it below.'],
  ['LEFT_FOR_THE_DAY', 'Left for the day', 'Whoever answered said the caller has gone home; the next attempt moves to the next business morning.'],
  ['ESCALATE', 'Escalate', 'Raise the escalation level; reputational risk goes to a supervisor.'],
  ['WRONG_NUMBER', 'Wrong number', 'The number does not belong to the caller; the callback closes as unreachable.'],
];
const LINE_OUTCOMES = [
  ['NO_ANSWER', 'No answer'], ['BUSY', 'Busy'], ['CONGESTION', 'Network congestion'], ['CONSULTANT_NO_ANSWER', 'I did not pick up'],
];

export function queueView(section, me) {
  let timer = null;
  let stopped = false;
  let known = null;
  let heldId = null;
  let held = null;   // {panel parts}

  const stateSelect = h('select', {}, h('option', { value: 'AVAILABLE' }, 'Available'), h('option', { value: 'AWAY' }, 'Away'));
  const claimBtn = h('button#claim-next', { type: 'button' }, 'Claim next');
  const claimMsg = h('p.error#claim-error', { role: 'alert' });
  const lastAction = h('p#last-action', { role: 'status', 'aria-live': 'polite' });
  const depth = h('span#queue-depth', '…');
  const tbody = h('tbody');
  const table = h('table#queue-table', h('caption.muted', 'Sorted as the dialer takes them: escalation, then deadline, then urgency. Updates live.'),
    h('thead', h('tr', ['#', 'Callback', 'Number', 'Product / category', 'Urgency', 'Flags', 'Deadline (caller\'s end of day)', 'Waiting since'].map((t) => h('th', { scope: 'col' }, t)))),
    tbody);
  const heldBox = h('div#held');

  clear(section,
    h('h2', 'Callback queue'),
    h('div.cols',
      h('div',
        h('div.card.row',
          field('my-state', 'My state', stateSelect),
          h('div', claimBtn, claimMsg)),
        lastAction,
        h('div.card', h('h3', 'Waiting: ', depth), table)),
      h('div', heldBox)));

  stateSelect.value = (me.consultant && me.consultant.state === 'AWAY') ? 'AWAY' : 'AVAILABLE';
  stateSelect.addEventListener('change', async () => {
    setError('my-state', '');
    try { await api.setState(stateSelect.value); } catch (e) { setError('my-state', e.message); }
  });

  claimBtn.addEventListener('click', async () => {
    claimMsg.textContent = '';
    claimBtn.disabled = true;
    try {
      const claim = await api.claim();
      if (!claim) { claimMsg.textContent = 'Nothing is waiting for you right now.'; return; }
      lastAction.textContent = '';
      lastAction.className = '';
      await showHeld(claim.callback.id, true);
    } catch (e) {
      claimMsg.textContent = e.message;
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
      if (c.escalationLevel && c.escalationLevel !== 'NORMAL') flags.push(h('span.badge.esc', c.escalationLevel.replaceAll('_', ' ').toLowerCase()));
      if (c.mergeCount > 0) flags.push(h('span.badge.repeat', `merged ×${c.mergeCount}`));
      const deadline = h('td', fmtTime(item.deadline), ' ', h('span.muted', `(${fmtRelative(item.deadline, q.now)})`));
      if (item.atRisk) deadline.append(' ', h('span.badge.risk', { title: 'Little time is left before the caller\'s end of day' }, '⚠ at risk'));
      return h(known && !known.has(c.id) ? 'tr.new' : 'tr', { 'data-callback-id': c.id, 'data-at-risk': item.atRisk ? 'true' : 'false' },
        h('td', String(item.position)), h('td', '#' + c.id), h('td', c.callbackNumber),
        h('td', `${c.product} / ${c.category}`),
        h('td', c.urgency === 'URGENT' ? h('span.badge.urgent', 'urgent') : 'normal'),
        h('td', flags), deadline, h('td', fmtTime(c.createdAt)));
    });
    clear(tbody, rows.length ? rows : h('tr', h('td', { colspan: 8 }, h('span.muted', 'Nobody is waiting.'))));
    known = ids;
  }

  async function refresh() {
    if (stopped) return;
    try {
      const [q, who] = await Promise.all([api.queue(), api.me()]);
      if (stopped) return;
      renderQueue(q);
      if (who.holding !== heldId) await showHeld(who.holding, false);
      else if (heldId) await updateHeld();
    } catch (e) {
      if (e.status !== 401) claimMsg.textContent = 'Could not refresh the queue: ' + e.message;
    }
  }

  async function showHeld(id, focus) {
    heldId = id || null;
    held = null;
    if (!heldId) {
      clear(heldBox, h('div.card', h('h3', 'My callback'), h('p.muted', 'You hold no callback. Claim the next one to start.')));
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
    const heading = h('h3#held-heading', { tabindex: '-1' }, `Callback #${id}`);
    const facts = h('div#held-facts');
    const callState = h('p.callstate#call-state', { role: 'status', 'aria-live': 'polite' });
    const dialBtn = h('button#dial', { type: 'button' }, 'Dial');
    const dialMsg = h('p#dial-message', { role: 'status' });
    const history = h('div#held-history');
    const shot = h('div.screenshot#held-screenshot');
    const shotActions = screenshotActions(id, () => updateHeld().catch(() => {}));
    const notesList = h('ul#notes-list');

    dialBtn.addEventListener('click', async () => {
      dialMsg.textContent = 'Asking the PBX to place the call…';
      dialBtn.disabled = true;
      try {
        const r = await api.dial(id);
        dialMsg.textContent = r.accepted ? `Call placed (AMI ActionID ${r.actionId}).` : `The dialer refused: ${r.reason}`;
        dialMsg.className = r.accepted ? 'notice ok' : 'notice bad';
      } catch (e) {
        dialMsg.textContent = e.status === 503 ? 'The dialer is not running on this server: ' + e.message : e.message;
        dialMsg.className = 'notice bad';
      } finally {
        dialBtn.disabled = false;
        updateHeld().catch(() => {});
      }
    });

    // The outcome form.
    const radios = (list, name) => list.map(([v, label, hint]) => h('label', { title: hint || '' },
      h('input', { type: 'radio', name, value: v, id: 'outcome-' + v }), label));
    const callBackAt = h('input', { type: 'datetime-local' });
    const escalateTo = h('select', {}, h('option', { value: '' }, '— choose —'),
      h('option', { value: 'REPEAT_OR_DISSATISFIED' }, 'Repeat / dissatisfied'),
      h('option', { value: 'REPUTATIONAL_RISK' }, 'Reputational risk (supervisor)'));
    const outcomeNote = h('textarea', { rows: 3, maxlength: 4000 });
    const outcomeErr = h('div#outcome-error', { role: 'alert' });
    const outcomeForm = h('form#outcome-form', { novalidate: true },
      h('fieldset.radios#outcome-choice', { 'aria-describedby': 'outcome-choice-error' },
        h('legend', 'Outcome of the conversation'), radios(OUTCOMES, 'outcome'),
        h('p.hint', 'Or, dialing by hand, what the line did: '), radios(LINE_OUTCOMES, 'outcome'),
        h('p.error#outcome-choice-error', { role: 'alert' })),
      field('outcome-callBackAt', 'Call back at (your local time)', callBackAt, 'Needed for “Call back at…”; must be in the future.'),
      field('outcome-escalateTo', 'Escalate to', escalateTo, 'Needed for “Escalate”; the level can only go up.'),
      field('outcome-note', 'Note (optional)', outcomeNote, 'Stored with the outcome.'),
      outcomeErr,
      h('button#outcome-submit', { type: 'submit' }, 'Record outcome'));
    outcomeForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      for (const f of ['outcome-callBackAt', 'outcome-escalateTo', 'outcome-note']) setError(f, '');
      document.getElementById('outcome-choice-error').textContent = '';
      clear(outcomeErr);
      const chosen = outcomeForm.querySelector('input[name=outcome]:checked');
      if (!chosen) {
        document.getElementById('outcome-choice-error').textContent = 'Outcome: choose what came of the call.';
        outcomeForm.querySelector('input[name=outcome]').focus();
        return;
      }
      const body = { outcome: chosen.value };
      if (chosen.value === 'CALL_BACK_AT') {
        if (!callBackAt.value) { setError('outcome-callBackAt', 'Call back at: enter the time the caller asked for.'); callBackAt.focus(); return; }
        body.callBackAt = new Date(callBackAt.value).toISOString();
      }
      if (chosen.value === 'ESCALATE') {
        if (!escalateTo.value) { setError('outcome-escalateTo', 'Escalate to: choose the level.'); escalateTo.focus(); return; }
        body.escalateTo = escalateTo.value;
      }
      if (outcomeNote.value.trim()) body.note = outcomeNote.value.trim();
      try {
        const r = await api.outcome(id, body);
        let msg = `Recorded: ${chosen.value.replaceAll('_', ' ').toLowerCase()}. Callback #${id} is now ${r.callback.state}.`;
        if (r.next && r.next.planned) msg += ` Next attempt ${fmtTime(r.next.earliest)}–${fmtTime(r.next.latest)}.`;
        if (r.next && !r.next.planned) msg += ` The planner gave up: ${r.next.reason}.`;
        clear(outcomeErr, h('p.notice.ok#outcome-done', msg));
        lastAction.textContent = msg;
        lastAction.className = 'notice ok';
        outcomeNote.value = '';
        refresh();
      } catch (e) {
        const fieldId = e.field ? 'outcome-' + e.field : null;
        if (fieldId && document.getElementById(fieldId)) setError(fieldId, e.message);
        const title = e.status === 422 ? 'Refused by a desk rule' : e.status === 409 ? 'Not possible now' : 'Not recorded';
        clear(outcomeErr, h('div.notice.bad#outcome-refusal', h('strong', title + ': '), e.message,
          e.rule ? h('span.muted', ` (${e.rule})`) : null));
      }
    });

    // Notes.
    const noteText = h('textarea', { rows: 2, maxlength: 4000 });
    const noteForm = h('form#note-form', { novalidate: true }, field('note-body', 'New note', noteText),
      h('button#note-add', { type: 'submit' }, 'Add note'));
    noteForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('note-body', '');
      if (!noteText.value.trim()) { setError('note-body', 'Note: write something first.'); noteText.focus(); return; }
      try {
        await api.note(id, noteText.value.trim());
        noteText.value = '';
        updateHeld();
      } catch (e) { setError('note-body', e.message); }
    });

    // The caller's e-mail address on file for this number (PUT /api/callbacks/{id}/email).
    const emailInput = h('input', { type: 'email', autocomplete: 'off', value: d.email || '' });
    const emailWhy = h('input', { type: 'text', maxlength: 1000 });
    const emailMsg = h('p#email-message', { role: 'status' });
    const emailForm = h('form#email-form', { novalidate: true },
      field('email-address', 'Caller e-mail', emailInput, 'Kept for this callback number; screenshot links by e-mail go here.'),
      field('email-why', 'Why', emailWhy, 'E.g. “caller spelled it out”. Stored with the address.'),
      h('button#email-save', { type: 'submit' }, 'Save e-mail'), emailMsg);
    emailForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('email-address', '');
      setError('email-why', '');
      emailMsg.textContent = '';
      emailMsg.className = '';
      if (!emailInput.value.trim()) { setError('email-address', 'Caller e-mail: enter the address.'); emailInput.focus(); return; }
      if (!emailWhy.value.trim()) { setError('email-why', 'Why: say where the address comes from.'); emailWhy.focus(); return; }
      try {
        const r = await api.setEmail(id, emailInput.value.trim(), emailWhy.value.trim());
        emailInput.value = r.email;
        emailWhy.value = '';
        emailMsg.textContent = `Saved: ${r.email} for ${r.callbackNumber}.`;
        emailMsg.className = 'notice ok';
        updateHeld().catch(() => {});
      } catch (e) {
        const fieldId = e.field === 'why' ? 'email-why' : 'email-address';
        setError(fieldId, e.message);
        document.getElementById(fieldId).focus();
      }
    });

    // Give it back to the queue (POST /api/callbacks/{id}/release): only before dialing, with a reason.
    const releaseWhy = h('input', { type: 'text', maxlength: 1000, autocomplete: 'off' });
    const releaseBtn = h('button.secondary#release', { type: 'submit' }, 'Release');
    const releaseErr = h('div#release-error', { role: 'alert' });
    const releaseForm = h('form#release-form', { novalidate: true },
      field('release-why', 'Why', releaseWhy, 'E.g. “end of my shift”. Stored in the audit log; the callback goes back to the queue.'),
      releaseErr, releaseBtn);
    releaseForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('release-why', '');
      clear(releaseErr);
      if (!releaseWhy.value.trim()) { setError('release-why', 'Why: say why you give it back.'); releaseWhy.focus(); return; }
      try {
        await api.release(id, releaseWhy.value.trim());
        const msg = `Released: callback #${id} is back in the queue.`;
        lastAction.textContent = msg;
        lastAction.className = 'notice ok';
        refresh();
      } catch (e) {
        if (e.field === 'why') { setError('release-why', e.message); releaseWhy.focus(); return; }
        const title = e.status === 409 ? 'Not possible now' : 'Not released';
        clear(releaseErr, h('div.notice.bad#release-refusal', h('strong', title + ': '), e.message));
      }
    });

    const root = h('div',
      h('div.card', heading, facts, h('h3', 'Call'), callState, dialBtn, dialMsg),
      h('div.card', h('h3', 'Give back'), releaseForm),
      h('div.card', h('h3', 'Outcome'), outcomeForm),
      h('div.card', h('h3', 'Screenshot'), shot, shotActions.root),
      h('div.card', h('h3', 'Contact'), emailForm),
      h('div.card', h('h3', 'History'), history),
      h('div.card', h('h3', 'Notes'), notesList, noteForm));

    function update(d) {
      const c = d.callback;
      const flags = [];
      if (d.atRisk) flags.push(h('span.badge.risk', '⚠ deadline at risk'));
      if (d.repeat) flags.push(h('span.badge.repeat', `repeat of #${d.repeat.repeatOf} (within ${d.repeat.withinDays} days)`));
      if (d.escalationLevel && d.escalationLevel !== 'NORMAL') flags.push(h('span.badge.esc', 'escalated: ' + d.escalationLevel.replaceAll('_', ' ').toLowerCase()));
      clear(facts, h('p', flags),
        h('dl.facts',
          h('dt', 'Call back on'), h('dd', `${c.callbackNumber} (${(c.numberSource || '').replaceAll('_', ' ').toLowerCase()}; caller ID ${c.callerId || 'unknown'})`),
          h('dt', 'Product'), h('dd', c.product), h('dt', 'Category'), h('dd', c.category),
          h('dt', 'Urgency'), h('dd', c.urgency), h('dt', 'Language'), h('dd', c.language || '—'),
          h('dt', 'Reachable until'), h('dd', c.reachableUntil || 'the office closes'),
          h('dt', 'Deadline'), h('dd', fmtTime(d.deadline)),
          h('dt', 'Screenshot link by'), h('dd', c.screenshotChoice || '—'),
          h('dt', 'E-mail on file'), h('dd#held-email', d.email || '—'),
          h('dt', 'Requested'), h('dd', fmtTime(c.createdAt) + (c.mergeCount ? ` (asked ${c.mergeCount + 1} times)` : ''))));
      callState.textContent = 'Call state: ' + (CALL_STATE[c.state] || c.state);
      callState.dataset.state = c.state;
      dialBtn.disabled = !(c.state === 'CLAIMED');
      releaseBtn.disabled = !(c.state === 'CLAIMED');

      const s = d.screenshot || {};
      const items = [h('p#screenshot-state', { 'data-state': s.state || '' }, screenshotText.stateLabel, h('strong', screenshotText.state[s.state] || s.state || '—'))];
      if (!s.needed) items.push(h('p.muted', 'This category needs no screenshot.'));
      for (const r of s.requests || []) {
        const when = r.receivedAt || r.declinedAt || r.sentAt || r.requestedAt;
        const to = r.sentTo ? ` to ${r.sentTo}` : '';
        items.push(h('p', `${r.channel} link${to}, ${(r.state || '').toLowerCase()} ${fmtTime(when)}`
          + (r.failure ? ` — ${r.failure}` : '') + (r.note ? ` (${r.note})` : '')));
      }
      if (s.state === 'RECEIVED') {
        // The received image (screenshot pages: GET /screenshots/{callbackId}).
        const url = `/screenshots/${c.id}`;
        items.push(h('a', { href: url, target: '_blank', rel: 'noopener' },
          h('img#screenshot-image', { src: url, alt: `Screenshot the caller uploaded for callback #${c.id}` })));
      } else if (s.needed && !s.stepDone) {
        items.push(h('p.notice.warn#screenshot-needed', screenshotText.needed));
      }
      for (const r of s.recorded || []) items.push(h('p', screenshotText.recordedLine(r, fmtTime(r.recordedAt))));
      clear(shot, items);
      shotActions.update(s, c);

      const attempts = d.attempts || [];
      clear(history,
        attempts.length ? h('table#attempts', h('caption.muted', 'Attempts on this callback'),
          h('thead', h('tr', ['#', 'Consultant', 'Started', 'Answered', 'Outcome'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', attempts.map((a) => h('tr', h('td', a.attemptNo), h('td', a.consultant || '—'), h('td', fmtTime(a.startedAt)),
            h('td', fmtTime(a.answeredAt)), h('td', a.outcome || (a.endedAt ? '—' : 'in progress'))))))
          : h('p.muted', 'No attempts yet.'),
        h('h3', 'Earlier callbacks from this number'),
        (d.earlierCallbacks || []).length ? h('ul', d.earlierCallbacks.map((e) =>
          h('li', `#${e.id} ${e.product} / ${e.category} — ${e.state.toLowerCase()} (${fmtTime(e.createdAt)})`)))
          : h('p.muted', 'None.'),
        (d.surveys || []).length ? [h('h3', 'Surveys'), h('ul', d.surveys.map((x) =>
          h('li', `${x.state}${x.score ? ', score ' + x.score : ''} — ${x.consultant || ''}`)))] : null);

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
// Every visible string of this block is in screenshotText.
const screenshotText = {
  stateLabel: 'State: ',
  state: {
    NOT_NEEDED: 'Not needed', NOT_REQUESTED: 'No link sent yet', REQUESTED: 'Link on its way',
    SENT: 'Link sent, waiting for the caller', FAILED: 'Link could not be sent', RECEIVED: 'Received',
    DECLINED: 'Declined by the caller', RECEIVED_OTHER_MEANS: 'Received by other means', DECLINED_ON_PHONE: 'Declined on the phone',
  },
  needed: 'Needed before this callback can be closed as resolved. If the caller sent it another way or declined on the phone, record that below; otherwise send the link again.',
  recordedLine: (r, when) => `${screenshotText.state[r.outcome] || r.outcome} — “${r.reason}” (${r.recordedBy}, ${when})`,
  what: 'What the caller did', receivedOther: 'Sent it another way (e.g. by e-mail)', declinedPhone: 'Declined on the phone',
  reason: 'Reason', reasonHint: 'Required, e.g. “caller e-mailed it to support”. Kept in the audit trail.',
  record: 'Record screenshot step', chooseWhat: 'What the caller did: choose one.',
  noReason: 'Reason: say how the screenshot came or why the caller declined.',
  recorded: (what) => `Recorded: ${what}. The callback can now be closed as resolved.`,
  channel: 'Send the link by', callerChoice: 'The caller’s choice', sms: 'SMS', email: 'E-mail',
  address: 'E-mail address', addressHint: 'For e-mail only; leave empty to use the address on file.',
  resend: 'Send link again', resent: (ch) => `A new link is on its way by ${ch}.`,
  tooSoon: 'Too soon', notPossible: 'Not possible now', notDone: 'Not done',
};

function screenshotActions(id, changed) {
  const t = screenshotText;
  const what = [['RECEIVED_OTHER_MEANS', t.receivedOther], ['DECLINED_ON_PHONE', t.declinedPhone]].map(([v, label]) =>
    h('label', h('input', { type: 'radio', name: 'screenshot-outcome', value: v, id: 'screenshot-' + v }), label));
  const reason = h('textarea', { rows: 2, maxlength: 1000 });
  const channel = h('select', {}, h('option', { value: '' }, t.callerChoice), h('option', { value: 'SMS' }, t.sms),
    h('option', { value: 'EMAIL' }, t.email));
  const email = h('input', { type: 'email', autocomplete: 'off' });
  const recordBtn = h('button#screenshot-record', { type: 'submit' }, t.record);
  const resendBtn = h('button.secondary#screenshot-resend', { type: 'submit' }, t.resend);
  const msg = h('div#screenshot-message', { role: 'status', 'aria-live': 'polite' });
  const form = h('form#screenshot-form', { novalidate: true },
    h('fieldset.radios', h('legend', t.what), what, h('p.error#screenshot-outcome-error', { role: 'alert' })),
    field('screenshot-reason', t.reason, reason, t.reasonHint), recordBtn);
  const resendForm = h('form#screenshot-resend-form', { novalidate: true },
    field('screenshot-channel', t.channel, channel), field('screenshot-email', t.address, email, t.addressHint), resendBtn);
  const root = h('div#screenshot-actions', form, resendForm, msg);
  const say = (ok, title, text) => clear(msg, h(ok ? 'p.notice.ok' : 'p.notice.bad', title ? h('strong', title + ': ') : null, text));
  const refused = (e) => say(false, e.status === 429 ? t.tooSoon : e.status === 409 ? t.notPossible : t.notDone, e.message);
  const reset = () => { clear(msg); ['screenshot-reason', 'screenshot-channel', 'screenshot-email'].forEach((f) => setError(f, '')); };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    reset();
    document.getElementById('screenshot-outcome-error').textContent = '';
    const chosen = form.querySelector('input[name=screenshot-outcome]:checked');
    if (!chosen) { document.getElementById('screenshot-outcome-error').textContent = t.chooseWhat; what[0].querySelector('input').focus(); return; }
    if (!reason.value.trim()) { setError('screenshot-reason', t.noReason); reason.focus(); return; }
    try {
      await call('POST', `/api/callbacks/${id}/screenshot`, { outcome: chosen.value, reason: reason.value.trim() });
      reason.value = '';
      say(true, null, t.recorded(t.state[chosen.value]));
      changed();
    } catch (e) {
      if (e.field === 'reason') { setError('screenshot-reason', e.message); reason.focus(); } else refused(e);
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
      say(true, null, t.resent(r.channel === 'EMAIL' ? t.email : t.sms));
      changed();
    } catch (e) {
      const f = { channel: 'screenshot-channel', email: 'screenshot-email' }[e.field];
      if (f) { setError(f, e.message); document.getElementById(f).focus(); } else refused(e);
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
