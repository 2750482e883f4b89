// A tiny DOM builder: h('tag.class#id', {attrs}, children...). Text is always text, never HTML.

export function h(spec, attrs, ...children) {
  const m = /^([a-z0-9]+)((?:[.#][\w-]+)*)$/i.exec(spec);
  const el = document.createElement(m ? m[1] : spec);
  if (m) for (const part of m[2].match(/[.#][\w-]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled field: label, control, hint and an error line tied to the control for screen readers. */
export function field(id, label, control, hint) {
  control.id = id;
  const err = h('p.error', { id: id + '-error', role: 'alert' });
  const describedBy = [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  return h('div.field', h('label', { for: id }, label), control,
    hint ? h('p.hint', { id: id + '-hint' }, hint) : null, err);
}

export function setError(id, message) {
  const control = document.getElementById(id);
  const err = document.getElementById(id + '-error');
  if (control) control.setAttribute('aria-invalid', message ? 'true' : 'false');
  if (err) err.textContent = message || '';
}

// Times are shown in the office's zone, as people read them: see i18n.js.
export { fmtTime, fmtDateTime, fmtRelative, callerTime } from './i18n.js';

export function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}
