// Programmes: the place-based digitisation programmes the user may see (an agency analyst its own region's; the API
// decides), paged and sorted in the address (#/programmes?sort=name,asc&page=1), each opening its detail page.
// Administrators and agency analysts create them ("New programme"); assessors read them and enrol firms on the detail.
import { programmePage } from '../data/programmes.js';
import { h, empty, pageHead, pager, table, withStates, fmt, sortOf, sortParam } from '../ui.js';
import { label } from '../labels.js';
import { writeState } from '../state.js';

/** The roles that create, change and delete programmes (the API refuses the others with 403). */
export const MANAGERS = ['ADMIN', 'AGENCY_ANALYST'];
const SORTABLE = ['id', 'code', 'name', 'startsOn'];

/** "1 Jan 2024 – 31 Dec 2026", or "from 1 Jan 2024" when it has no end. */
export function period(p) {
  return p.endsOn ? `${day(p.startsOn)} – ${day(p.endsOn)}` : `from ${day(p.startsOn)}`;
}

/** A date (yyyy-mm-dd) as "1 Jan 2024". */
export function day(iso) {
  if (!iso) return '—';
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Where a programme applies: its region, or the district a district adaptation is for. */
export function place(p) {
  return p.districtId ? `${label.district(p.districtId)} (district adaptation) · ${label.region(p.regionId)}` : label.region(p.regionId);
}

export function deliveredBy(p) {
  return p.rtiIds.length ? p.rtiIds.map(label.institution).join(', ') : 'no RTI named yet';
}

export async function render(view, ctx) {
  const manages = MANAGERS.includes(ctx.user.role);
  const intro = ctx.user.role === 'AGENCY_ANALYST' ? 'Your region\'s digitisation programmes: who delivers them, when they run and how many firms enrolled.'
    : 'Place-based digitisation programmes: who delivers them, when they run and how many firms enrolled.';
  view.append(pageHead('Programmes', intro,
    manages ? h('a', { class: 'button button-primary', id: 'programme-new', href: '#/programmes/new', text: 'New programme' }) : null));
  if (ctx.query.get('deleted')) view.append(h('p', { class: 'notice', role: 'status', id: 'programme-deleted', text: `Programme ${ctx.query.get('deleted')} deleted.` }));
  const body = h('div', { 'aria-live': 'polite' });
  view.append(body);
  let current = Math.max(0, Number(ctx.query.get('page')) || 0);
  let sort = sortOf(ctx.query.get('sort'), SORTABLE, { key: 'code', dir: 'asc' });
  let moved = false;
  const columns = [
    { label: 'Code', sort: 'code', value: (p) => p.code },
    { label: 'Programme', sort: 'name', value: (p) => h('a', { href: `#/programmes/${p.id}`, 'data-programme': p.code, text: p.name }) },
    { label: 'Where', value: place },
    { label: 'Runs', sort: 'startsOn', value: period },
    { label: 'Delivered by', value: deliveredBy },
    { label: 'Enrolled firms', num: true, value: (p) => `${fmt.int(p.enrolledFirms)}${p.enrolledFirms !== p.activeFirms ? ` (${fmt.int(p.activeFirms)} not withdrawn)` : ''}` },
  ];
  const run = () => withStates(body, async () => {
    const r = await programmePage({ page: current, sort: sortParam(sort) }, ctx.signal);
    if (!r.items.length) {
      return empty('No programmes yet', manages ? 'Create the first one with “New programme”.' : 'Programmes appear here once an agency registers them.');
    }
    return h('section', { class: 'card', id: 'programme-list' },
      h('p', { class: 'muted small', id: 'programme-count', tabindex: -1, text: `${fmt.int(r.totalItems)} programme${r.totalItems === 1 ? '' : 's'}; sort by a column's heading.` }),
      table(columns, r.items, 'Programmes', { sort, onSort: (s) => { sort = s; current = 0; go(); } }),
      pager(r, (p) => { current = p; go(); }, { noun: 'programmes', id: 'programmes' }));
  }, 'Loading programmes…').then(() => {
    if (moved) body.querySelector('#programme-count')?.focus();
    moved = false;
  });
  // every page and sort is a history entry: Back returns to the previous one
  const go = () => {
    moved = true;
    writeState({ sort: sortParam(sort), page: current || '' }, { push: true, signal: ctx.signal });
    run();
  };
  await run();
}
