// The console's shell: login, the session's user and role, navigation between the views.

import { api, whenUnauthorized } from './api.js';
import { t, label, language, loadLocale, switchLanguage } from './i18n.js';
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
  $('who-name').textContent = t('who', { name: user.displayName || user.login, role: label('role', String(user.role).toUpperCase()) });
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
    $('login-error').textContent = !login ? t('login.needLogin') : t('login.needPassword');
    (!login ? $('login-login') : $('login-password')).focus();
    return;
  }
  try {
    await api.login(login, password);
    $('login-password').value = '';
    flash('');
    signedIn(await api.me());
  } catch (e) {
    $('login-error').textContent = e.status === 401 ? t('login.wrong') : e.message;
    $('login-password').focus();
  }
});

$('logout').addEventListener('click', async () => {
  try { await api.logout(); } finally { signedOut(); }
});

whenUnauthorized(() => { if (me) { flash(t('sessionEnded')); signedOut(); } });
window.addEventListener('hashchange', route);

/** The page's fixed text (index.html) in the current language: data-i18n="key" and data-i18n-aria-label="key". */
function translateStatic() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  document.title = t('title');
  // The switch names the other language in that language, so a person who cannot read this one finds it.
  const other = language() === 'zh-TW' ? 'en' : 'zh-TW';
  const sw = $('lang-switch');
  sw.textContent = other === 'zh-TW' ? '中文' : 'English';
  sw.lang = other === 'zh-TW' ? 'zh-Hant-TW' : 'en';
  sw.dataset.lang = other;
  sw.setAttribute('aria-label', other === 'zh-TW' ? '切換為中文' : 'Switch to English');
  sw.onclick = () => switchLanguage(other);
}

(async () => {
  await loadLocale();
  translateStatic();
  try { signedIn(await api.me()); } catch (e) { signedOut(); }
})();
