// Agency: diffusion of a technology among a district's firms, with Bass fits, forecast and Rogers categories.
import { label } from '../labels.js';
import { districts, technologies } from '../data/registry.js';
import { diffusion } from '../data/diffusion.js';
import { h, page, clear, empty, field, select, stat, table, withStates, fmt } from '../ui.js';
import { chartCard, palette, percentAxis } from '../charts.js';

const CATEGORIES = ['INNOVATOR', 'EARLY_ADOPTER', 'EARLY_MAJORITY', 'LATE_MAJORITY', 'LAGGARD'];
const MAX_FORECAST = 15;

export async function render(view, ctx) {
  await page(view, 'Technology diffusion', 'Adopters per period among the district\'s firms, the Bass model fit and its forecast.', async () => {
    const [ds, ts] = await Promise.all([districts(ctx.signal), technologies(ctx.signal)]);
    if (!ds.length) return empty('No districts yet', 'Register a district and its firms to follow technology diffusion.');
    const district = select('district', ds.map((d) => ({ value: d.id, label: d.name })), ctx.query.get('district') || ds[0].id);
    const technology = select('technology', ts.map((t) => ({ value: t.code, label: t.name || label.technology(t.code) })), ctx.query.get('technology') || 'ROBOTICS');
    const period = select('period', [{ value: 'YEAR', label: 'Year' }, { value: 'QUARTER', label: 'Quarter' }], 'YEAR');
    const result = h('div');
    const refresh = () => withStates(result, () => report(district.value, technology.value, period.value, ctx), 'Loading diffusion…');
    for (const s of [district, technology, period]) s.addEventListener('change', refresh);
    refresh();
    return h('div', {}, h('form', { class: 'controls no-print', 'aria-label': 'Diffusion filters', onsubmit: (e) => e.preventDefault() },
      field('District', district), field('Technology', technology), field('Period', period)), result);
  }, 'Loading districts…');
}

async function report(districtId, technology, period, ctx) {
  const r = await diffusion(districtId, technology, period, ctx.signal);
  const last = r.periods[r.periods.length - 1];
  const stats = h('div', { class: 'stats' },
    stat('Firms in the district', fmt.int(r.firms)), stat('Adopters', fmt.int(r.adopters)),
    stat('Share of firms', fmt.pct(last ? last.shareOfFirms : 0)),
    stat('Periods observed', fmt.int(r.periods.length)));
  if (!r.adopters) {
    return h('div', {}, stats, h('div', { class: 'card' }, empty(`No adopters of ${label.technology(technology)} yet`,
      'Adoptions recorded from assessments, telemetry or manual entry will draw the curve here.')));
  }
  const preferred = r.bass.find((b) => b.method === 'NLS') || r.bass[0];
  const forecast = preferred ? r.forecasts[r.bass.indexOf(preferred)] : null;
  const projected = forecast ? forecast.projectedAdopters.slice(0, MAX_FORECAST) : [];
  const labels = [...r.periods.map((p) => p.period), ...projected.map((_, i) => nextLabel(last.period, i + 1))];
  const pad = (values) => [...values, ...projected.map(() => null)];
  const datasets = [
    { type: 'bar', label: 'Adopters (observed)', data: pad(r.periods.map((p) => p.adopters)), backgroundColor: 'rgba(31,95,174,.55)', borderColor: palette[0], order: 2 },
  ];
  r.bass.forEach((b, i) => {
    datasets.push({ type: 'line', label: `Bass fit (${b.method})`, data: pad(b.fitted), borderColor: palette[i + 1], backgroundColor: palette[i + 1], tension: 0.3, pointRadius: 2, order: 1 });
  });
  if (projected.length) {
    datasets.push({ type: 'line', label: `Forecast (${preferred.method})`, data: [...r.periods.map((_, k) => (k === r.periods.length - 1 ? preferred.fitted[k] : null)), ...projected],
      borderColor: palette[3], backgroundColor: palette[3], borderDash: [6, 4], tension: 0.3, pointRadius: 2, order: 1 });
  }
  const curve = chartCard({
    id: 'diffusion-chart', title: `${label.technology(technology)}: adopters per ${period.toLowerCase()}`,
    description: projected.length ? `Bars: observed adopters; lines: Bass fits; dashed: forecast to ${fmt.pct(forecast.saturationShare, 0)} of the market potential.` : 'Bars: observed adopters; lines: Bass fits.',
    config: { type: 'bar', data: { labels, datasets }, options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'Firms adopting' } } } } },
    tableColumns: [{ label: 'Period', value: (p) => p.period }, { label: 'Adopters', num: true, value: (p) => p.adopters },
      { label: 'Cumulative', num: true, value: (p) => p.cumulativeAdopters }, { label: 'Share of firms', num: true, value: (p) => fmt.pct(p.shareOfFirms) },
      { label: 'Hazard', num: true, value: (p) => fmt.num(p.hazard, 3) }],
    tableRows: r.periods,
  });
  const share = chartCard({
    id: 'share-chart', title: 'Cumulative share of the district\'s firms',
    config: { type: 'line', data: { labels: r.periods.map((p) => p.period), datasets: [
      { label: 'Share of firms that adopted', data: r.periods.map((p) => Math.round(p.shareOfFirms * 1000) / 10), borderColor: palette[2], backgroundColor: 'rgba(27,127,75,.15)', fill: true, tension: 0.2 }] },
    options: { scales: { y: percentAxis('Share of firms', Math.min(100, Math.ceil(last.shareOfFirms * 10 + 1) * 10)) } } },
  });
  return clear(h('div'), stats, curve, h('div', { class: 'grid-2' }, share, bassCard(r)), categoriesCard(r));
}

function bassCard(r) {
  const rows = r.bass.map((b, i) => ({ ...b, forecast: r.forecasts[i] }));
  return h('section', { class: 'card' }, h('h2', { text: 'Bass model' }),
    h('p', { class: 'muted small', text: 'm: market potential (firms); p: innovation; q: imitation; ± asymptotic standard error.' }),
    rows.length ? table([
      { label: 'Method', value: (b) => b.method },
      { label: 'm', num: true, value: (b) => withSe(b.m, b.standardErrors?.m, 1) },
      { label: 'p', num: true, value: (b) => withSe(b.p, b.standardErrors?.p, 4) },
      { label: 'q', num: true, value: (b) => withSe(b.q, b.standardErrors?.q, 4) },
      { label: 'Peak period', num: true, value: (b) => fmt.num(b.peakPeriod, 1) },
      { label: 'Saturation in', num: true, value: (b) => (b.forecast ? `${b.forecast.periodsToSaturation} periods` : '—') },
    ], rows, 'Bass fits') : null,
    r.bassUnavailable.length ? h('ul', { class: 'small' }, r.bassUnavailable.map((u) => h('li', { text: `${u.method} fit unavailable: ${u.reason}` }))) : null);
}

function categoriesCard(r) {
  const c = r.categories;
  const counted = c.counts || {};
  const total = Object.values(counted).reduce((n, v) => n + v, 0);
  if (!total) {
    return h('section', { class: 'card' }, h('h2', { text: 'Adopter categories' }), empty('No categories', c.unavailable || 'Too few adopters to categorise.'));
  }
  // Counts cover every adopter; the table lists by name only the firms in the reader's scope.
  const counts = CATEGORIES.map((k) => counted[k] || 0);
  const notListed = c.adoptersNotListed
    ? h('p', { class: 'muted small', text: `${fmt.int(c.adoptersNotListed)} adopters outside your scope are counted above but not listed.` }) : null;
  return h('section', { class: 'card' }, h('h2', { text: 'Adopter categories (Rogers)' }),
    h('p', { class: 'muted small', text: `By adoption date: mean ${fmt.num(c.mean, 2)}, standard deviation ${fmt.num(c.sd, 2)} years.` }),
    h('div', { class: 'grid-2' },
      chartCard({ id: 'categories-chart', title: 'Adopters per category',
        config: { type: 'bar', data: { labels: CATEGORIES.map(fmt.label), datasets: [{ label: 'Firms', data: counts, backgroundColor: palette.slice(0, 5) }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } } }),
      h('div', { class: 'table-wrap' }, table([{ label: 'Firm', value: (a) => a.firmName }, { label: 'Adopted', value: (a) => a.adoptedOn },
        { label: 'Category', value: (a) => fmt.label(a.category) }], c.adopters.slice(0, 25), 'Adopting firms'),
      c.adopters.length > 25 ? h('p', { class: 'muted small', text: `First 25 of ${c.adopters.length} adopters.` }) : null, notListed)));
}

function withSe(v, se, digits) {
  return se === null || se === undefined ? fmt.fixed(v, digits) : `${fmt.fixed(v, digits)} ± ${fmt.fixed(se, digits)}`;
}

/** The label k periods after "2024" or "2024-Q3". */
function nextLabel(label, k) {
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) {
    const index = Number(q[1]) * 4 + Number(q[2]) - 1 + k;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  }
  return String(Number(label) + k);
}
