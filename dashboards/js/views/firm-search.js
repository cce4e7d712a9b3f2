// RTI workbench: search the firms the institute serves by capability, size and text, sorted by a column header. The
// filters, the order and the page live in the address (#/rti/firms?q=…&sort=employees,desc&page=…): a reload, Back from
// a firm report or a shared link shows the same results.
import { districts, searchFirms } from '../data/registry.js';
import { h, page, empty, field, select, table, withStates, fmt, pager, sortOf, sortParam, focusSortHeader } from '../ui.js';
import { label, technologies } from '../labels.js';
import { writeState } from '../state.js';

const SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'];
const SORTS = ['name', 'code', 'naceCode', 'employees'];
const BY_NAME = { key: 'name', dir: 'asc' };

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
    let order = sortOf(state.get('sort'), SORTS, BY_NAME);
    let paged = false;
    let sorted = null;
    const capabilityCode = () => byName.get(capability.value.trim().toLowerCase()) ?? capability.value.trim();
    const filters = () => ({ q: q.value.trim(), capability: capabilityCode(), sizeClass: size.value, district: district.value });
    const run = () => withStates(results, async () => {
      const r = await searchFirms({ ...filters(), page: current, sort: sortParam(order) }, ctx.signal);
      if (!r.items.length) return empty('No firms match', 'Try another capability or clear the filters.');
      return h('section', { class: 'card' },
        h('p', { class: 'muted small', id: 'firm-count', tabindex: -1, text: `${fmt.int(r.totalItems)} firms` }),
        table([{ label: 'Firm', sort: 'name', value: (f) => h('a', { href: `#/firms/${f.id}`, text: f.name }) },
          { label: 'Code', sort: 'code', value: (f) => f.code },
          { label: 'District', value: (f) => label.district(f.districtId) }, { label: 'Sector (NACE)', sort: 'naceCode', value: (f) => label.nace(f.naceCode) },
          { label: 'Size', value: (f) => label.sizeClass(f.sizeClass) },
          { label: 'Employees', num: true, sort: 'employees', firstDir: 'desc', value: (f) => fmt.int(f.employees) },
          { label: 'Technologies', value: (f) => (f.capabilities?.technologies || []).map(label.technology).join(', ') }], r.items, 'Firms',
        { sort: order, onSort: (next) => { order = next; current = 0; sorted = next.key; search(); } }),
        pager(r, (p) => { current = p; paged = true; search(); }, { noun: 'firms', id: 'firm' }));
    }, 'Searching…').then(() => {
      // After a page change, bring the new rows into view and keyboard focus to their start; after a new order, back to its header.
      if (paged) results.querySelector('#firm-count')?.focus();
      if (sorted) focusSortHeader(results, sorted);
      paged = false;
      sorted = null;
    });
    // Every search is a history entry, so Back steps through earlier searches, orders and pages.
    const search = () => {
      writeState({ ...filters(), sort: order === BY_NAME ? '' : sortParam(order), page: current || '' }, { push: true, signal: ctx.signal });
      run();
    };
    const form = h('form', { class: 'controls', role: 'search', 'aria-label': 'Firm search', onsubmit: (e) => { e.preventDefault(); current = 0; search(); } },
      field('Name or code', q), field('Capability', capability), capabilityList, field('Size class', size), field('District', district),
      h('button', { type: 'submit', class: 'button button-primary', text: 'Search' }));
    run();
    return h('div', {}, form, results);
  }, 'Loading…');
}

