// The console's shell: login, the session's user and role, navigation between the views.

import { api, whenUnauthorized } from './api.js';
import { queueView } from './queue.js';
import { policyView } from './policy.js';
import { dashboardView } from './dashboard.js';
import { auditView } from './audit.js';
import { assignView } from './assign.js';
import { rosterView } from './roster.js';

const views = { queue: queueView, assign: assignView, roster: rosterView, policy: policyView, dashboard: dashboardView, audit: auditView };
let me = null;
let active = null;

const $ = (id) => document.getElementById(id);

export function flash(message) {
  $('flash').textContent = message || '';
}

function isSupervisor() { return me && me.role === 'supervisor'; }
function isConsultant() { return me && me.consultant; }

function allowed(name) {
  if (name === 'queue') return !!isConsultant();
  return isSupervisor();
}

function show(name) {
  for (const el of document.querySelectorAll('.view')) el.hidden = true;
  if (active && active.stop) active.stop();
  active = null;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === '#' + name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (name === 'login') {
    $('view-login').hidden = false;
    $('login-login').focus();
    return;
  }
  const section = $('view-' + name);
  section.hidden = false;
  active = views[name](section, me) || null;
}

function route() {
  if (!me) { show('login'); return; }
  let name = location.hash.replace(/^#/, '').split('/')[0];
  if (!views[name] || !allowed(name)) name = isConsultant() ? 'queue' : 'policy';
  if (location.hash !== '#' + name) { history.replaceState(null, '', '#' + name); }
  show(name);
}

function signedIn(user) {
  me = user;
  $('who-name').textContent = `${user.displayName || user.login} (${user.role})`;
  $('who').hidden = false;
  $('nav').hidden = false;
  for (const a of document.querySelectorAll('#nav a')) {
    a.hidden = !allowed(a.getAttribute('href').slice(1));
  }
  route();
}

function signedOut() {
  me = null;
  $('who').hidden = true;
  $('nav').hidden = true;
  show('login');
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const login = $('login-login').value.trim();
  const password = $('login-password').value;
  $('login-error').textContent = '';
  if (!login || !password) {
    $('login-error').textContent = !login ? 'Login: enter your login.' : 'Password: enter your password.';
    (!login ? $('login-login') : $('login-password')).focus();
    return;
  }
  try {
    await api.login(login, password);
    $('login-password').value = '';
    flash('');
    signedIn(await api.me());
  } catch (e) {
    $('login-error').textContent = e.status === 401 ? 'Login or password is wrong.' : e.message;
    $('login-password').focus();
  }
});

$('logout').addEventListener('click', async () => {
  try { await api.logout(); } finally { signedOut(); }
});

whenUnauthorized(() => { if (me) { flash('Your session ended; please log in again.'); signedOut(); } });
window.addEventListener('hashchange', route);

(async () => {
  try { signedIn(await api.me()); } catch (e) { signedOut(); }
})();
