// Supervisors: held and waiting callbacks, and handing one to a named consultant (the one who
// held it went home; a reputational risk needs a senior). One form under the list: choose the
// callback (or its row's "Choose" button), the consultant and why; the server checks every rule
// and its refusal is shown as it says it. GET /api/assignments, POST /api/callbacks/{id}/assign.

import { api } from './api.js';
import { h, clear, field, setError, fmtTime } from './dom.js';
import { t, label, humanText } from './i18n.js';

export function assignView(section) {
  const tbody = h('tbody');
  const total = h('span#assign-total', '…');
  const table = h('table#assign-table',
    h('caption.muted', t('assign.caption')),
    h('thead', h('tr', [t('queue.col.callback'), t('assign.col.state'), t('assign.col.holder'), t('queue.col.product'), t('queue.col.flags'),
      t('held.deadline'), ''].map((x) => h('th', { scope: 'col' }, x)))),
    tbody);
  const callbackSel = h('select');
  const consultantSel = h('select');
  const why = h('input', { type: 'text', maxlength: 1000, autocomplete: 'off' });
  const result = h('div#assign-result', { role: 'status', 'aria-live': 'polite' });
  const form = h('form#assign-form', { novalidate: true },
    h('div.row',
      field('assign-callback', t('queue.col.callback'), callbackSel),
      field('assign-consultant', t('assign.consultant'), consultantSel, t('assign.consultantHint'))),
    field('assign-why', t('why'), why, t('assign.whyHint')),
    result,
    h('div.row', h('button#assign-submit', { type: 'submit' }, t('assign.submit')),
      h('button.secondary#assign-refresh', { type: 'button', onclick: () => load() }, t('assign.refresh'))));

  clear(section, h('h2', t('assign.title')),
    h('div.card', h('h3', t('assign.open'), ' ', total), h('div.table-fit', table)),
    h('div.card', h('h3', t('assign.to')), form));

  function render(r) {
    total.textContent = String(r.total);
    const chosen = callbackSel.value;
    const rows = r.items.map((item) => {
      const c = item.callback;
      const flags = [];
      if (c.escalationLevel !== 'NORMAL') flags.push(h('span.badge.esc', label('escalation', c.escalationLevel)));
      if (item.atRisk) flags.push(h('span.badge.risk', t('queue.atRisk')));
      const choose = h('button.secondary', { type: 'button', 'aria-label': t('assign.chooseOne', { id: c.id }) }, t('assign.choose'));
      choose.addEventListener('click', () => { callbackSel.value = String(c.id); consultantSel.focus(); });
      return h('tr', { 'data-callback-id': c.id, 'data-holder': item.holder || '' },
        h('td.nowrap', '#' + c.id), h('td', label('callbackState', c.state)), h('td', item.holder || h('span.muted', t('assign.nobody'))),
        h('td', label('product', c.product), h('br'), h('span.muted', label('category', c.category))), h('td', flags),
        h('td.nowrap', fmtTime(item.deadline)), h('td', choose));
    });
    clear(tbody, rows.length ? rows : h('tr', h('td', { colspan: 7 }, h('span.muted', t('assign.empty')))));
    clear(callbackSel, h('option', { value: '' }, t('choose')), r.items.map((item) => h('option', { value: item.callback.id, 'data-holder': item.holder || '' },
      `#${item.callback.id} ${label('product', item.callback.product)} — ${item.holder ? t('assign.heldBy', { who: item.holder }) : label('callbackState', 'QUEUED')}`)));
    if (r.items.some((i) => String(i.callback.id) === chosen)) callbackSel.value = chosen;
    const person = consultantSel.value;
    clear(consultantSel, h('option', { value: '' }, t('choose')), r.consultants.map((c) => h('option', { value: c.login },
      `${c.displayName} (${c.login}) — ${label('consultantState', c.state)}${c.supervisor ? t('assign.isSupervisor') : ''}`
      + (c.holding ? t('assign.holds', { id: c.holding }) : '') + `; ${(c.skills || []).map((k) => label('product', k)).join(', ')}`)));
    if (r.consultants.some((c) => c.login === person)) consultantSel.value = person;
  }

  async function load() {
    try {
      render(await api.assignments());
    } catch (e) {
      clear(tbody, h('tr', h('td', { colspan: 7 }, h('span.notice.bad', t('assign.loadFailed', { message: humanText(e.message) })))));
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const f of ['assign-callback', 'assign-consultant', 'assign-why']) setError(f, '');
    clear(result);
    if (!callbackSel.value) { setError('assign-callback', t('assign.needCallback')); callbackSel.focus(); return; }
    if (!consultantSel.value) { setError('assign-consultant', t('assign.needConsultant')); consultantSel.focus(); return; }
    if (!why.value.trim()) { setError('assign-why', t('assign.needWhy')); why.focus(); return; }
    try {
      // Who held it on this screen: if that changed meanwhile, the desk refuses rather than move it again.
      const seenHolder = callbackSel.selectedOptions[0]?.dataset.holder ?? '';
      const r = await api.assign(callbackSel.value, consultantSel.value, why.value.trim(), seenHolder);
      clear(result, h('p.notice.ok#assign-done', t('assign.done', { id: r.callback.id, who: r.consultant })));
      why.value = '';
    } catch (e) {
      const fieldId = e.field ? 'assign-' + e.field : null;
      if (fieldId && document.getElementById(fieldId)) setError(fieldId, humanText(e.message));
      const title = e.status === 409 ? t('refused.now') : e.status === 403 ? t('refused.notAllowed') : t('refused.notAssigned');
      clear(result, h('div.notice.bad#assign-refusal', h('strong', title + ': '), humanText(e.message)));
    }
    load();
  });

  load();
  return null;
}
