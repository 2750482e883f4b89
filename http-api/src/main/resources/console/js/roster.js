// Supervisors: the roster — who takes callbacks, in which team, for which products and
// categories, in which languages, on which phone; supervisors among them take reputational-risk
// callbacks. List, add, edit, deactivate (and bring back), each with a reason kept in the
// consultant's history. GET/POST /api/consultants, PUT /api/consultants/{login},
// POST /api/consultants/{login}/deactivate.

import { call } from './api.js';
import { h, clear, field, setError } from './dom.js';
import { t, label as lbl, codes, humanText } from './i18n.js';

// Every string this page shows, from the console's strings (t) and the desk's label table (label).
function rosterText() {
  const table = (kind) => Object.fromEntries(codes(kind).map((c) => [c, lbl(kind, c)]));
  return {
    title: t('roster.title'),
    listTitle: t('roster.listTitle'),
    caption: t('roster.caption'),
    cols: ['roster.col.name', 'roster.col.team', 'roster.col.products', 'roster.col.categories', 'roster.col.languages',
      'roster.col.phone', 'roster.col.supervisor', 'roster.col.status'].map((k) => t(k)).concat(['']),
    nobody: t('roster.nobody'),
    loadFailed: t('roster.loadFailed'),
    yes: t('roster.yes'),
    no: '—',
    anyCategory: t('roster.anyCategory'),
    notStated: t('roster.notStated'),
    inactive: t('roster.inactive'),
    holds: (id) => t('roster.holds', { id }),
    states: table('consultantState'),
    groups: table('group'),
    outsourcedTo: (vendor) => t('roster.outsourcedTo', { vendor }),
    otherGroup: t('roster.otherGroup'),
    products: table('product'),
    categories: table('category'),
    languages: table('language'),
    edit: t('roster.edit'),
    editOf: (name) => t('roster.editOf', { name }),
    deactivate: t('roster.deactivate'),
    reactivate: t('roster.reactivate'),
    addTitle: t('roster.addTitle'),
    login: t('login.login'),
    loginHint: t('roster.loginHint'),
    displayName: t('roster.displayName'),
    group: t('roster.col.team'),
    groupOther: t('roster.groupOther'),
    groupOtherHint: t('roster.groupOtherHint'),
    skills: t('roster.skills'),
    skillsHint: t('roster.skillsHint'),
    cats: t('roster.cats'),
    catsHint: t('roster.catsHint'),
    langs: t('roster.langs'),
    endpoint: t('roster.endpoint'),
    endpointHint: t('roster.endpointHint'),
    supervisor: t('roster.supervisor'),
    why: t('why'),
    whyHint: t('roster.whyHint'),
    add: t('roster.add'),
    save: t('roster.save'),
    cancel: t('roster.cancel'),
    added: (name) => t('roster.added', { name }),
    saved: (name) => t('roster.saved', { name }),
    deactivated: (name) => t('roster.deactivated', { name }),
    reactivated: (name) => t('roster.reactivated', { name }),
    deactivateTitle: (name) => t('roster.deactivateTitle', { name }),
    reactivateTitle: (name) => t('roster.reactivateTitle', { name }),
    deactivateHint: t('roster.deactivateHint'),
    confirmDeactivate: t('roster.deactivate'),
    confirmReactivate: t('roster.reactivate'),
    refused: t('roster.refused') + ' ',
    notNow: t('refused.now') + ': ',
    need: {
      login: t('login.needLogin'),
      displayName: t('roster.need.displayName'),
      skills: t('roster.need.skills'),
      endpoint: t('roster.need.endpoint'),
      group: t('roster.need.group'),
      why: t('roster.need.why'),
    },
  };
}
let text = null;

const groupLabel = (code) => {
  if (text.groups[code]) return text.groups[code];
  const m = /^OUTSOURCED[-_](.+)$/.exec(code || '');
  const words = (s) => s.toLowerCase().split(/[-_]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  return m ? text.outsourcedTo(words(m[1])) : words(code);
};
const label = (table, code) => table[code] || code;
const labels = (table, codes, empty) => (codes && codes.length ? codes.map((c) => label(table, c)).join(', ') : empty);

export function rosterView(section) {
  text = rosterText();
  let consultants = [];
  let editing = null;       // the login being edited, or null when adding
  let pending = null;       // the consultant of the deactivate / bring-back panel

  const tbody = h('tbody');
  const table = h('table#roster-table', h('caption.muted', text.caption),
    h('thead', h('tr', text.cols.map((c) => h('th', { scope: 'col' }, c)))), tbody);
  const listMsg = h('div#roster-list-message', { role: 'status', 'aria-live': 'polite' });

  // ---- the add / edit form
  const formTitle = h('h3#roster-form-title', text.addTitle);
  const login = h('input', { autocomplete: 'off', maxlength: 64 });
  const displayName = h('input', { autocomplete: 'off', maxlength: 128 });
  const groupSel = h('select');
  const groupOther = h('input', { autocomplete: 'off', maxlength: 64 });
  const groupOtherField = field('roster-group-other', text.groupOther, groupOther, text.groupOtherHint);
  const skillsBox = h('fieldset#roster-skills', h('legend', text.skills));
  const catsBox = h('fieldset#roster-categories', h('legend', text.cats));
  const langsBox = h('fieldset#roster-languages', h('legend', text.langs));
  const endpoint = h('input', { autocomplete: 'off', maxlength: 128, placeholder: 'PJSIP/…' });
  const supervisor = h('input', { type: 'checkbox', id: 'roster-supervisor' });
  const why = h('input', { autocomplete: 'off', maxlength: 1000 });
  const submit = h('button#roster-submit', { type: 'submit' }, text.add);
  const cancel = h('button.secondary#roster-cancel', { type: 'button', hidden: true, onclick: () => startAdd() }, text.cancel);
  const formMsg = h('div#roster-form-message', { role: 'status', 'aria-live': 'polite' });
  const form = h('form#roster-form', { novalidate: true },
    h('div.policy-grid',
      field('roster-login', text.login, login, text.loginHint),
      field('roster-displayName', text.displayName, displayName),
      field('roster-group', text.group, groupSel),
      groupOtherField,
      field('roster-endpoint', text.endpoint, endpoint, text.endpointHint)),
    skillsBox, h('p.error#roster-skills-error', { role: 'alert' }),
    catsBox, h('p.error#roster-categories-error', { role: 'alert' }),
    langsBox, h('p.error#roster-languages-error', { role: 'alert' }),
    h('div.field.radios', h('label', supervisor, ' ' + text.supervisor)),
    field('roster-why', text.why, why, text.whyHint),
    formMsg, h('div.row', submit, cancel));

  // ---- the deactivate / bring back panel
  const pendingTitle = h('h3#roster-active-title');
  const pendingWhy = h('input', { autocomplete: 'off', maxlength: 1000 });
  const pendingConfirm = h('button#roster-active-confirm', { type: 'submit' });
  const pendingMsg = h('div#roster-active-message', { role: 'status', 'aria-live': 'polite' });
  const pendingForm = h('form#roster-active-form', { novalidate: true },
    h('p.hint', text.deactivateHint), field('roster-active-why', text.why, pendingWhy, text.whyHint), pendingMsg,
    h('div.row', pendingConfirm, h('button.secondary', { type: 'button', onclick: () => { panel.hidden = true; } }, text.cancel)));
  const panel = h('div.card#roster-active-panel', { hidden: true }, pendingTitle, pendingForm);

  clear(section, h('h2', text.title),
    h('div.card', h('h3', text.listTitle), listMsg, h('div', table)),
    panel,
    h('div.card', formTitle, form));

  const checkboxes = (box, name, table, chosen) => {
    box.querySelectorAll('label').forEach((l) => l.remove());
    const codes = new Set(Object.keys(table));
    for (const c of consultants) for (const x of (c[name] || [])) codes.add(x);
    for (const x of chosen) codes.add(x);
    box.classList.add('radios');
    for (const code of codes) {
      const input = h('input', { type: 'checkbox', value: code, id: `roster-${name}-${code}` });
      input.checked = chosen.includes(code);
      box.append(h('label', { for: input.id }, input, ' ' + label(table, code)));
    }
  };
  const ticked = (box) => [...box.querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);

  function fillGroups(chosen) {
    const codes = new Set(Object.keys(text.groups));
    for (const c of consultants) codes.add(c.group);
    clear(groupSel, [...codes].map((g) => h('option', { value: g }, groupLabel(g))), h('option', { value: '' }, text.otherGroup));
    groupSel.value = chosen && codes.has(chosen) ? chosen : chosen ? '' : 'IN_HOUSE';
    groupOther.value = chosen && !codes.has(chosen) ? chosen : '';
    groupOtherField.hidden = groupSel.value !== '';
  }
  groupSel.addEventListener('change', () => { groupOtherField.hidden = groupSel.value !== ''; });

  function clearErrors() {
    for (const f of ['login', 'displayName', 'group', 'group-other', 'endpoint', 'skills', 'categories', 'languages', 'why']) {
      setError('roster-' + f, '');
    }
    clear(formMsg);
  }

  function startAdd() {
    editing = null;
    formTitle.textContent = text.addTitle;
    submit.textContent = text.add;
    cancel.hidden = true;
    login.disabled = false;
    login.value = '';
    displayName.value = '';
    endpoint.value = '';
    supervisor.checked = false;
    why.value = '';
    fillGroups(null);
    checkboxes(skillsBox, 'skills', text.products, []);
    checkboxes(catsBox, 'categories', text.categories, []);
    checkboxes(langsBox, 'languages', text.languages, []);
    clearErrors();
  }

  function startEdit(c) {
    editing = c.login;
    formTitle.textContent = text.editOf(c.displayName);
    submit.textContent = text.save;
    cancel.hidden = false;
    login.value = c.login;
    login.disabled = true;
    displayName.value = c.displayName;
    endpoint.value = c.endpoint;
    supervisor.checked = c.supervisor;
    why.value = '';
    fillGroups(c.group);
    checkboxes(skillsBox, 'skills', text.products, c.skills);
    checkboxes(catsBox, 'categories', text.categories, c.categories);
    checkboxes(langsBox, 'languages', text.languages, c.languages);
    clearErrors();
    displayName.focus();
  }

  function startActive(c) {
    pending = c;
    pendingTitle.textContent = c.active ? text.deactivateTitle(c.displayName) : text.reactivateTitle(c.displayName);
    pendingConfirm.textContent = c.active ? text.confirmDeactivate : text.confirmReactivate;
    pendingWhy.value = '';
    setError('roster-active-why', '');
    clear(pendingMsg);
    panel.hidden = false;
    pendingWhy.focus();
  }

  function render() {
    const rows = consultants.map((c) => h('tr', { 'data-login': c.login },
      h('td', h('strong', c.displayName), h('div.muted', c.login)),
      h('td', groupLabel(c.group)),
      h('td', labels(text.products, c.skills, text.no)),
      h('td', labels(text.categories, c.categories, text.anyCategory)),
      h('td', labels(text.languages, c.languages, text.notStated)),
      h('td', h('code', c.endpoint)),
      h('td', c.supervisor ? text.yes : text.no),
      h('td', c.active ? label(text.states, c.state) : h('span.muted', text.inactive),
        c.holding ? h('div.muted', text.holds(c.holding)) : null),
      h('td', h('div.row',
        h('button.secondary', { type: 'button', 'data-action': 'edit', 'aria-label': `${text.edit} ${c.displayName}`,
          onclick: () => startEdit(c) }, text.edit),
        h('button.secondary', { type: 'button', 'data-action': c.active ? 'deactivate' : 'reactivate',
          'aria-label': `${c.active ? text.deactivate : text.reactivate} ${c.displayName}`,
          onclick: () => startActive(c) }, c.active ? text.deactivate : text.reactivate)))));
    clear(tbody, rows.length ? rows : h('tr', h('td', { colspan: text.cols.length }, h('span.muted', text.nobody))));
  }

  async function load() {
    try {
      consultants = (await call('GET', '/api/consultants')).consultants;
      render();
    } catch (e) {
      clear(listMsg, h('p.notice.bad', text.loadFailed + humanText(e.message)));
    }
  }

  function showRefusal(box, e, prefix) {
    const id = e.field === 'group' && groupSel.value === '' ? 'roster-group-other' : 'roster-' + e.field;
    if (e.field && document.getElementById(id)) setError(id, humanText(e.message));
    clear(box, h('div.notice.bad#roster-refusal', h('strong', e.status === 409 ? text.notNow : prefix), humanText(e.message)));
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const group = groupSel.value || groupOther.value.trim();
    const body = {
      displayName: displayName.value.trim(), group, skills: ticked(skillsBox), categories: ticked(catsBox),
      languages: ticked(langsBox), endpoint: endpoint.value.trim(), supervisor: supervisor.checked, why: why.value.trim(),
    };
    const missing = [
      [!editing && !login.value.trim(), 'roster-login', text.need.login, login],
      [!body.displayName, 'roster-displayName', text.need.displayName, displayName],
      [!group, 'roster-group-other', text.need.group, groupOther],
      [!body.endpoint, 'roster-endpoint', text.need.endpoint, endpoint],
      [!body.skills.length, 'roster-skills', text.need.skills, skillsBox.querySelector('input')],
      [!body.why, 'roster-why', text.need.why, why],
    ].filter(([bad]) => bad);
    for (const [, id, message] of missing) setError(id, message);
    if (missing.length) { missing[0][3]?.focus(); return; }
    try {
      const r = editing
        ? await call('PUT', `/api/consultants/${encodeURIComponent(editing)}`, body)
        : await call('POST', '/api/consultants', { login: login.value.trim(), ...body });
      const done = h('p.notice.ok#roster-done', editing ? text.saved(r.consultant.displayName)
        : text.added(r.consultant.displayName));
      await load();
      if (editing) startEdit(consultants.find((c) => c.login === editing) || r.consultant); else startAdd();
      clear(formMsg, done);
    } catch (e) {
      showRefusal(formMsg, e, text.refused);
    }
  });

  pendingForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setError('roster-active-why', '');
    const reason = pendingWhy.value.trim();
    if (!reason) { setError('roster-active-why', text.need.why); pendingWhy.focus(); return; }
    const c = pending;
    try {
      const r = c.active
        ? await call('POST', `/api/consultants/${encodeURIComponent(c.login)}/deactivate`, { why: reason })
        : await call('PUT', `/api/consultants/${encodeURIComponent(c.login)}`, { active: true, why: reason });
      panel.hidden = true;
      clear(listMsg, h('p.notice.ok#roster-active-done',
        c.active ? text.deactivated(r.consultant.displayName) : text.reactivated(r.consultant.displayName)));
      await load();
    } catch (e) {
      clear(pendingMsg, h('div.notice.bad#roster-active-refusal', h('strong', e.status === 409 ? text.notNow : text.refused),
        humanText(e.message)));
    }
  });

  load().then(() => startAdd());
  return null;
}
