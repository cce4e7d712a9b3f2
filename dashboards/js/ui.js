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

/**
 * A table of `rows`, one column per {label, value(row), num}. With `sorting` ({sort: {key, dir}, onSort(next)}) a column
 * that names a server-side sort property (`sort: 'assessedOn'`, optionally `firstDir: 'desc'`) gets a header button:
 * activating it (click, Enter or Space) asks for that order — the other direction when it is the current one — and the
 * current column carries aria-sort. The caller reloads the page of rows and keeps the order in the address.
 */
export function table(columns, rows, caption, sorting = null) {
  const header = (c) => {
    if (!sorting || !c.sort) return h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label });
    const active = sorting.sort?.key === c.sort;
    const dir = active ? sorting.sort.dir : null;
    const next = { key: c.sort, dir: active ? (dir === 'asc' ? 'desc' : 'asc') : (c.firstDir || 'asc') };
    return h('th', { scope: 'col', class: c.num ? 'num' : null, 'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : null },
      h('button', { type: 'button', class: 'sort-button', 'data-sort': c.sort, onclick: () => sorting.onSort(next) }, c.label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true', text: active ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕' }),
        h('span', { class: 'visually-hidden', text: `, sort ${next.dir === 'asc' ? 'ascending' : 'descending'}` })));
  };
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
      h('thead', {}, h('tr', {}, columns.map(header))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => {
        const v = c.value(r);
        return h('td', { class: c.num ? 'num' : null }, v instanceof Node ? v : (v ?? '—'));
      }))))));
}

/** The order a paged list's address asks for ('assessedOn' or 'assessedOn,desc') as {key, dir}; `fallback` unless `keys` has it. */
export function sortOf(value, keys, fallback) {
  const [key, dir] = String(value || '').split(',');
  return keys.includes(key) ? { key, dir: dir === 'desc' ? 'desc' : 'asc' } : fallback;
}

/** The `sort` query value of an order: 'assessedOn,desc'. */
export function sortParam(sort) {
  return `${sort.key},${sort.dir}`;
}

/** After a list re-rendered for a new order, keyboard focus goes back to the header the user activated. */
export function focusSortHeader(container, key) {
  container.querySelector(`button.sort-button[data-sort="${CSS.escape(key)}"]`)?.focus();
}

/**
 * Previous / Next under a paged list ({page, totalPages, totalItems} of a page response); `go(page)` loads another page.
 * `noun` names the items in the count ("12 assessments"); `id` prefixes the buttons' ids.
 */
export function pager(r, go, { noun = 'items', id = 'list' } = {}) {
  return h('nav', { class: 'pager', 'aria-label': 'Result pages' },
    h('button', { type: 'button', class: 'button', id: `${id}-prev`, disabled: r.page <= 0, onclick: () => go(r.page - 1), text: '← Previous' }),
    h('span', { id: `${id}-page`, tabindex: -1, text: `Page ${r.page + 1} of ${Math.max(1, r.totalPages)}${r.totalItems === undefined ? '' : ` · ${fmt.int(r.totalItems)} ${noun}`}` }),
    h('button', { type: 'button', class: 'button', id: `${id}-next`, disabled: r.page + 1 >= r.totalPages, onclick: () => go(r.page + 1), text: 'Next →' }));
}

/**
 * Shows a refused request on a form: each field error of its Problem+JSON under the control it names (`controls` maps a
 * field to its element; "rtiIds[1]" and "eligibility.districtIds[0]" find "rtiIds" and "eligibility.districtIds", and a
 * field with no control of its own finds the nearest named parent, e.g. "coFunding.publicShare" → "coFunding"), the
 * control marked invalid and described by its message; the message and the errors no control takes go to `box`.
 * When every error found its control and the service's message repeats their field paths ("endsOn: …"), `box`
 * names those fields by their labels instead. A 409 about the version says that someone else changed the record.
 * Returns the controls that got an error;
 * `clearProblem(form, box)` removes them again.
 */
export function showProblem(form, box, error, controls) {
  clearProblem(form, box);
  const placed = new Set();
  const names = [];
  const rest = [];
  // a stale version: someone else saved in between; their change is not overwritten
  const stale = error?.status === 409 && (error.fieldErrors || []).every((fe) => !fe.field || fe.field === 'version');
  for (const fe of stale ? [] : error?.fieldErrors || []) {
    let name = String(fe.field ?? '').replace(/\[\d+\]/g, '');
    while (name && !controls[name]) name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
    const control = name ? controls[name] : null;
    if (!control) { rest.push(fe); continue; }
    const id = uid('field-error');
    const message = h('p', { class: 'field-error', id, 'data-field': name, text: fe.message });
    const wrapper = control.closest('.field, fieldset') || control.parentElement;
    const named = wrapper.querySelector(':scope > label, :scope > legend')?.textContent.trim();
    if (named && !names.includes(named)) names.push(named);
    wrapper.append(message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    placed.add(control);
  }
  const conflict = stale
    ? 'This was changed by someone else since you opened it, so your change was not saved: reload to see the current version, then make your change again.' : null;
  // the service's detail repeats its field paths ("endsOn: must not be …"): the fields' own labels read better
  const paths = (error?.fieldErrors || []).some((fe) => fe.field && String(error?.message ?? '').includes(`${fe.field}:`));
  const marked = paths && placed.size && !rest.length && names.length
    ? `Not saved: correct ${names.length === 1 ? 'the field' : 'the fields'} marked above (${names.join(', ')}).` : null;
  clear(box, h('div', { class: 'alert alert-error', role: 'alert', 'data-problem': stale ? 'stale' : error?.status },
    h('p', { text: conflict || marked || error?.message || String(error) }),
    rest.length ? h('ul', {}, rest.map((fe) => h('li', { text: fe.field ? `${fe.field}: ${fe.message}` : fe.message }))) : null));
  [...placed][0]?.focus();
  return [...placed];
}

/** Removes what showProblem put on the form. */
export function clearProblem(form, box) {
  form.querySelectorAll('.field-error').forEach((e) => {
    const control = form.querySelector(`[aria-describedby~="${e.id}"]`);
    if (control) {
      const rest = control.getAttribute('aria-describedby').split(' ').filter((x) => x !== e.id).join(' ');
      if (rest) control.setAttribute('aria-describedby', rest); else control.removeAttribute('aria-describedby');
    }
    e.remove();
  });
  form.querySelectorAll('[aria-invalid="true"]').forEach((c) => c.removeAttribute('aria-invalid'));
  if (box) clear(box);
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
