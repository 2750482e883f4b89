// Supervisors: the audit log (callback transitions, consultant and account changes), newest first.

import { api } from './api.js';
import { h, clear, field, setError, fmtDateTime } from './dom.js';
import { t, label, humanText } from './i18n.js';

/** "consultant:alice" → "alice (Consultant)"; "system:planner" → "planner (System)". */
function actorText(actor) {
  const m = /^([a-z]+):(.*)$/.exec(actor || '');
  return m ? `${m[2]} (${label('actorKind', m[1].toUpperCase())})` : (actor || '');
}

export function auditView(section) {
  const source = h('select', {}, ['callback', 'consultant', 'account', 'policy'].map((x) =>
    h('option', { value: x }, label('auditSource', x.toUpperCase()))));
  const callbackId = h('input', { inputmode: 'numeric', size: 8 });
  const actor = h('input', { size: 14 });
  const size = 50;
  let page = 0;
  const result = h('div#audit-result');
  const pager = h('div.row');
  const form = h('form#audit-form.row', { novalidate: true },
    field('audit-source', t('audit.source'), source), field('audit-callbackId', t('audit.callbackId'), callbackId),
    field('audit-actor', t('audit.actor'), actor, t('audit.actorHint')), h('button#audit-search', { type: 'submit' }, t('audit.show')));
  clear(section, h('h2', t('audit.title')), h('div.card', form, result, pager));

  async function load() {
    setError('audit-callbackId', '');
    const q = { source: source.value, page, size };
    if (callbackId.value.trim()) {
      if (!/^\d+$/.test(callbackId.value.trim())) { setError('audit-callbackId', t('audit.needNumber')); callbackId.focus(); return; }
      q.callbackId = callbackId.value.trim();
    }
    if (actor.value.trim()) q.actor = actor.value.trim();
    try {
      const r = await api.audit(q);
      const cols = r.source === 'callback' ? [t('audit.when'), t('audit.who'), t('audit.action'), t('queue.col.callback'), t('audit.fromTo'), t('why')]
        : r.source === 'policy' ? [t('audit.when'), t('audit.who'), t('audit.action'), t('audit.version'), t('audit.changes'), t('why')]
          : [t('audit.when'), t('audit.who'), t('audit.action'), t('login.login'), t('audit.detail'), t('why')];
      // A first state has no "from": the entry that created the callback shows only where it started.
      const move = (i) => (i.oldState ? `${label('callbackState', i.oldState)} → ${label('callbackState', i.newState)}`
        : i.newState ? label('callbackState', i.newState) : '—');
      clear(result, h('div.table-fit', h('table#audit-table', h('caption.muted', t('audit.caption', { n: r.total })),
        h('thead', h('tr', cols.map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', r.items.map((i) => h('tr', h('td.nowrap', fmtDateTime(i.at)), h('td', actorText(i.actor)), h('td', label('auditAction', i.action)),
          r.source === 'callback' ? [h('td.nowrap', '#' + i.callbackId), h('td', move(i))]
            : [h('td', String(i.login ?? i.version ?? i.subject ?? '')), h('td', h('pre.wrap', humanText(i.detail || '')))],
          h('td', humanText(i.why || ''))))))));
      const pages = Math.max(1, Math.ceil(r.total / size));
      clear(pager, h('button.secondary', { type: 'button', disabled: page === 0, onclick: () => { page--; load(); } }, t('audit.newer')),
        h('span', t('audit.page', { page: page + 1, pages })),
        h('button.secondary', { type: 'button', disabled: page + 1 >= pages, onclick: () => { page++; load(); } }, t('audit.older')));
    } catch (e) {
      if (e.field && document.getElementById('audit-' + e.field)) setError('audit-' + e.field, humanText(e.message));
      clear(result, h('p.notice.bad', humanText(e.message)));
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); page = 0; load(); });
  load();
  return null;
}
