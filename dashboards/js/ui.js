// DOM helpers: elements are built with textContent, never innerHTML, so API text cannot inject markup.
import { ApiError } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

export function loading(label = 'Loading…') {
  return h('div', { class: 'state state-loading', role: 'status', 'data-state': 'loading' },
    h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', { class: 'state-title', text: label }));
}

export function empty(title, text, ...extra) {
  return h('div', { class: 'state state-empty', 'data-state': 'empty' },
    h('div', { class: 'state-icon', 'aria-hidden': 'true', text: '–' }),
    h('p', { class: 'state-title', text: title }), text ? h('p', { text }) : null, ...extra);
}

/**
 * A designed error: 403 and 404 get their own wording (the API answers data outside the user's scope as if it did
 * not exist, so 404 does not claim which of the two it is); others show the message and a retry button.
 */
export function failure(error, retry) {
  if (error instanceof ApiError && error.status === 403) {
    return h('div', { class: 'state state-forbidden', role: 'alert', 'data-state': 'forbidden' },
      h('div', { class: 'state-icon', 'aria-hidden': 'true', text: '!' }),
      h('p', { class: 'state-title', text: 'You do not have access to this' }),
      h('p', { text: error.problem?.detail ? `The service refused: ${error.problem.detail}.` : 'Your role or organisation does not cover this data.' }),
      h('p', {}, h('a', { href: '#/', text: 'Back to your dashboard' })));
  }
  if (error instanceof ApiError && error.status === 404) {
    return h('div', { class: 'state state-forbidden', role: 'alert', 'data-state': 'not-found' },
      h('div', { class: 'state-icon', 'aria-hidden': 'true', text: '?' }),
      h('p', { class: 'state-title', text: 'Nothing to show here' }),
      h('p', { text: error.problem?.detail ? `The service answered: ${error.problem.detail}, or it is not shared with you.`
        : 'It does not exist, or it is not shared with you.' }),
      h('p', {}, h('a', { href: '#/', text: 'Back to your dashboard' })));
  }
  return h('div', { class: 'state state-error', role: 'alert', 'data-state': 'error' },
    h('div', { class: 'state-icon', 'aria-hidden': 'true', text: '!' }),
    h('p', { class: 'state-title', text: 'This could not be loaded' }),
    h('p', { text: error?.message || String(error) }),
    retry ? h('button', { type: 'button', class: 'button', onclick: retry, text: 'Try again' }) : null);
}

/** Runs an async loader into a container with loading, error and retry states. */
export async function withStates(container, loader, label) {
  clear(container, loading(label));
  try {
    const content = await loader();
    if (content !== undefined) clear(container, content);
  } catch (e) {
    if (e?.name === 'AbortError') return;
    console.warn(e);
    clear(container, failure(e, () => withStates(container, loader, label)));
  }
}

/** A view's heading and a body filled by the loader, with loading, error and retry states. */
export async function page(view, title, intro, loader, label) {
  const body = h('div');
  view.append(pageHead(title, intro), body);
  await withStates(body, loader, label);
}

export function field(labelText, control, hint) {
  if (!control.id) control.id = uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id, text: labelText }), control,
    hint ? h('span', { class: 'muted small', text: hint }) : null);
}

export function select(name, options, value) {
  const el = h('select', { name });
  for (const o of options) {
    const opt = h('option', { value: o.value, text: o.label });
    if (String(o.value) === String(value)) opt.selected = true;
    el.append(opt);
  }
  return el;
}

export function table(columns, rows, caption) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => {
        const v = c.value(r);
        return h('td', { class: c.num ? 'num' : null }, v instanceof Node ? v : (v ?? '—'));
      }))))));
}

export function stat(label, value, note) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-value', text: value }),
    h('div', { class: 'stat-label', text: label }), note ? h('div', { class: 'muted small', text: note }) : null);
}

export function pageHead(title, intro, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: title }), intro ? h('p', { class: 'muted', text: intro }) : null),
    actions.length ? h('div', { class: 'no-print' }, ...actions) : null);
}

export const fmt = {
  /** A file size: 512 B, 12.5 KB, 3.2 MB (1 KB = 1024 B). */
  bytes(n) {
    if (n === null || n === undefined || Number.isNaN(n)) return '—';
    if (n < 1024) return `${n} B`;
    return n < 1024 * 1024 ? `${(n / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} KB`
      : `${(n / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
  },
  pct(x, digits = 1) {
    return x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(digits)} %`;
  },
  num(x, digits = 2) {
    if (x === null || x === undefined || Number.isNaN(x)) return '—';
    return Number(x).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  },
  /** Always the given number of decimals, for columns of comparable figures. */
  fixed(x, digits = 2) {
    if (x === null || x === undefined || Number.isNaN(x)) return '—';
    return Number(x).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  },
  int(x) {
    return x === null || x === undefined ? '—' : Number(x).toLocaleString('en-GB');
  },
  label(code) {
    return String(code ?? '').toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  },
};
