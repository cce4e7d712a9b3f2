// Agency: local-production-system typology of an industry across regions (LQ, share, type; seed 001), and the import
// of the employment statistics it is computed from (analysts and administrators).
import { districts, regions } from '../data/registry.js';
import { session } from '../session.js';
import { importCard } from '../imports.js';
import { chartCard, palette } from '../charts.js';
import { typology } from '../data/typology.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, stat, table, withStates, fmt } from '../ui.js';
import { label } from '../labels.js';

/** Who imports employment statistics (the service decides which stored figures each may change). */
const IMPORTERS = ['ADMIN', 'AGENCY_ANALYST'];

const TYPES = {
  CENTRE: 'Centre of sectoral-regional development',
  ADVANCED_VECTOR: 'Advanced vector',
  LOCAL_DEVELOPMENT_VECTOR: 'Local development vector',
  EMBRYONIC: 'Embryonic',
  EXCLUDED: 'Not a local production system',
};

export async function render(view, ctx) {
  await page(view, 'District typology', 'Location quotient, share of the industry and type of each region for one industry and year.', async () => {
    const ds = await districts(ctx.signal);
    const industries = [...new Map(ds.map((d) => [d.naceCode, d])).values()]
      .map((d) => ({ value: d.naceCode, label: `${label.nace(d.naceCode)} (${d.name})` }));
    const industry = industries.length ? select('industry', industries, ctx.query.get('industry') || industries[0].value)
      : h('input', { name: 'industry', value: ctx.query.get('industry') || '15.20', inputmode: 'decimal' });
    const year = h('input', { name: 'year', type: 'number', min: 1900, max: 2200, value: ctx.query.get('year') || new Date().getFullYear() - 1 });
    const result = h('div');
    const names = new Map((await regions(ctx.signal).catch(() => [])).map((r) => [r.code, r.name]));
    const refresh = () => withStates(result, () => report(industry.value, year.value, names, ctx), 'Loading typology…');
    industry.addEventListener('change', refresh);
    year.addEventListener('change', refresh);
    refresh();
    return h('div', {}, h('form', { class: 'controls no-print', 'aria-label': 'Typology filters', onsubmit: (e) => { e.preventDefault(); refresh(); } },
      field('Industry (NACE)', industry), field('Year', year), h('button', { type: 'submit', class: 'button', text: 'Show' })), result,
    IMPORTERS.includes(session.user()?.role)
      ? importCard({ id: 'employment-import', path: '/api/v1/imports/employment-statistics', title: 'Import employment statistics',
        columns: 'regionCode, naceCode, year, totalEmployment, industryEmployment, establishments', onDone: refresh,
        note: session.user()?.role === 'AGENCY_ANALYST'
          ? 'You may add figures for any region; figures already stored change only for your own region (other rows are listed as refused).' : null })
      : h('p', { class: 'muted small', text: 'Employment statistics are reference data: an agency analyst or an administrator imports them on this page.' }));
  }, 'Loading industries…');
}

async function report(industry, year, names, ctx) {
  let r;
  try {
    r = await typology(industry, year, ctx.signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      return h('div', { class: 'card' }, empty('No employment statistics for this industry and year',
        `${e.message}. An agency analyst or an administrator imports them as a CSV file on this page.`));
    }
    throw e;
  }
  const counts = Object.keys(TYPES).map((t) => [t, r.regions.filter((x) => x.type === t).length]);
  const regionName = (x) => (names.get(x.id) ? `${names.get(x.id)} (${x.id})` : x.id);
  const sorted = [...r.regions].sort((a, b) => b.lq - a.lq);
  return clear(h('div'),
    h('div', { class: 'stats' }, stat('Locational Gini', fmt.num(r.gini, 3), '0 = spread evenly, 1 = concentrated'),
      ...counts.filter(([t, n]) => n > 0 && t !== 'EXCLUDED').map(([t, n]) => stat(TYPES[t], fmt.int(n)))),
    h('section', { class: 'card' }, h('h2', { text: `Regions for ${label.nace(industry)} in ${year}` }),
      table([{ label: 'Region', value: regionName }, { label: 'LQ', num: true, value: (x) => fmt.fixed(x.lq, 2) },
        { label: 'Share of industry', num: true, value: (x) => fmt.pct(x.share) },
        { label: 'Type', value: (x) => h('span', { class: `badge badge-${x.type}`, text: TYPES[x.type] || label.status(x.type) }) }],
      sorted, 'Typology by region'),
      h('p', { class: 'muted small', text: 'Eligible when LQ ≥ 1, share ≥ 1 % and ≥ 5 establishments; high importance to the region at LQ ≥ 5, to the sector at share ≥ 20 % (default thresholds).' })),
    chartCard({ id: 'typology-chart', title: `Location quotient by region, industry ${label.nace(industry)}, ${year}`,
      description: 'LQ = the industry\'s share of the region\'s employment over its share of national employment; 1 = as specialised as the country.',
      config: { type: 'bar', data: { labels: sorted.map(regionName), datasets: [{ label: 'Location quotient', data: sorted.map((x) => x.lq), backgroundColor: palette[0] }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } } } },
      tableColumns: [{ label: 'Region', value: regionName }, { label: 'LQ', num: true, value: (x) => fmt.fixed(x.lq, 2) },
        { label: 'Share of industry', num: true, value: (x) => fmt.pct(x.share) }, { label: 'Type', value: (x) => TYPES[x.type] || label.status(x.type) }],
      tableRows: sorted }));
}
