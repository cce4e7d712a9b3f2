// Agency: programme uptake over time against the 41 % reference (seed 003), by district, sector or size.
import { writeState } from '../state.js';
import { programmes, uptake, defaultProgramme, adaptations } from '../data/programmes.js';
import { h, page, clear, empty, field, select, stat, table, withStates, fmt } from '../ui.js';
import { chartCard, palette, percentAxis } from '../charts.js';
import { label } from '../labels.js';

const GROUPINGS = { DISTRICT: 'District', SECTOR: 'Sector (NACE division)', SIZE: 'Size class' };
const GROUPING_WORDS = { DISTRICT: 'district', SECTOR: 'sector (NACE division)', SIZE: 'size class' };
const PERIODS = { MONTH: 'Month', QUARTER: 'Quarter', YEAR: 'Year' };

export async function render(view, ctx) {
  await page(view, 'Programme uptake', 'Share of eligible firms enrolled, cumulatively over time, with the reference line.', async () => {
    const list = await programmes(ctx.signal);
    if (!list.length) {
      return empty('No programmes yet', 'Once the agency registers a programme and enrols firms, its uptake appears here.');
    }
    const programme = select('programme', list.map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` })),
      await defaultProgramme(list, ctx.query.get('programme'), ctx.signal));
    const asked = (name, options, fallback) => (Object.hasOwn(options, ctx.query.get(name) ?? '') ? ctx.query.get(name) : fallback);
    const by = select('by', Object.entries(GROUPINGS).map(([value, text]) => ({ value, label: text })), asked('by', GROUPINGS, 'DISTRICT'));
    const period = select('period', Object.entries(PERIODS).map(([value, text]) => ({ value, label: text })), asked('period', PERIODS, 'QUARTER'));
    const result = h('div');
    const detail = h('a', { id: 'programme-detail', class: 'small' });
    const refresh = () => {
      detail.href = `#/programmes/${programme.value}`;
      detail.textContent = 'The programme and its enrolled firms';
      // the settings live in the address: a reload or a shared link shows the same view
      writeState({ programme: programme.value, by: by.value, period: period.value }, { signal: ctx.signal });
      return withStates(result, () => report(programme.value, by.value, period.value, ctx, list), 'Loading uptake…');
    };
    for (const s of [programme, by, period]) s.addEventListener('change', refresh);
    const controls = h('form', { class: 'controls no-print', 'aria-label': 'Uptake filters', onsubmit: (e) => e.preventDefault() },
      field('Programme', programme), field('Group by', by), field('Period', period), h('p', {}, detail));
    refresh();
    return h('div', {}, controls, result);
  }, 'Loading programmes…');
}

async function report(id, by, period, ctx, list) {
  const r = await uptake(id, by, period, ctx.signal);
  const ref = r.reference.uptakeRate;
  const stats = h('div', { class: 'stats' },
    stat('Eligible firms', fmt.int(r.totals.eligibleFirms)),
    stat('Enrolled firms', fmt.int(r.totals.enrolledFirms), `${fmt.int(r.totals.activeFirms)} active, ${fmt.int(r.totals.withdrawnFirms)} withdrawn`),
    stat('Uptake', fmt.pct(r.totals.uptakeRate), `as of ${r.asOf}`),
    stat('Reference', fmt.pct(ref, 0), r.reference.source.split(/[:(]/)[0].trim()));
  const children = adaptations(list, id);
  const family = children.length ? h('section', { class: 'card', 'data-role': 'adaptations' },
    h('p', { text: 'This regional programme counts the firms enrolled in it and in its district adaptations:' }),
    h('ul', {}, children.map((c) => h('li', {}, h('a', { href: `#/agency/uptake?programme=${c.id}`, text: `${c.code} — ${c.name}` })))))
    : null;
  if (!r.series.length || !r.totals.enrolledFirms) {
    return h('div', {}, stats, family, h('div', { class: 'card' }, empty('No enrolments yet', 'The uptake curve starts with the first enrolment.')));
  }
  const labels = r.series.map((p) => p.period);
  // districts come named by the service; a NACE division and a size class are named from the label catalogue
  const groupName = (g) => (r.by === 'SECTOR' ? label.nace(g.key) : r.by === 'SIZE' ? label.sizeClass(g.key) : g.label);
  const byWords = GROUPING_WORDS[r.by] || label.status(r.by).toLowerCase();
  const groups = r.groups.filter((g) => g.eligibleFirms > 0);
  const datasets = [
    { label: 'All eligible firms', data: r.series.map((p) => pct(p.uptakeRate)), borderColor: palette[0], backgroundColor: palette[0], borderWidth: 3, tension: 0.2 },
    ...groups.slice(0, 6).map((g, i) => ({
      label: groupName(g), data: g.cumulativeEnrolled.map((n) => pct(n / g.eligibleFirms)),
      borderColor: palette[(i + 2) % palette.length], backgroundColor: palette[(i + 2) % palette.length], borderWidth: 1.5, tension: 0.2,
    })),
    // the legend names the line; its source is printed under the chart
    { label: `Reference ${fmt.pct(ref, 0)}`, data: labels.map(() => pct(ref)), borderColor: palette[1], backgroundColor: palette[1], borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
  ];
  const top = Math.min(100, Math.max(50, Math.ceil(Math.max(...datasets.flatMap((d) => d.data).filter((x) => x !== null)) / 10) * 10 + 10));
  const chart = chartCard({
    id: 'uptake-chart', title: 'Cumulative uptake of eligible firms',
    description: `Per ${(PERIODS[r.period] || r.period).toLowerCase()}, by ${byWords}; dashed line: ${fmt.pct(ref, 0)} reached by the reference programme.`,
    config: { type: 'line', data: { labels, datasets }, options: { scales: { y: percentAxis('Enrolled / eligible', top), x: { title: { display: true, text: PERIODS[r.period] || label.status(r.period) } } } } },
    tableColumns: [{ label: 'Period', value: (p) => p.period }, { label: 'New', num: true, value: (p) => p.newEnrolments },
      { label: 'Withdrawn', num: true, value: (p) => p.withdrawals }, { label: 'Cumulative', num: true, value: (p) => p.cumulativeEnrolled },
      { label: 'Uptake', num: true, value: (p) => fmt.pct(p.uptakeRate) }],
    tableRows: r.series,
  });
  chart.append(h('p', { class: 'muted small', text: `Reference: ${r.reference.source}` }));
  const groupTable = h('section', { class: 'card' }, h('h2', { text: `Uptake by ${byWords}` }),
    table([{ label: GROUPINGS[r.by] || byWords, value: groupName }, { label: 'Eligible', num: true, value: (g) => fmt.int(g.eligibleFirms) },
      { label: 'Enrolled', num: true, value: (g) => fmt.int(g.enrolledFirms) }, { label: 'Uptake', num: true, value: (g) => fmt.pct(g.uptakeRate) },
      { label: 'vs reference', num: true, value: (g) => (g.uptakeRate === null ? '—' : `${g.uptakeRate >= ref ? '+' : '−'}${fmt.num(Math.abs(g.uptakeRate - ref) * 100, 1)} pts`) }],
    r.groups, `Uptake by ${byWords}`));
  const services = Object.entries(r.servicesUsed || {}).filter(([, n]) => n > 0);
  const servicesCard = h('section', { class: 'card' }, h('h2', { text: 'Services used by enrolled firms' }),
    services.length ? table([{ label: 'Service', value: ([s]) => label.service(s) }, { label: 'Firms', num: true, value: ([, n]) => n }], services)
      : empty('No service use recorded', 'Services appear once enrolments record the audits, training or pilot-plant access used.'));
  return clear(h('div'), stats, family, chart, h('div', { class: 'grid-2' }, groupTable, servicesCard));
}

function pct(x) {
  return x === null || x === undefined ? null : Math.round(x * 1000) / 10;
}
