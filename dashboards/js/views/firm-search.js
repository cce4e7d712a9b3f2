// RTI workbench: search the firms the institute serves by capability, size and text.
import { districts, searchFirms } from '../data/registry.js';
import { h, page, clear, empty, field, select, table, withStates, fmt } from '../ui.js';

const SIZES = [{ value: '', label: 'Any size' }, { value: 'MICRO', label: 'Micro (< 10)' }, { value: 'SMALL', label: 'Small (< 50)' },
  { value: 'MEDIUM', label: 'Medium (< 250)' }, { value: 'LARGE', label: 'Large' }];

export async function render(view, ctx) {
  await page(view, 'Firm search', 'Firms you serve, by capability (process, certification or technology), size and name.', async () => {
    const ds = await districts(ctx.signal);
    const q = h('input', { name: 'q', type: 'search', placeholder: 'Name or code' });
    const capability = h('input', { name: 'capability', placeholder: 'e.g. ROBOTICS, ISO 9001, cutting' });
    const size = select('sizeClass', SIZES, '');
    const district = select('district', [{ value: '', label: 'All districts' }, ...ds.map((d) => ({ value: d.id, label: d.name }))], '');
    const names = new Map(ds.map((d) => [d.id, d.name]));
    const results = h('div', { 'aria-live': 'polite' });
    let page = 0;
    let paged = false;
    const run = () => withStates(results, async () => {
      const r = await searchFirms({ q: q.value.trim(), capability: capability.value.trim(), sizeClass: size.value, district: district.value, page }, ctx.signal);
      if (!r.items.length) return empty('No firms match', 'Try another capability or clear the filters.');
      return h('section', { class: 'card' },
        h('p', { class: 'muted small', id: 'firm-count', tabindex: -1, text: `${fmt.int(r.totalItems)} firms` }),
        table([{ label: 'Firm', value: (f) => h('a', { href: `#/firms/${f.id}`, text: f.name }) }, { label: 'Code', value: (f) => f.code },
          { label: 'District', value: (f) => names.get(f.districtId) || f.districtId }, { label: 'NACE', value: (f) => f.naceCode },
          { label: 'Size', value: (f) => fmt.label(f.sizeClass) }, { label: 'Employees', num: true, value: (f) => fmt.int(f.employees) },
          { label: 'Technologies', value: (f) => (f.capabilities?.technologies || []).map(fmt.label).join(', ') }], r.items, 'Firms'),
        pager(r, (p) => { page = p; paged = true; run(); }));
    }, 'Searching…').then(() => {
      // After a page change, bring the new rows into view and keyboard focus to their start.
      if (paged) results.querySelector('#firm-count')?.focus();
      paged = false;
    });
    const form = h('form', { class: 'controls', role: 'search', 'aria-label': 'Firm search', onsubmit: (e) => { e.preventDefault(); page = 0; run(); } },
      field('Name or code', q), field('Capability', capability), field('Size class', size), field('District', district),
      h('button', { type: 'submit', class: 'button button-primary', text: 'Search' }));
    run();
    return h('div', {}, form, results);
  }, 'Loading…');
}

function pager(r, go) {
  return h('nav', { class: 'pager', 'aria-label': 'Result pages' },
    h('button', { type: 'button', class: 'button', disabled: r.page <= 0, onclick: () => go(r.page - 1), text: '← Previous' }),
    h('span', { text: `Page ${r.page + 1} of ${Math.max(1, r.totalPages)}` }),
    h('button', { type: 'button', class: 'button', disabled: r.page + 1 >= r.totalPages, onclick: () => go(r.page + 1), text: 'Next →' }));
}
