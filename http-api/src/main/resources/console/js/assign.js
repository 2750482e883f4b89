// Supervisors: held and waiting callbacks, and handing one to a named consultant (the one who
// held it went home; a reputational risk needs a senior). One form under the list: choose the
// callback (or its row's "Choose" button), the consultant and why; the server checks every rule
// and its refusal is shown as it says it. GET /api/assignments, POST /api/callbacks/{id}/assign.

import { api } from './api.js';
import { h, clear, field, setError, fmtTime } from './dom.js';

export function assignView(section) {
  const tbody = h('tbody');
  const total = h('span#assign-total', '…');
  const table = h('table#assign-table',
    h('caption.muted', 'Claimed and queued callbacks, in the order the queue serves them.'),
    h('thead', h('tr', ['Callback', 'State', 'Held by', 'Product / category', 'Flags', 'Deadline', ''].map((t) => h('th', { scope: 'col' }, t)))),
    tbody);
  const callbackSel = h('select');
  const consultantSel = h('select');
  const why = h('input', { type: 'text', maxlength: 1000, autocomplete: 'off' });
  const result = h('div#assign-result', { role: 'status', 'aria-live': 'polite' });
  const form = h('form#assign-form', { novalidate: true },
    h('div.row',
      field('assign-callback', 'Callback', callbackSel),
      field('assign-consultant', 'Consultant', consultantSel, 'Active consultants; what each holds now is shown.')),
    field('assign-why', 'Why', why, 'E.g. “alice went home sick”. Stored in the audit log with who and when.'),
    result,
    h('div.row', h('button#assign-submit', { type: 'submit' }, 'Assign'),
      h('button.secondary#assign-refresh', { type: 'button', onclick: () => load() }, 'Refresh list')));

  clear(section, h('h2', 'Held and waiting callbacks'),
    h('div.card', h('h3', 'Open for assignment: ', total), table),
    h('div.card', h('h3', 'Assign to a consultant'), form));

  function render(r) {
    total.textContent = String(r.total);
    const chosen = callbackSel.value;
    const rows = r.items.map((item) => {
      const c = item.callback;
      const flags = [];
      if (c.escalationLevel !== 'NORMAL') flags.push(h('span.badge.esc', c.escalationLevel.replaceAll('_', ' ').toLowerCase()));
      if (item.atRisk) flags.push(h('span.badge.risk', '⚠ at risk'));
      const choose = h('button.secondary', { type: 'button', 'aria-label': `Choose callback #${c.id}` }, 'Choose');
      choose.addEventListener('click', () => { callbackSel.value = String(c.id); consultantSel.focus(); });
      return h('tr', { 'data-callback-id': c.id, 'data-holder': item.holder || '' },
        h('td', '#' + c.id), h('td', c.state), h('td', item.holder || h('span.muted', 'nobody (queued)')),
        h('td', `${c.product} / ${c.category}`), h('td', flags), h('td', fmtTime(item.deadline)), h('td', choose));
    });
    clear(tbody, rows.length ? rows : h('tr', h('td', { colspan: 7 }, h('span.muted', 'Nothing is claimed or waiting.'))));
    clear(callbackSel, h('option', { value: '' }, '— choose —'), r.items.map((item) => h('option', { value: item.callback.id, 'data-holder': item.holder || '' },
      `#${item.callback.id} ${item.callback.product} — ${item.holder ? 'held by ' + item.holder : 'queued'}`)));
    if (r.items.some((i) => String(i.callback.id) === chosen)) callbackSel.value = chosen;
    const person = consultantSel.value;
    clear(consultantSel, h('option', { value: '' }, '— choose —'), r.consultants.map((c) => h('option', { value: c.login },
      `${c.displayName} (${c.login}) — ${c.state.toLowerCase()}${c.supervisor ? ', supervisor' : ''}`
      + (c.holding ? `, holds #${c.holding}` : '') + `; ${c.skills.join(', ')}`)));
    if (r.consultants.some((c) => c.login === person)) consultantSel.value = person;
  }

  async function load() {
    try {
      render(await api.assignments());
    } catch (e) {
      clear(tbody, h('tr', h('td', { colspan: 7 }, h('span.notice.bad', 'Could not load the list: ' + e.message))));
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of ['assign-callback', 'assign-consultant', 'assign-why']) setError(f, '');
    clear(result);
    if (!callbackSel.value) { setError('assign-callback', 'Callback: choose one from the list.'); callbackSel.focus(); return; }
    if (!consultantSel.value) { setError('assign-consultant', 'Consultant: choose who gets it.'); consultantSel.focus(); return; }
    if (!why.value.trim()) { setError('assign-why', 'Why: say why it moves; the audit log keeps it.'); why.focus(); return; }
    try {
      // Who held it on this screen: if that changed meanwhile, the desk refuses rather than move it again.
      const seenHolder = callbackSel.selectedOptions[0]?.dataset.holder ?? '';
      const r = await api.assign(callbackSel.value, consultantSel.value, why.value.trim(), seenHolder);
      clear(result, h('p.notice.ok#assign-done', `Assigned: callback #${r.callback.id} is now held by ${r.consultant}.`));
      why.value = '';
    } catch (e) {
      const fieldId = e.field ? 'assign-' + e.field : null;
      if (fieldId && document.getElementById(fieldId)) setError(fieldId, e.message);
      const title = e.status === 409 ? 'Not possible now' : e.status === 403 ? 'Not allowed' : 'Not assigned';
      clear(result, h('div.notice.bad#assign-refusal', h('strong', title + ': '), e.message));
    }
    load();
  });

  load();
  return null;
}
