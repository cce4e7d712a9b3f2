// RTI workbench: search the firms the institute serves by capability, size and text. The filters and the page live in
// the address (#/rti/firms?q=…&page=…): a reload, Back from a firm report or a shared link shows the same results.
import { districts, searchFirms } from '../data/registry.js';
import { h, page, empty, field, select, table, withStates, fmt } from '../ui.js';
import { label, technologies } from '../labels.js';
import { writeState } from '../state.js';

const SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'];

export async function render(view, ctx) {
  await page(view, 'Firm search', 'Firms you serve, by capability (process, certification or technology), size and name.', async () => {
    const ds = await districts(ctx.signal);
    const state = ctx.query;
    const q = h('input', { name: 'q', type: 'search', placeholder: 'Name or code', value: state.get('q') || '' });
    // technologies are offered by name and searched by code; processes and certifications are searched as typed
    const known = technologies();
    const byName = new Map(known.map((t) => [t.name.toLowerCase(), t.code]));
    const asked = state.get('capability') || '';
    const capabilityList = h('datalist', { id: 'capability-names' }, known.map((t) => h('option', { value: t.name })));
    const capability = h('input', { name: 'capability', list: 'capability-names', placeholder: 'e.g. Robotics and cobots, ISO 9001, cutting',
      value: known.find((t) => t.code === asked)?.name ?? asked });
    const size = select('sizeClass', [{ value: '', label: 'Any size' }, ...SIZES.map((s) => ({ value: s, label: label.sizeClass(s) }))], state.get('sizeClass') || '');
    const district = select('district', [{ value: '', label: 'All districts' }, ...ds.map((d) => ({ value: d.id, label: d.name }))], state.get('district') || '');
    const results = h('div', { 'aria-live': 'polite' });
    let current = Math.max(0, Number(state.get('page')) || 0);
    let paged = false;
    const capabilityCode = () => byName.get(capability.value.trim().toLowerCase()) ?? capability.value.trim();
    const filters = () => ({ q: q.value.trim(), capability: capabilityCode(), sizeClass: size.value, district: district.value });
    const run = () => withStates(results, async () => {
      const r = await searchFirms({ ...filters(), page: current }, ctx.signal);
      if (!r.items.length) return empty('No firms match', 'Try another capability or clear the filters.');
      return h('section', { class: 'card' },
        h('p', { class: 'muted small', id: 'firm-count', tabindex: -1, text: `${fmt.int(r.totalItems)} firms` }),
        table([{ label: 'Firm', value: (f) => h('a', { href: `#/firms/${f.id}`, text: f.name }) }, { label: 'Code', value: (f) => f.code },
          { label: 'District', value: (f) => label.district(f.districtId) }, { label: 'Sector (NACE)', value: (f) => label.nace(f.naceCode) },
          { label: 'Size', value: (f) => label.sizeClass(f.sizeClass) }, { label: 'Employees', num: true, value: (f) => fmt.int(f.employees) },
          { label: 'Technologies', value: (f) => (f.capabilities?.technologies || []).map(label.technology).join(', ') }], r.items, 'Firms'),
        pager(r, (p) => { current = p; paged = true; search(); }));
    }, 'Searching…').then(() => {
      // After a page change, bring the new rows into view and keyboard focus to their start.
      if (paged) results.querySelector('#firm-count')?.focus();
      paged = false;
    });
    // Every search is a history entry, so Back steps through earlier searches and pages.
    const search = () => {
      writeState({ ...filters(), page: current || '' }, { push: true });
      run();
    };
    const form = h('form', { class: 'controls', role: 'search', 'aria-label': 'Firm search', onsubmit: (e) => { e.preventDefault(); current = 0; search(); } },
      field('Name or code', q), field('Capability', capability), capabilityList, field('Size class', size), field('District', district),
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
