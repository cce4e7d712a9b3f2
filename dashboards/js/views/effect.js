// Agency: did the programme change anything? 2×2 DiD with its interval, or the staggered event study with its
// simultaneous band and a pre-trend verdict — on a maturity score, on the adoption of a technology, or on the number
// of technologies adopted.
import { writeState } from '../state.js';
import { programmes, evaluation, defaultProgramme } from '../data/programmes.js';
import { technologies } from '../data/registry.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, stat, withStates, fmt } from '../ui.js';
import { chartCard, palette } from '../charts.js';
import { label } from '../labels.js';
import { modelDocument } from '../data/assessments.js';
import { BENCHMARK_MODEL, BENCHMARK_VERSION } from '../data/benchmark.js';

const Z95 = 1.959964;
let dimensionNames = new Map();
const KINDS = [{ value: 'score', label: 'Maturity score' }, { value: 'adoption', label: 'Adoption of a technology' },
  { value: 'technologies', label: 'Number of technologies adopted' }];

export async function render(view, ctx) {
  await page(view, 'Programme effect', 'Average effect on the treated (ATT) with a 95 % confidence interval.', async () => {
    const [list, ts, model] = await Promise.all([programmes(ctx.signal), technologies(ctx.signal).catch(() => []),
      modelDocument(BENCHMARK_MODEL, BENCHMARK_VERSION, ctx.signal).catch(() => null)]);
    if (!list.length) return empty('No programmes yet', 'A programme with enrolled firms and outcomes before and after enrolment is needed.');
    const q = ctx.query;
    const asked = q.get('outcome') || 'overall';
    const programme = select('programme', list.map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` })),
      await defaultProgramme(list, q.get('programme'), ctx.signal));
    const design = select('design', [{ value: 'DID', label: 'Difference-in-differences (2 waves)' }, { value: 'STAGGERED', label: 'Staggered (Callaway & Sant\'Anna)' }], q.get('design') || 'DID');
    const kind = select('outcomeKind', KINDS, ['adoption', 'technologies'].includes(asked) ? asked : 'score');
    const scoreAsked = ['adoption', 'technologies'].includes(asked) ? 'overall' : asked;
    // the overall score or one dimension, by the model's names (a free code field only when the model cannot be read)
    const scores = model ? [{ value: 'overall', label: 'Overall' }, ...model.dimensions.map((d) => ({ value: d.code, label: d.name }))] : [];
    if (model && !scores.some((o) => o.value === scoreAsked)) scores.push({ value: scoreAsked, label: label.status(scoreAsked) }); // another outcome from a link
    const score = model ? select('outcome', scores, scoreAsked) : h('input', { name: 'outcome', value: scoreAsked });
    dimensionNames = new Map((model?.dimensions || []).map((d) => [d.code, d.name]));
    const technology = select('technology', ts.map((t) => ({ value: t.code, label: t.name || label.technology(t.code) })), q.get('technology') || 'ROBOTICS');
    const scoreField = field('Score', score, model ? undefined : 'overall or a dimension code');
    const technologyField = field('Technology', technology);
    const result = h('div');
    const params = () => ({
      outcome: kind.value === 'score' ? score.value : kind.value,
      technology: kind.value === 'adoption' ? technology.value : undefined,
      design: design.value,
      bootstrap: design.value === 'STAGGERED' ? true : undefined,
    });
    const showFields = () => {
      scoreField.hidden = kind.value !== 'score';
      technologyField.hidden = kind.value !== 'adoption';
    };
    const detail = h('a', { id: 'programme-detail', class: 'small' });
    const refresh = () => {
      detail.href = `#/programmes/${programme.value}`;
      detail.textContent = 'The programme and its enrolled firms';
      showFields();
      // the settings live in the address: a reload or a shared link shows the same estimate
      writeState({ programme: programme.value, ...params(), bootstrap: undefined }, { signal: ctx.signal });
      return withStates(result, () => report(programme.value, params(), ctx), 'Estimating…');
    };
    for (const s of [programme, design, kind, technology, score]) s.addEventListener('change', refresh);
    refresh();
    return h('div', {}, h('form', { class: 'controls no-print', 'aria-label': 'Evaluation settings', onsubmit: (e) => { e.preventDefault(); refresh(); } },
      field('Programme', programme), field('Design', design), field('Outcome', kind), scoreField, technologyField,
      h('button', { type: 'submit', class: 'button', text: 'Estimate' }), h('p', {}, detail)), result);
  }, 'Loading programmes…');
}

async function report(id, params, ctx) {
  let r;
  try {
    r = await evaluation(id, params, ctx.signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      return h('div', { class: 'card' }, empty('No effect estimate yet', `${sentence(e.message)} Estimates need outcomes of participants and comparable non-participants before and after enrolment.`));
    }
    throw e;
  }
  const years = r.waveUnit === 'YEAR';
  const unit = outcomeUnit(r);
  const head = h('div', { class: 'stats' }, stat('Firms in the estimation', fmt.int(r.firms)), stat('Participants', fmt.int(r.treatedFirms)),
    stat('Left out (missing waves)', fmt.int(r.excludedFirms)),
    stat(years ? 'Years' : 'Waves', years ? `${r.waves[0]} to ${r.waves[r.waves.length - 1]}` : r.waves.map((w) => `T${w}`).join(' → ') || '—'));
  if (r.design === 'DID') {
    if (!r.did) return h('div', {}, head, h('div', { class: 'card' }, empty('Not enough firms for a difference-in-differences estimate')));
    return clear(h('div'), head, estimateCard('Difference-in-differences', r.did.att, r.did.se, `n = ${r.did.n} firms`, unit),
      r.gains ? h('section', { class: 'card' }, h('h2', { text: 'Participants\' mean gain' }),
        h('p', { text: `${signed(r.gains.mean * unit.scale)} ${unit.name} (95 % CI ${signed(r.gains.ciLow * unit.scale)} to ${signed(r.gains.ciHigh * unit.scale)}), n = ${r.gains.n}` })) : null);
  }
  const s = r.staggered;
  if (!s) return h('div', {}, head, h('div', { class: 'card' }, empty('No staggered estimate', 'Two enrolment cohorts and a comparison group are needed.')));
  const band = s.bands && s.bands.dynamic;
  const step = years ? 'years' : 'waves';
  return clear(h('div'), head, estimateCard('Overall ATT (simple aggregation)', s.simple.att, s.simple.se, `${s.units} firms`, unit),
    preTrendCard(s.preTest, s.attGt.some((c) => c.period < c.cohort)),
    chartCard({
      id: 'event-time-chart', title: 'Effect by event time',
      description: `The ATT e ${step} after enrolment, for each e (negative e: before enrolment, where it should be near zero), with pointwise 95 % intervals`
        + (band ? ` and the ${fmt.pct(1 - s.bands.alpha, 0)} simultaneous band (multiplier bootstrap, ${fmt.int(s.bands.iterations)} draws, critical value ${fmt.num(band.criticalValue, 2)}), which covers every event time at once.` : '.'),
      config: { type: 'bar', data: { labels: s.dynamic.map((d) => `e = ${d.eventTime}`), datasets: [
        { type: 'line', label: 'ATT', data: s.dynamic.map((d) => d.att), borderColor: palette[0], backgroundColor: palette[0], showLine: false, pointRadius: 5, order: 0 },
        { type: 'bar', label: '95 % interval', data: s.dynamic.map((d) => [d.att - Z95 * d.se, d.att + Z95 * d.se]), backgroundColor: 'rgba(31,95,174,.35)', barPercentage: 0.25, grouped: false, order: 1 },
        ...(band ? [{ type: 'bar', label: 'Simultaneous band', data: s.dynamic.map((_, i) => [band.lower[i], band.upper[i]]), backgroundColor: 'rgba(217,115,13,.22)', barPercentage: 0.6, grouped: false, order: 2 }] : [])] },
      options: { scales: { y: { title: { display: true, text: `Effect on ${unit.axis}` } } } } },
      tableColumns: [{ label: 'Event time', value: (d) => d.eventTime }, { label: 'ATT', num: true, value: (d) => fmt.num(d.att, 3) },
        { label: 'SE', num: true, value: (d) => fmt.num(d.se, 3) }, { label: '95 % CI', value: (d) => ci(d.att, d.se) },
        ...(band ? [{ label: 'Simultaneous band', value: (d) => { const i = s.dynamic.indexOf(d); return `${signed(band.lower[i])} to ${signed(band.upper[i])}`; } }] : [])],
      tableRows: s.dynamic,
    }));
}

/** The parallel-trends pre-test in words: a small p-value means the groups already diverged before enrolment. */
function preTrendCard(t, hasPrePeriods) {
  let text;
  let concern = false;
  if (!t && hasPrePeriods) {
    text = 'The pre-test cannot be computed: the periods before enrolment show too little variation (for example, no firm changed its outcome then). Look at the negative event times in the chart instead.';
  } else if (!t) {
    text = 'There is no period before enrolment to test parallel trends on, so the estimate rests on the assumption alone.';
  } else if (t.pValue < 0.05) {
    concern = true;
    text = `Pre-trends are a concern: before enrolment, participants already moved differently from the comparison firms (Wald test, χ² = ${fmt.num(t.statistic, 2)} on ${t.degreesOfFreedom} df, p = ${fmt.num(t.pValue, 3)}). Read the effect with caution.`;
  } else {
    text = `No sign of diverging pre-trends: before enrolment, participants and comparison firms moved alike (Wald test, χ² = ${fmt.num(t.statistic, 2)} on ${t.degreesOfFreedom} df, p = ${fmt.num(t.pValue, 3)}). This supports, but cannot prove, the parallel-trends assumption.`;
  }
  return h('section', { class: 'card', id: 'pre-trends', 'data-concern': String(concern) }, h('h2', { text: 'Parallel trends before enrolment' }),
    h('p', { class: concern ? 'alert' : null, text }));
}

function outcomeUnit(r) {
  // a change in a share reads in percentage points on the cards (the chart keeps the probability's own scale)
  if (r.outcome === 'adoption') return { name: 'percentage points in the share of firms that adopted', scale: 100, axis: `the probability of having adopted ${label.technology(r.technology)}` };
  if (r.outcome === 'technologies') return { name: 'technologies', scale: 1, axis: 'the number of technologies adopted' };
  return { name: 'points', scale: 1, axis: r.outcome === 'overall' ? 'the overall score' : `the score of ${dimensionNames.get(r.outcome) || label.status(r.outcome)}` };
}

function estimateCard(title, rawAtt, rawSe, note, unit) {
  const att = rawAtt * unit.scale;
  const se = rawSe * unit.scale;
  const low = att - Z95 * se;
  const high = att + Z95 * se;
  const verdict = low > 0 ? 'The interval lies above zero: participants gained more than comparable firms.'
    : high < 0 ? 'The interval lies below zero: participants did worse than comparable firms.'
      : 'The interval includes zero: no effect can be told apart from chance.';
  return h('section', { class: 'card' }, h('h2', { text: title }),
    h('div', { class: 'stats' }, stat('ATT', signed(att), `${unit.name}; ${note}`), stat('Standard error', fmt.num(se, 2)), stat('95 % interval', ci(att, se))),
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
