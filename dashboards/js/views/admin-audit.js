// Administrator: the audit log searched by any combination of user, kind of action, firm, period and free text on what
// changed (GET /api/v1/audit, every filter applies), newest or oldest first by the "When" header, 50 events per page, firms
// by name. The search, the order and the page live in the address
// (#/admin/audit?user=assessor&method=PUT&firm=3&from=2026-01-01&q=employees&sort=at,asc&page=1).
import { api, itemsOf, query } from '../api.js';
import { h, page, clear, empty, field, select, table, withStates, sortOf, sortParam, focusSortHeader, pager } from '../ui.js';
import { writeState } from '../state.js';
import { firmPicker } from '../firm-picker.js';
import { label } from '../labels.js';

const SIZE = 50;
const METHODS = [{ value: '', label: 'Any action' }, { value: 'GET', label: 'Read (GET)' }, { value: 'POST', label: 'Create or act (POST)' },
  { value: 'PUT', label: 'Change (PUT)' }, { value: 'DELETE', label: 'Delete (DELETE)' }, { value: 'JOB', label: 'Import outcome (JOB)' }];
const NEWEST = { key: 'at', dir: 'desc' };

export async function render(view, ctx) {
  await page(view, 'Audit log', 'Who did what, when, on which firm: combine the filters you need.', async () => {
    const q = ctx.query;
    const user = h('input', { name: 'user', id: 'audit-user', value: q.get('user') || '', maxlength: 200, autocomplete: 'off' });
    const method = select('method', METHODS, q.get('method') || '');
    method.id = 'audit-method';
    const text = h('input', { name: 'q', id: 'audit-text', type: 'search', value: q.get('q') || '', maxlength: 200,
      placeholder: 'e.g. employees, or a path' });
    const from = h('input', { name: 'from', id: 'audit-from', type: 'date', value: q.get('from') || '' });
    const to = h('input', { name: 'to', id: 'audit-to', type: 'date', value: q.get('to') || '' });
    const picker = firmPicker({ label: 'Firm', initialId: q.get('firm'), signal: ctx.signal });
    const results = h('div', { id: 'audit-results' });
    let current = Number(q.get('page') || 0);
    let order = sortOf(q.get('sort'), ['at'], NEWEST);
    const state = () => ({ user: user.value.trim(), method: method.value, firm: picker.value(), from: from.value, to: to.value,
      q: text.value.trim() });
    const load = (s, pageNo, push, sortedBy = null) => {
      current = pageNo;
      writeState({ ...s, sort: order.dir === NEWEST.dir ? null : sortParam(order), page: pageNo || null }, { push, signal: ctx.signal });
      return withStates(results, async () => {
        const body = await api(`/api/v1/audit${query({ user: s.user || null, method: s.method || null, firm: s.firm || null,
          from: s.from ? `${s.from}T00:00:00Z` : null, to: s.to ? `${s.to}T23:59:59Z` : null, q: s.q || null,
          sort: sortParam(order), page: pageNo, size: SIZE })}`, { signal: ctx.signal });
        const events = itemsOf(body);
        if (!events.length) return empty('No events match', 'Widen the period or clear a filter.');
        // the shared pager; after a page change the focus goes to its count (the pressed button is replaced)
        const pages = pager({ page: pageNo, totalPages: body.totalPages, totalItems: body.totalItems },
          (p) => load(s, p, true, 'page'), { noun: 'events', id: 'audit' });
        return h('div', {}, table([{ label: 'When', sort: 'at', firstDir: 'desc', value: (e) => String(e.at).replace('T', ' ').slice(0, 19) },
          { label: 'User', value: (e) => e.username || '—' }, { label: 'Role', value: (e) => (e.role ? label.role(e.role) : '—') },
          { label: 'Request', value: (e) => `${e.method} ${e.path}` }, { label: 'Status', value: (e) => String(e.status) },
          { label: 'Firm', value: firmCell }, { label: 'What changed', value: (e) => e.detail || '' }],
        events, 'Audit events', { sort: order, onSort: (next) => { order = next; load(s, 0, true, next.key); } }), pages);
      }, 'Searching…').then(() => {
        if (sortedBy === 'page') results.querySelector('#audit-page')?.focus();
        else if (sortedBy) focusSortHeader(results, sortedBy);
      });
    };
    const form = h('form', { class: 'controls', id: 'audit-search', 'aria-label': 'Search the audit log', onsubmit: async (e) => {
      e.preventDefault();
      await picker.ready;
      const s = state();
      if (s.from && s.to && s.to < s.from) {
        to.setAttribute('aria-invalid', 'true');
        clear(results, h('div', { class: 'alert alert-error', role: 'alert', text: 'The period ends before it starts: change From or To.' }));
        return;
      }
      to.removeAttribute('aria-invalid');
      load(s, 0, true);
    } }, field('User', user), field('Action', method), picker.element, field('From', from), field('To', to),
    field('Text in what changed or the path', text),
    h('button', { type: 'submit', class: 'button button-primary', id: 'audit-submit', text: 'Search' }));
    picker.ready.then(() => load(state(), current, false));
    clear(results);
    return h('div', {}, form, results);
  }, 'Loading the audit log…');
}

/** The firm by name (linked to its page), with its id for reference; a firm deleted since is shown by id. */
function firmCell(e) {
  if (e.firmId === null || e.firmId === undefined) return '—';
  return h('span', {}, h('a', { href: `#/firms/${e.firmId}`, 'data-firm': e.firmId, text: e.firmName || `firm ${e.firmId} (deleted)` }),
    h('span', { class: 'muted small', text: ` #${e.firmId}` }));
}
