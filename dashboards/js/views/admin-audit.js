// Administrator: the audit log searched by user, by firm or by period (one at a time, as the API answers), 50 events per page (GET /api/v1/audit). The search
// and the page live in the address (#/admin/audit?user=assessor&firm=3&from=2026-01-01&to=2026-12-31&page=0).
import { api, itemsOf, query } from '../api.js';
import { h, page, clear, empty, field, table, withStates } from '../ui.js';
import { writeState } from '../state.js';
import { firmPicker } from '../firm-picker.js';

const SIZE = 50;

export async function render(view, ctx) {
  await page(view, 'Audit log', 'Who did what, when, on which firm: search by user, by firm or by period (one at a time).', async () => {
    const q = ctx.query;
    const user = h('input', { name: 'user', id: 'audit-user', value: q.get('user') || '', maxlength: 64 });
    const from = h('input', { name: 'from', id: 'audit-from', type: 'date', value: q.get('from') || '' });
    const to = h('input', { name: 'to', id: 'audit-to', type: 'date', value: q.get('to') || '' });
    const picker = firmPicker({ label: 'Firm', initialId: q.get('firm'), signal: ctx.signal });
    const results = h('div', { id: 'audit-results' });
    let current = Number(q.get('page') || 0);
    const state = () => ({ user: user.value.trim(), firm: picker.value(), from: from.value, to: to.value });
    const load = (s, pageNo, push) => {
      current = pageNo;
      writeState({ ...s, page: pageNo || null }, { push });
      return withStates(results, async () => {
        const body = await api(`/api/v1/audit${query({ user: s.user || null, firm: s.firm || null,
          from: s.from ? `${s.from}T00:00:00Z` : null, to: s.to ? `${s.to}T23:59:59Z` : null, page: pageNo, size: SIZE })}`, { signal: ctx.signal });
        const events = itemsOf(body);
        if (!events.length) return empty('No events match', 'Widen the period or clear the user or firm.');
        const pager = h('div', { class: 'controls', 'aria-label': 'Pages' },
          h('button', { type: 'button', class: 'button', id: 'audit-prev', text: 'Previous', disabled: pageNo <= 0 ? true : null,
            onclick: () => load(s, pageNo - 1, true) }),
          h('span', { id: 'audit-page', text: `Page ${pageNo + 1} of ${Math.max(body.totalPages, 1)} · ${body.totalItems} events` }),
          h('button', { type: 'button', class: 'button', id: 'audit-next', text: 'Next', disabled: pageNo + 1 >= body.totalPages ? true : null,
            onclick: () => load(s, pageNo + 1, true) }));
        return h('div', {}, table([{ label: 'When', value: (e) => String(e.at).replace('T', ' ').slice(0, 19) },
          { label: 'User', value: (e) => e.username || '—' }, { label: 'Role', value: (e) => e.role || '—' },
          { label: 'Request', value: (e) => `${e.method} ${e.path}` }, { label: 'Status', value: (e) => String(e.status) },
          { label: 'Firm', value: (e) => (e.firmId === null || e.firmId === undefined ? '—' : h('a', { href: `#/firms/${e.firmId}`, text: `firm ${e.firmId}` })) }],
        events, 'Audit events'), pager);
      }, 'Searching…');
    };
    const form = h('form', { class: 'controls', id: 'audit-search', 'aria-label': 'Search the audit log', onsubmit: async (e) => {
      e.preventDefault();
      await picker.ready;
      const s = state();
      if ([s.user, s.firm, s.from || s.to].filter((v) => v).length > 1) {
        clear(results, h('div', { class: 'alert alert-error', role: 'alert', text: 'Search by user, by firm or by period, one at a time: clear the others.' }));
        return;
      }
      load(s, 0, true);
    } }, field('User', user), picker.element, field('From', from), field('To', to),
    h('button', { type: 'submit', class: 'button button-primary', id: 'audit-submit', text: 'Search' }));
    picker.ready.then(() => load(state(), current, false));
    clear(results);
    return h('div', {}, form, results);
  }, 'Loading the audit log…');
}
