// Supervisors: the audit log (callback transitions, consultant and account changes), newest first.

import { api } from './api.js';
import { h, clear, field, setError, fmtTime } from './dom.js';

export function auditView(section) {
  const source = h('select', {}, h('option', { value: 'callback' }, 'Callbacks'), h('option', { value: 'consultant' }, 'Consultants'),
    h('option', { value: 'account' }, 'Accounts'), h('option', { value: 'policy' }, 'Retry policy versions'));
  const callbackId = h('input', { inputmode: 'numeric', size: 8 });
  const actor = h('input', { size: 14 });
  const size = 50;
  let page = 0;
  const result = h('div#audit-result');
  const pager = h('div.row');
  const form = h('form#audit-form.row', { novalidate: true },
    field('audit-source', 'Source', source), field('audit-callbackId', 'Callback id', callbackId),
    field('audit-actor', 'Who acted', actor, 'e.g. alice or supervisor:sue'), h('button#audit-search', { type: 'submit' }, 'Show'));
  clear(section, h('h2', 'Audit log'), h('div.card', form, result, pager));

  async function load() {
    setError('audit-callbackId', '');
    const q = { source: source.value, page, size };
    if (callbackId.value.trim()) {
      if (!/^\d+$/.test(callbackId.value.trim())) { setError('audit-callbackId', 'Callback id: a number, e.g. 42.'); callbackId.focus(); return; }
      q.callbackId = callbackId.value.trim();
    }
    if (actor.value.trim()) q.actor = actor.value.trim();
    try {
      const r = await api.audit(q);
      const cols = r.source === 'callback' ? ['When', 'Who', 'Action', 'Callback', 'From → to', 'Why']
        : r.source === 'policy' ? ['When', 'Who', 'Action', 'Version', 'Changes', 'Why'] : ['When', 'Who', 'Action', 'Login', 'Detail', 'Why'];
      clear(result, h('table#audit-table', h('caption.muted', `${r.total} entries, newest first`),
        h('thead', h('tr', cols.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', r.items.map((i) => h('tr', h('td', fmtTime(i.at)), h('td', i.actor), h('td', i.action),
          r.source === 'callback' ? [h('td', '#' + i.callbackId), h('td', `${i.oldState || '—'} → ${i.newState || '—'}`)]
            : [h('td', String(i.login ?? i.version ?? i.subject ?? '')), h('td', h('pre', i.detail || ''))],
          h('td', i.why || ''))))));
      const pages = Math.max(1, Math.ceil(r.total / size));
      clear(pager, h('button.secondary', { type: 'button', disabled: page === 0, onclick: () => { page--; load(); } }, 'Newer'),
        h('span', `page ${page + 1} of ${pages}`),
        h('button.secondary', { type: 'button', disabled: page + 1 >= pages, onclick: () => { page++; load(); } }, 'Older'));
    } catch (e) {
      if (e.field && document.getElementById('audit-' + e.field)) setError('audit-' + e.field, e.message);
      clear(result, h('p.notice.bad', e.message));
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); page = 0; load(); });
  load();
  return null;
}
