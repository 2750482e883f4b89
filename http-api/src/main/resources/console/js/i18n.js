// The console's language and times: every string a person reads goes through t(key), every code
// through label(kind, code) — the desk's one label table, GET /api/labels — and every time through
// fmtTime/fmtDateTime, in the office's time zone (from the same answer), never the browser's.
// The language is the browser's (navigator.languages) until the person picks one; the pick is remembered.

import { STRINGS } from './strings.js';

const STORE_KEY = 'callbackDesk.lang';
export const LANGUAGES = ['en', 'zh-TW'];

let lang = pickLanguage();
let labels = {};
let officeZone = 'Asia/Taipei';
let codeIndex = null;

function pickLanguage() {
  try {
    const saved = localStorage.getItem(STORE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch (e) { /* storage may be off: the browser's language then */ }
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const x = String(l).toLowerCase();
    if (x === 'zh' || x.startsWith('zh-')) return 'zh-TW';
    if (x === 'en' || x.startsWith('en-')) return 'en';
  }
  return 'en';
}

export function language() { return lang; }
export function zone() { return officeZone; }

/** Remembers the choice and reloads the page in it (every view is drawn again). */
export function switchLanguage(to) {
  try { localStorage.setItem(STORE_KEY, to); } catch (e) { /* not remembered, still switched for this page */ }
  location.reload();
}

/** Loads the label table and the office zone for the current language (once per page). */
export async function loadLocale() {
  document.documentElement.lang = lang === 'zh-TW' ? 'zh-Hant-TW' : 'en';
  try {
    const res = await fetch('/api/labels?lang=' + encodeURIComponent(lang), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.ok) {
      const body = await res.json();
      labels = body.labels || {};
      officeZone = body.officeZone || officeZone;
    }
  } catch (e) { /* labels fall back to words below; times to the default office zone */ }
  codeIndex = null;
}

/** The string `key` in the current language, `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const table = STRINGS[lang] || STRINGS.en;
  let s = table[key] ?? STRINGS.en[key];
  if (s === undefined) { console.warn('no console string', key); s = key; }
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined || vars[k] === null ? '' : String(vars[k]))).trim();
  return s;
}

/** "SOME_CODE" → "Some code": what a code the table does not know reads as — never the code itself. */
function words(code) {
  const s = String(code).replaceAll('_', ' ').replaceAll('-', ' ').toLowerCase().trim();
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** The label of `code` of `kind` (callbackState, outcome, product, category, …). */
export function label(kind, code) {
  if (code === null || code === undefined || code === '') return '';
  const k = labels[kind];
  if (k && k[code] !== undefined) return k[code];
  return words(code);
}

/** The codes the label table has for `kind`, in the table's order. */
export function codes(kind) {
  return Object.keys(labels[kind] || {});
}

// Kinds searched when a code turns up inside a free text (an audit "why", a server message), first match wins.
const TEXT_KINDS = ['callbackState', 'outcome', 'escalation', 'urgency', 'consultantState', 'screenshotState',
  'screenshotChoice', 'surveyState', 'preDialDecision', 'rule', 'changeField', 'product', 'category', 'group', 'role', 'giveUpReason'];

function index() {
  if (codeIndex) return codeIndex;
  codeIndex = new Map();
  for (const kind of TEXT_KINDS) for (const [code, text] of Object.entries(labels[kind] || {})) {
    if (/^[A-Z][A-Z0-9_]+$/.test(code) && !codeIndex.has(code)) codeIndex.set(code, text);
  }
  return codeIndex;
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** A free text as a person reads it: ISO instants as office time, known codes as their labels. */
export function humanText(text) {
  if (!text) return text || '';
  const idx = index();
  return String(text)
    .replace(ISO_INSTANT, (iso) => fmtDateTime(iso))
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{3,}\b/g, (code) => (idx.has(code) ? idx.get(code) : code));
}

// ---------------------------------------------------------------- times, in the office's zone

function parts(date, tz) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' });
  const o = {};
  for (const p of f.formatToParts(date)) o[p.type] = p.value;
  return o;
}

const WEEKDAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const ZH_WEEKDAYS = ['週一', '週二', '週三', '週四', '週五', '週六', '週日'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayNumber(p) { return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / 86400000; }

function render(p, withDate, withWeekday) {
  const hm = `${p.hour}:${p.minute}`;
  const wd = WEEKDAYS[p.weekday];
  if (lang === 'zh-TW') {
    const date = withDate ? `${Number(p.month)}月${Number(p.day)}日` : '';
    const week = withWeekday ? `(${ZH_WEEKDAYS[wd]})` : '';
    return `${date}${week}${date || week ? ' ' : ''}${hm}`;
  }
  const week = withWeekday ? p.weekday + ' ' : '';
  const date = withDate ? `${Number(p.day)} ${EN_MONTHS[Number(p.month) - 1]} ` : '';
  return `${week}${date}${hm}`;
}

/**
 * A time for tables and lines of text, as short as is unambiguous, in office time:
 * "14:05" today, "Tue 14:05" within the week around today, "Mon 7 Dec 14:05" otherwise.
 */
export function fmtTime(iso, tz) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const zoneId = tz || officeZone;
  const p = parts(d, zoneId);
  const gap = dayNumber(p) - dayNumber(parts(new Date(), zoneId));
  if (gap === 0) return render(p, false, false);
  if (Math.abs(gap) <= 6) return render(p, false, true);
  return render(p, true, true);
}

/** A time with its date, always: "Mon 7 Dec 14:05" (audit log, policy history). */
export function fmtDateTime(iso, tz) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return render(parts(d, tz || officeZone), true, true);
}

/** The office day of an instant: "Mon 7 Dec" / "12月7日(週一)". */
export function fmtDay(iso) {
  if (!iso) return '—';
  const p = parts(new Date(iso), officeZone);
  const wd = WEEKDAYS[p.weekday];
  return lang === 'zh-TW' ? `${Number(p.month)}月${Number(p.day)}日(${ZH_WEEKDAYS[wd]})` : `${p.weekday} ${Number(p.day)} ${EN_MONTHS[Number(p.month) - 1]}`;
}

/** The hour "14" of an instant in office time (charts' hour labels). */
export function officeHour(iso) {
  return parts(new Date(iso), officeZone).hour;
}

/**
 * The caller's local time next to the office's, where the two differ: "(caller: 15:05)" — or "".
 * `callerZone` is the zone the callback's number maps to.
 */
export function callerTime(iso, callerZone) {
  if (!iso || !callerZone || callerZone === officeZone) return '';
  const d = new Date(iso);
  const office = parts(d, officeZone), caller = parts(d, callerZone);
  if (office.hour === caller.hour && office.minute === caller.minute && office.day === caller.day) return '';
  return t('time.caller', { time: fmtTime(iso, callerZone) });
}

/** "in 25 min", "3 min ago", "in 2 h 5 min". */
export function fmtRelative(iso, now) {
  if (!iso) return '';
  const mins = Math.round((new Date(iso) - (now ? new Date(now) : new Date())) / 60000);
  if (mins < 0) return t('time.ago', { min: -mins });
  if (mins < 90) return t('time.in', { min: mins });
  return t('time.inHours', { h: Math.floor(mins / 60), min: mins % 60 });
}

/** A "YYYY-MM-DDTHH:mm" typed as office time (a datetime-local field) → an ISO instant. */
export function officeLocalToIso(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local || '');
  if (!m) return null;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The zone's offset at that moment: format the guess in the zone and compare.
  const p = parts(new Date(guess), officeZone);
  const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return new Date(guess - (shown - guess)).toISOString();
}
