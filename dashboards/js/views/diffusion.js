// Agency: diffusion of a technology among a district's firms, with Bass fits, forecast and Rogers categories; compared
// with a second district or split into a programme's participants and the other firms.
import { writeState } from '../state.js';
import { label } from '../labels.js';
import { districts, technologies } from '../data/registry.js';
import { diffusion } from '../data/diffusion.js';
import { programmes } from '../data/programmes.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, stat, table, withStates, fmt } from '../ui.js';
import { chartCard, palette, percentAxis } from '../charts.js';

const CATEGORIES = ['INNOVATOR', 'EARLY_ADOPTER', 'EARLY_MAJORITY', 'LATE_MAJORITY', 'LAGGARD'];
// Rogers' (2003) names of the adopter categories
const CATEGORY_NAMES = { INNOVATOR: 'Innovator', EARLY_ADOPTER: 'Early adopter', EARLY_MAJORITY: 'Early majority', LATE_MAJORITY: 'Late majority', LAGGARD: 'Laggard' };
const categoryName = (code) => CATEGORY_NAMES[code] || label.status(code);
const MAX_FORECAST = 15;

export async function render(view, ctx) {
  await page(view, 'Technology diffusion', 'Adopters per period among the district\'s firms, the Bass model fit and its forecast.', async () => {
    const [ds, ts, ps] = await Promise.all([districts(ctx.signal), technologies(ctx.signal), programmes(ctx.signal).catch(() => [])]);
    if (!ds.length) return empty('No districts yet', 'Register a district and its firms to follow technology diffusion.');
    const q = ctx.query;
    const district = select('district', ds.map((d) => ({ value: d.id, label: d.name })), q.get('district') || ds[0].id);
    const technology = select('technology', ts.map((t) => ({ value: t.code, label: t.name || label.technology(t.code) })), q.get('technology') || 'ROBOTICS');
    const period = select('period', [{ value: 'YEAR', label: 'Year' }, { value: 'QUARTER', label: 'Quarter' }], q.get('period') || 'YEAR');
    const method = select('method', [{ value: 'NLS', label: 'Non-linear least squares (NLS)' }, { value: 'OLS', label: 'Regression (OLS, Bass 1969)' }], q.get('method') || 'NLS');
    const compare = select('compare', [{ value: '', label: 'Nothing' },
      ...ps.map((p) => ({ value: `programme:${p.id}`, label: `Participants of ${p.code} vs other firms` })),
      ...ds.map((d) => ({ value: `district:${d.id}`, label: `District ${d.name}` }))], q.get('compare') || '');
    const result = h('div');
    // the settings live in the address: a reload or a shared link shows the same view
    const remember = () => writeState({ district: district.value, technology: technology.value, period: period.value, method: method.value,
      compare: compare.value }, { signal: ctx.signal });
    const refresh = () => {
      remember();
      return withStates(result, () => report({ districtId: district.value, technology: technology.value, period: period.value,
        method: method.value, compare: compare.value, districtName: (id) => ds.find((d) => String(d.id) === String(id))?.name }, ctx),
      'Loading diffusion…');
    };
    for (const s of [district, technology, period, method, compare]) s.addEventListener('change', refresh);
    refresh();
    return h('div', {}, h('form', { class: 'controls no-print', 'aria-label': 'Diffusion filters', onsubmit: (e) => e.preventDefault() },
      field('District', district), field('Technology', technology), field('Period', period), field('Bass method', method),
      field('Compare with', compare)), result);
  }, 'Loading districts…');
}

async function report(o, ctx) {
  const { districtId, technology, period, compare } = o;
  const split = compare.startsWith('programme:') ? compare : undefined;
  let r;
  let splitRefused = null;
  try {
    r = await diffusion(districtId, technology, period, ctx.signal, split);
  } catch (e) {
    // a split the service refuses (a group below the privacy floor) still leaves the district's own curve to show
    if (!(split && e instanceof ApiError && e.status === 422)) throw e;
    splitRefused = e.message;
    r = await diffusion(districtId, technology, period, ctx.signal);
  }
  const last = r.periods[r.periods.length - 1];
  const unit = period === 'YEAR' ? 'year' : 'quarter';
  const stats = h('div', { class: 'stats' },
    stat('Firms in the district', fmt.int(r.firms)), stat('Adopters', fmt.int(r.adopters)),
    stat('Share of firms', fmt.pct(last ? last.shareOfFirms : 0)),
    stat('Periods observed', `${fmt.int(r.periods.length)} ${unit}s`, last ? `${r.periods[0].period} to ${last.period}` : undefined));
  if (!r.adopters) {
    return h('div', {}, stats, h('div', { class: 'card' }, empty(`No adopters of ${label.technology(technology)} yet`,
      'Adoptions recorded from assessments, telemetry or manual entry will draw the curve here.')));
  }
  const preferred = r.bass.find((b) => b.method === o.method);
  const forecast = preferred ? r.forecasts[r.bass.indexOf(preferred)] : null;
  const projected = forecast ? forecast.projectedAdopters.slice(0, MAX_FORECAST) : [];
  const labels = [...r.periods.map((p) => p.period), ...projected.map((_, i) => nextLabel(last.period, i + 1))];
  const pad = (values) => [...values, ...projected.map(() => null)];
  const datasets = [
    { type: 'bar', label: 'Adopters (observed)', data: pad(r.periods.map((p) => p.adopters)), backgroundColor: 'rgba(31,95,174,.55)', borderColor: palette[0], order: 2 },
  ];
  if (preferred) {
    datasets.push({ type: 'line', label: `Bass fit (${preferred.method})`, data: pad(preferred.fitted), borderColor: palette[1], backgroundColor: palette[1], tension: 0.3, pointRadius: 2, order: 1 });
  }
  if (projected.length) {
    datasets.push({ type: 'line', label: `Forecast (${preferred.method})`, data: [...r.periods.map((_, k) => (k === r.periods.length - 1 ? preferred.fitted[k] : null)), ...projected],
      borderColor: palette[3], backgroundColor: palette[3], borderDash: [6, 4], tension: 0.3, pointRadius: 2, order: 1 });
  }
  const curve = chartCard({
    id: 'diffusion-chart', title: `${label.technology(technology)}: adopters per ${unit}`,
    description: projected.length ? `Bars: observed adopters; line: Bass fit (${preferred.method}); dashed: forecast to ${fmt.pct(forecast.saturationShare, 0)} of the market potential.` : 'Bars: observed adopters; line: Bass fit.',
    config: { type: 'bar', data: { labels, datasets }, options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'Firms adopting' } } } } },
    tableColumns: [{ label: 'Period', value: (p) => p.period }, { label: 'Adopters', num: true, value: (p) => p.adopters },
      { label: 'Cumulative', num: true, value: (p) => p.cumulativeAdopters }, { label: 'Share of firms', num: true, value: (p) => fmt.pct(p.shareOfFirms) },
      { label: 'Hazard', num: true, value: (p) => fmt.num(p.hazard, 3) }],
    tableRows: r.periods,
  });
  const shareCard = await comparison(r, o, ctx);
  return clear(h('div'), stats, splitRefused ? h('p', { class: 'alert', id: 'split-refused', text: `No participant split: ${splitRefused}` }) : null,
    curve, h('div', { class: 'grid-2' }, shareCard, bassCard(r, o.method, unit)),
    r.split ? splitCard(r.split, o.method) : null, categoriesCard(r));
}

/** The cumulative share of firms: the district alone, or two curves (participants/others, or a second district). */
async function comparison(r, o, ctx) {
  let series = [{ label: o.districtName(o.districtId) || 'District', periods: r.periods }];
  let title = 'Cumulative share of the district\'s firms';
  if (r.split) {
    series = [{ label: `Participants (${r.split.participants.firms} firms)`, periods: r.split.participants.periods },
      { label: `Other firms (${r.split.nonParticipants.firms} firms)`, periods: r.split.nonParticipants.periods }];
    title = 'Cumulative share: programme participants and other firms';
  } else if (o.compare.startsWith('district:') && o.compare !== `district:${o.districtId}`) {
    const otherId = o.compare.slice('district:'.length);
    const other = await diffusion(otherId, o.technology, o.period, ctx.signal);
    series.push({ label: o.districtName(otherId) || 'Other district', periods: other.periods });
    title = 'Cumulative share of firms: two districts';
  }
  const labels = [...new Set(series.flatMap((s) => s.periods.map((p) => p.period)))].sort();
  const datasets = series.map((s, i) => {
    const byLabel = new Map(s.periods.map((p) => [p.period, Math.round(p.shareOfFirms * 1000) / 10]));
    return { label: s.label, data: labels.map((l) => (byLabel.has(l) ? byLabel.get(l) : null)), borderColor: palette[i === 0 ? 2 : 1],
      backgroundColor: i === 0 ? 'rgba(27,127,75,.15)' : 'rgba(217,115,13,.12)', fill: series.length === 1, tension: 0.2, spanGaps: true };
  });
  const top = Math.max(...series.flatMap((s) => s.periods.map((p) => p.shareOfFirms)), 0);
  return chartCard({
    id: 'share-chart', title,
    config: { type: 'line', data: { labels, datasets }, options: { scales: { y: percentAxis('Share of firms', Math.min(100, Math.ceil(top * 10 + 1) * 10)) } } },
    tableColumns: [{ label: 'Period', value: (l) => l }, ...datasets.map((d) => ({ label: d.label, num: true, value: (l) => {
      const v = d.data[labels.indexOf(l)];
      return v === null ? '—' : `${fmt.num(v, 1)} %`;
    } }))],
    tableRows: labels,
  });
}

/** Participants minus other firms in p and q, with SE = √(SE₁² + SE₂²) (the two fits are independent). */
function splitCard(split, method) {
  const d = split.differences.find((x) => x.method === method);
  const groups = [split.participants, split.nonParticipants];
  const fitOf = (g) => g.bass.find((b) => b.method === method);
  const words = (x, name) => {
    if (!x) return null;
    if (x.se === null || x.se === undefined) return `${name}: participants ${x.estimate >= 0 ? 'higher' : 'lower'} by ${fmt.fixed(Math.abs(x.estimate), 4)}, precision unknown.`;
    const distinct = x.pValue !== null && x.pValue < 0.05;
    return `${name}: participants ${x.estimate >= 0 ? 'higher' : 'lower'} by ${fmt.fixed(Math.abs(x.estimate), 4)} per period (± ${fmt.fixed(x.se, 4)}); `
      + (distinct ? 'a difference unlikely to be chance (p < 0.05).' : 'not distinguishable from chance.');
  };
  return h('section', { class: 'card', id: 'split-card' }, h('h2', { text: 'Did the programme speed up diffusion?' }),
    h('p', { class: 'muted small', text: 'Participants (ever enrolled) against the other firms of the district, each with its own Bass fit on the same periods.' }),
    table([
      { label: 'Group', value: (g) => (g.group === 'PARTICIPANTS' ? 'Participants' : 'Other firms') },
      { label: 'Firms', num: true, value: (g) => fmt.int(g.firms) },
      { label: 'Adopters', num: true, value: (g) => fmt.int(g.adopters) },
      { label: 'p (innovation)', num: true, value: (g) => (fitOf(g) ? withSe(fitOf(g).p, fitOf(g).standardErrors?.p, 4) : 'no fit') },
      { label: 'q (imitation)', num: true, value: (g) => (fitOf(g) ? withSe(fitOf(g).q, fitOf(g).standardErrors?.q, 4) : 'no fit') },
    ], groups, 'Bass fits by group'),
    d ? h('ul', { class: 'split-differences' }, h('li', { text: words(d.p, 'Innovation p') }), h('li', { text: words(d.q, 'Imitation q') }))
      : h('p', { text: `No ${method} fit for both groups, so no difference to show.` }),
    groups.flatMap((g) => (g.trust.find((t) => t.method === method)?.warnings || [])
      .map((w) => h('p', { class: 'alert small', text: `${g.group === 'PARTICIPANTS' ? 'Participants' : 'Other firms'}: ${w}.` }))));
}

/** The chosen fit with its parameters, peak and saturation in calendar terms, and how far to trust it. */
function bassCard(r, method, unit) {
  const i = r.bass.findIndex((b) => b.method === method);
  const b = r.bass[i];
  const unavailable = r.bassUnavailable.find((u) => u.method === method);
  if (!b) {
    return h('section', { class: 'card', id: 'bass-card' }, h('h2', { text: `Bass model (${method})` }),
      h('p', { class: 'alert', text: `No ${method} fit: ${unavailable ? unavailable.reason : 'unavailable'}. Try the other method.` }));
  }
  const forecast = r.forecasts[i];
  const first = r.periods[0].period;
  const warnings = r.trust.find((t) => t.method === method)?.warnings || [];
  return h('section', { class: 'card', id: 'bass-card' }, h('h2', { text: `Bass model (${method})` }),
    h('p', { class: 'muted small', text: 'm: market potential (firms that will eventually adopt); p: innovation, q: imitation, per ' + unit + '; ± asymptotic standard error.' }),
    table([
      { label: 'm (firms)', num: true, value: (x) => withSe(x.m, x.standardErrors?.m, 1) },
      { label: `p (per ${unit})`, num: true, value: (x) => withSe(x.p, x.standardErrors?.p, 4) },
      { label: `q (per ${unit})`, num: true, value: (x) => withSe(x.q, x.standardErrors?.q, 4) },
      { label: 'Peak', value: (x) => `${fmt.num(x.peakPeriod, 1)} ${unit}s after ${first} began (${nextLabel(first, Math.max(0, Math.ceil(x.peakPeriod) - 1))})` },
      { label: `Saturation (${fmt.pct(forecast.saturationShare, 0)} of m)`, value: () => (forecast.periodsToSaturation
        ? `in ${fmt.int(forecast.periodsToSaturation)} ${unit}s (${nextLabel(r.periods[r.periods.length - 1].period, forecast.periodsToSaturation)})` : 'reached') },
    ], [b], 'Bass fit'),
    h('div', { class: 'trust', 'data-trust': warnings.length ? 'flagged' : 'ok' },
      warnings.length ? [h('p', { class: 'alert', text: 'Read this fit with care:' }), h('ul', { class: 'small' }, warnings.map((w) => h('li', { text: `${w}.` })))]
        : h('p', { class: 'small', text: 'Enough adopters and periods, and every standard error smaller than its estimate.' })));
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
    h('p', { class: 'muted small', text: c.mean == null ? `By adoption date; ${c.withheld}.`
      : `By adoption date: mean ${Number(c.mean).toFixed(2)} (a year, with its fraction), standard deviation ${fmt.num(c.sd, 2)} years.` }),
    h('div', { class: 'grid-2' },
      chartCard({ id: 'categories-chart', title: 'Adopters per category',
        config: { type: 'bar', data: { labels: CATEGORIES.map(categoryName), datasets: [{ label: 'Firms', data: counts, backgroundColor: palette.slice(0, 5) }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } } }),
      h('div', { class: 'table-wrap' }, table([{ label: 'Firm', value: (a) => a.firmName }, { label: 'Adopted', value: (a) => a.adoptedOn },
        { label: 'Category', value: (a) => categoryName(a.category) }], c.adopters.slice(0, 25), 'Adopting firms'),
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
