// Agency: did the programme change anything? 2×2 DiD with its interval, or staggered ATT by event time.
import { programmes, evaluation, defaultProgramme } from '../data/programmes.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, stat, withStates, fmt } from '../ui.js';
import { chartCard, palette } from '../charts.js';

const Z95 = 1.959964;

export async function render(view, ctx) {
  await page(view, 'Programme effect', 'Average effect on the treated (ATT) with a 95 % confidence interval.', async () => {
    const list = await programmes(ctx.signal);
    if (!list.length) return empty('No programmes yet', 'A programme with enrolled firms and assessments before and after is needed.');
    const programme = select('programme', list.map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` })),
      await defaultProgramme(list, ctx.query.get('programme'), ctx.signal));
    const design = select('design', [{ value: 'DID', label: 'Difference-in-differences (2 waves)' }, { value: 'STAGGERED', label: 'Staggered (Callaway & Sant\'Anna)' }], ctx.query.get('design') || 'DID');
    const outcome = h('input', { name: 'outcome', value: ctx.query.get('outcome') || 'overall' });
    const result = h('div');
    const refresh = () => withStates(result, () => report(programme.value, { outcome: outcome.value, design: design.value }, ctx), 'Estimating…');
    programme.addEventListener('change', refresh);
    design.addEventListener('change', refresh);
    refresh();
    return h('div', {}, h('form', { class: 'controls no-print', 'aria-label': 'Evaluation settings', onsubmit: (e) => { e.preventDefault(); refresh(); } },
      field('Programme', programme), field('Design', design), field('Outcome', outcome, 'overall or a dimension code'),
      h('button', { type: 'submit', class: 'button', text: 'Estimate' })), result);
  }, 'Loading programmes…');
}

async function report(id, params, ctx) {
  let r;
  try {
    r = await evaluation(id, params, ctx.signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      return h('div', { class: 'card' }, empty('No effect estimate yet', `${sentence(e.message)} Estimates need assessment outcomes of participants and comparable non-participants before and after enrolment.`));
    }
    throw e;
  }
  const head = h('div', { class: 'stats' }, stat('Firms in the estimation', fmt.int(r.firms)), stat('Participants', fmt.int(r.treatedFirms)),
    stat('Left out (missing waves)', fmt.int(r.excludedFirms)), stat('Waves', r.waves.map((w) => `T${w}`).join(' → ') || '—'));
  if (r.design === 'DID') {
    if (!r.did) return h('div', {}, head, h('div', { class: 'card' }, empty('Not enough firms for a difference-in-differences estimate')));
    return clear(h('div'), head, estimateCard('Difference-in-differences', r.did.att, r.did.se, `n = ${r.did.n} firms`),
      r.gains ? h('section', { class: 'card' }, h('h2', { text: 'Participants\' mean gain' }),
        h('p', { text: `${signed(r.gains.mean)} points (95 % CI ${signed(r.gains.ciLow)} to ${signed(r.gains.ciHigh)}), n = ${r.gains.n}` })) : null);
  }
  const s = r.staggered;
  if (!s) return h('div', {}, head, h('div', { class: 'card' }, empty('No staggered estimate', 'Two enrolment waves and a comparison group are needed.')));
  return clear(h('div'), head, estimateCard('Overall ATT (simple aggregation)', s.simple.att, s.simple.se, `${s.units} firms`),
    chartCard({
      id: 'event-time-chart', title: 'Effect by event time', description: 'ATT e waves after enrolment (negative e: pre-trend check) with 95 % confidence intervals.',
      config: { type: 'bar', data: { labels: s.dynamic.map((d) => `e = ${d.eventTime}`), datasets: [
        { type: 'line', label: 'ATT', data: s.dynamic.map((d) => d.att), borderColor: palette[0], backgroundColor: palette[0], showLine: false, pointRadius: 5 },
        { type: 'bar', label: '95 % interval', data: s.dynamic.map((d) => [d.att - Z95 * d.se, d.att + Z95 * d.se]), backgroundColor: 'rgba(31,95,174,.25)', barPercentage: 0.25 }] },
      options: { scales: { y: { title: { display: true, text: 'Effect on the outcome' } } } } },
      tableColumns: [{ label: 'Event time', value: (d) => d.eventTime }, { label: 'ATT', num: true, value: (d) => fmt.num(d.att, 2) },
        { label: 'SE', num: true, value: (d) => fmt.num(d.se, 2) }, { label: '95 % CI', value: (d) => ci(d.att, d.se) }],
      tableRows: s.dynamic,
    }));
}

function estimateCard(title, att, se, note) {
  const low = att - Z95 * se;
  const high = att + Z95 * se;
  const verdict = low > 0 ? 'The interval lies above zero: participants gained more than comparable firms.'
    : high < 0 ? 'The interval lies below zero: participants did worse than comparable firms.'
      : 'The interval includes zero: no effect can be told apart from chance.';
  return h('section', { class: 'card' }, h('h2', { text: title }),
    h('div', { class: 'stats' }, stat('ATT', signed(att), note), stat('Standard error', fmt.num(se, 2)), stat('95 % interval', ci(att, se))),
    h('p', { text: verdict }));
}

function sentence(text) {
  const t = String(text).trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

function ci(att, se) {
  return `${signed(att - Z95 * se)} to ${signed(att + Z95 * se)}`;
}

function signed(x) {
  return `${x >= 0 ? '+' : '−'}${fmt.num(Math.abs(x), 2)}`;
}
