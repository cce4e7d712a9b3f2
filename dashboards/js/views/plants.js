// RTI workbench: pilot plants and their machines. Register a plant (for a firm picked by name) and its machines; per
// machine a live chart of its readings (state, counts, metrics) and OEE with its three factors over a chosen window.
// The selected machine and window live in the address (#/rti/plants?machine=ID&window=8h). Refreshed every 5 s.
import { plants, machineKpis, registerPlant, registerMachine, machineSeries, machineBuckets, machineWindows } from '../data/telemetry.js';
import { firm as loadFirm } from '../data/registry.js';
import { h, clear, empty, failure, field, select, stat, table, pageHead, fmt } from '../ui.js';
import { chartCard, palette, percentAxis } from '../charts.js';
import { firmPicker } from '../firm-picker.js';
import { writeState } from '../state.js';

const REFRESH_MS = 5000;
// Raw readings drawn one by one up to this many in a window; beyond it the chart asks for time buckets.
const RAW_LIMIT = 1000;
const BUCKETS = 480;
// PackML machine states (ISA-TR88.00.02) in words; EXECUTE is the one state in which the machine produces.
const STATES = { EXECUTE: 'Producing', IDLE: 'Idle', STOPPED: 'Stopped', STARTING: 'Starting', STOPPING: 'Stopping', ABORTING: 'Aborting',
  ABORTED: 'Aborted', CLEARING: 'Clearing', RESETTING: 'Resetting', HOLDING: 'Holding', HELD: 'Held', UNHOLDING: 'Unholding',
  SUSPENDING: 'Suspending', SUSPENDED: 'Suspended', UNSUSPENDING: 'Unsuspending', COMPLETING: 'Completing', COMPLETE: 'Complete' };
const stateName = (code) => (code ? STATES[code] || fmt.label(code) : '—');
const WINDOWS = {
  '1h': { label: 'Last hour', hours: 1, size: 'MINUTE' },
  '8h': { label: 'Last 8 hours', hours: 8, size: 'HOUR' },
  '24h': { label: 'Last 24 hours', hours: 24, size: 'HOUR' },
  '7d': { label: 'Last 7 days', hours: 168, size: 'DAY' },
  '30d': { label: 'Last 30 days', hours: 720, size: 'DAY' },
};

export async function render(view, ctx) {
  const updated = h('p', { class: 'muted small', 'aria-live': 'off', id: 'plants-updated' });
  const registration = h('div');
  view.append(pageHead('Pilot plants', 'Live readings and OEE (availability × performance × quality) of the pilot plants you serve.'), registration, updated);
  const detail = h('div', { id: 'machine-detail' });
  const body = h('div');
  view.append(detail, body);
  let list = [];
  let machineId = ctx.query.get('machine');
  let windowKey = WINDOWS[ctx.query.get('window')] ? ctx.query.get('window') : '1h';
  const firmNames = new Map();
  const select_ = (id) => {
    machineId = String(id);
    writeState({ machine: machineId, window: windowKey }, { push: true });
    tick();
    detail.scrollIntoView({ block: 'start' });
  };

  clear(registration, registerPlantForm(ctx, () => tick()));
  let timer = null;
  let busy = false;
  let shown = null;
  let cards = new Map();
  let again = false;
  const tick = async () => {
    // A change (a new window, a registered plant) during a refresh is drawn right after it.
    if (busy) { again = true; return true; }
    busy = true;
    try {
      const found = await plants(ctx.signal);
      list = found || [];
      await Promise.all(list.filter((p) => !firmNames.has(p.firmId)).map((p) => loadFirm(p.firmId, ctx.signal)
        .then((f) => firmNames.set(p.firmId, f.name)).catch(() => firmNames.set(p.firmId, null))));
      if (!list.length) {
        shown = null;
        clear(body, h('div', { class: 'card' }, empty('No pilot plants connected', 'Register a plant and its machines above; their telemetry appears here within seconds of the first message.')));
      } else {
        // Plant cards (with their half-filled forms) stay while the plants and machines are the same; only the figures refresh.
        const signature = JSON.stringify(list.map((p) => [p.id, p.machines.map((m) => m.id)]));
        if (signature !== shown) {
          cards = new Map(list.map((p) => [p.id, plantCard(p, firmNames.get(p.firmId), ctx, select_, () => tick())]));
          clear(body, [...cards.values()].map((c) => c.card));
          shown = signature;
        }
        await Promise.all(list.map((p) => fillKpis(cards.get(p.id).figures, p, ctx, select_)));
      }
      const machine = list.flatMap((p) => p.machines.map((m) => ({ ...m, plant: p }))).find((m) => String(m.id) === machineId);
      if (machine) await machinePanel(detail, machine, windowKey, ctx, (k) => { windowKey = k; writeState({ machine: machineId, window: k }); tick(); });
      else { clear(detail); delete detail.dataset.key; }
      updated.textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}; refreshes every ${REFRESH_MS / 1000} s.`;
      return true;
    } catch (e) {
      if (e?.name !== 'AbortError') clear(body, failure(e));
      return false;
    } finally {
      busy = false;
      if (again) { again = false; tick(); }
    }
  };
  body.append(h('div', { class: 'state', role: 'status', 'data-state': 'loading' }, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', { text: 'Loading plants…' })));
  await tick();
  timer = setInterval(tick, REFRESH_MS);
  ctx.onLeave(() => clearInterval(timer));
}

function registerPlantForm(ctx, done) {
  const code = h('input', { name: 'plant-code', id: 'plant-code', required: true, placeholder: 'e.g. PILOT-1' });
  const name = h('input', { name: 'plant-name', id: 'plant-name', required: true });
  const picker = firmPicker({ label: 'Firm', signal: ctx.signal });
  const message = h('div', { role: 'status' });
  const submit = async (e) => {
    e.preventDefault();
    clear(message);
    if (!picker.value()) {
      picker.input.setAttribute('aria-invalid', 'true');
      clear(message, h('p', { class: 'alert alert-error', text: 'Choose the firm that runs the plant.' }));
      return;
    }
    try {
      const p = await registerPlant({ code: code.value.trim(), name: name.value.trim(), firmId: picker.value() }, ctx.signal);
      clear(message, h('p', { class: 'notice', text: `Plant ${p.name} registered: add its machines below. Its devices publish to i4/${p.code}/{machine}/telemetry.` }));
      code.value = '';
      name.value = '';
      done();
    } catch (err) {
      if (err?.name !== 'AbortError') clear(message, problem(err));
    }
  };
  return h('details', { class: 'card no-print', id: 'plant-register' }, h('summary', { text: 'Register a pilot plant' }),
    h('form', { class: 'controls', id: 'plant-form', 'aria-label': 'Register a pilot plant', onsubmit: submit },
      picker.element, field('Plant code (topic level)', code), field('Name', name),
      h('button', { type: 'submit', class: 'button button-primary', id: 'plant-create', text: 'Register plant' })), message);
}

function plantCard(p, firmName, ctx, choose, done) {
  const figures = h('div');
  const card = h('section', { class: 'card', 'data-plant': p.code }, h('h2', { text: `${p.name} (${p.code})` }),
    h('p', { class: 'muted small', text: firmName ? `Firm: ${firmName}` : '' }), figures, addMachineForm(p, ctx, done));
  return { card, figures };
}

/** The plant's machines with the OEE of their latest hour; each machine opens its chart. */
async function fillKpis(figures, p, ctx, choose) {
  if (!p.machines.length) {
    clear(figures, empty('No machines registered', 'Add the plant\'s machines so that their telemetry is stored.'));
    return;
  }
  const kpis = await Promise.all(p.machines.map((m) => machineKpis(m.id, ctx.signal).catch(() => null)));
  const of = (m) => kpis[p.machines.indexOf(m)];
  clear(figures, table([
    { label: 'Machine', value: (m) => h('button', { type: 'button', class: 'link-button', 'data-machine': m.id, onclick: () => choose(m.id), text: `${m.name} (${m.code})` }) },
    { label: 'Latest hour', value: (m) => (of(m) ? `${hour(of(m).from)}–${hour(of(m).to)}` : (m.firstTelemetryAt ? 'no planned time' : 'no telemetry yet')) },
    { label: 'Availability', num: true, value: (m) => fmt.pct(of(m)?.availability) },
    { label: 'Performance', num: true, value: (m) => fmt.pct(of(m)?.performance) },
    { label: 'Quality', num: true, value: (m) => fmt.pct(of(m)?.quality) },
    { label: 'OEE', num: true, value: (m) => fmt.pct(of(m)?.oee) }], p.machines, p.name));
}

function addMachineForm(p, ctx, done) {
  const code = h('input', { name: 'machine-code', required: true, placeholder: 'e.g. PRESS-1' });
  const name = h('input', { name: 'machine-name', required: true });
  const cycle = h('input', { name: 'machine-cycle', type: 'number', min: 1, step: 1, required: true, value: 1000 });
  const message = h('div', { role: 'status' });
  const submit = async (e) => {
    e.preventDefault();
    clear(message);
    try {
      await registerMachine(p.id, { code: code.value.trim(), name: name.value.trim(), idealCycleTimeMs: Number(cycle.value) }, ctx.signal);
      done();
    } catch (err) {
      if (err?.name !== 'AbortError') clear(message, problem(err));
    }
  };
  return h('details', { class: 'no-print' }, h('summary', { text: 'Add a machine' }),
    h('form', { class: 'controls', 'data-machine-form': p.code, 'aria-label': `Add a machine to ${p.name}`, onsubmit: submit },
      field('Machine code (topic level)', code), field('Name', name), field('Ideal cycle time (ms)', cycle),
      h('button', { type: 'submit', class: 'button', text: 'Add machine' })), message);
}

/**
 * The selected machine: its readings as a live chart and its OEE factors per window over the chosen range. The panel
 * (with the window control) is built once per machine and window; each refresh updates the figures and the charts in
 * place, so keyboard focus and the open tables stay where the user left them.
 */
async function machinePanel(detail, m, windowKey, ctx, onWindow) {
  const w = WINDOWS[windowKey];
  const key = `${m.id}|${windowKey}`;
  if (detail.dataset.key !== key) {
    const windowSelect = select('window', Object.entries(WINDOWS).map(([value, x]) => ({ value, label: x.label })), windowKey);
    windowSelect.addEventListener('change', () => onWindow(windowSelect.value));
    for (const id of ['machine-series-chart', 'machine-oee-chart']) window.Chart?.getChart(id)?.destroy();
    clear(detail, h('section', { class: 'card', 'aria-labelledby': 'machine-title' },
      h('div', { class: 'page-head' }, h('h2', { id: 'machine-title', text: `${m.name} (${m.code}) · ${m.plant.name}` }),
        h('div', { class: 'controls' }, field('Window', windowSelect))),
      h('div', { class: 'stats', id: 'machine-stats' })), h('div', { 'data-role': 'series' }), h('div', { 'data-role': 'oee' }));
    detail.dataset.key = key;
    delete detail.dataset.aggregated;
  }
  const to = new Date();
  const from = new Date(to.getTime() - w.hours * 3600_000);
  // KPI windows start on whole units; the range is widened to them so that every window is complete.
  const kpiFrom = new Date(from);
  if (w.size === 'MINUTE') kpiFrom.setUTCSeconds(0, 0); else if (w.size === 'HOUR') kpiFrom.setUTCMinutes(0, 0, 0); else kpiFrom.setUTCHours(0, 0, 0, 0);
  const [series, kpis] = await Promise.all([readings(detail, m.id, from, to, ctx.signal), machineWindows(m.id, kpiFrom, to, w.size, ctx.signal)]);
  if (detail.dataset.key !== key) return;
  const windows = (kpis.windows || []).filter((x) => x.plannedTimeSeconds > 0);
  const latest = windows[windows.length - 1];
  const current = series.current;
  clear(detail.querySelector('#machine-stats'),
    stat('State', current ? stateName(current.state) : 'no reading', current ? `last reading ${time(current.ts, true)}` : `in the ${w.label.toLowerCase()}`),
    stat('OEE', fmt.pct(latest?.oee), latest ? `latest ${w.size.toLowerCase()} from ${time(latest.from, w.size === 'DAY')}` : 'no planned time yet'),
    stat('Availability', fmt.pct(latest?.availability), 'run time / planned time'),
    stat('Performance', fmt.pct(latest?.performance), 'ideal cycle time × count / run time'),
    stat('Quality', fmt.pct(latest?.quality), 'good / total count'));

  const chart = series.buckets ? bucketChart(series, w) : rawChart(series, w);
  detail.querySelector('[data-role=series]').dataset.mode = series.buckets ? 'buckets' : 'raw';
  liveChart(detail.querySelector('[data-role=series]'), series.count, {
    id: 'machine-series-chart', title: `Readings: ${w.label.toLowerCase()}`, ...chart,
  }, () => empty('No readings in this window', 'Readings appear here within seconds of the machine publishing telemetry.'));

  const rows = windows.map((x) => ({ ...x, label: time(x.from, w.size === 'DAY') }));
  liveChart(detail.querySelector('[data-role=oee]'), rows.length, {
    id: 'machine-oee-chart', title: `OEE and its factors per ${w.size.toLowerCase()}`,
    description: 'OEE = availability × performance × quality (ISO 22400).',
    config: { type: 'bar', data: { labels: rows.map((x) => x.label), datasets: [
      { label: 'Availability', data: rows.map((x) => pct(x.availability)), backgroundColor: palette[0] },
      { label: 'Performance', data: rows.map((x) => pct(x.performance)), backgroundColor: palette[1] },
      { label: 'Quality', data: rows.map((x) => pct(x.quality)), backgroundColor: palette[2] },
      { label: 'OEE', data: rows.map((x) => pct(x.oee)), backgroundColor: palette[3] }] },
    options: { scales: { y: percentAxis('Per cent', 100) } } },
    tableColumns: [{ label: 'From', value: (x) => x.label }, { label: 'Availability', num: true, value: (x) => fmt.pct(x.availability) },
      { label: 'Performance', num: true, value: (x) => fmt.pct(x.performance) }, { label: 'Quality', num: true, value: (x) => fmt.pct(x.quality) },
      { label: 'OEE', num: true, value: (x) => fmt.pct(x.oee) }],
    tableRows: rows,
  }, () => null);
}

/**
 * The machine's readings over [from, to): raw while the window holds at most RAW_LIMIT of them, else all of them in at most
 * BUCKETS time buckets (the server's min/max/mean per bucket, see docs/telemetry.md). A window found too full once is asked
 * for in buckets directly on the next refreshes. {current} is the latest reading (from a one-reading raw request in
 * bucket mode, within the raw range limit of 7 days).
 */
async function readings(detail, machineId, from, to, signal) {
  if (detail.dataset.aggregated !== 'true') {
    const raw = await machineSeries(machineId, from, to, signal, RAW_LIMIT);
    if (!raw.truncated) return { samples: raw.samples, count: raw.samples.length, current: raw.samples[raw.samples.length - 1] };
    detail.dataset.aggregated = 'true';
    // The bucket chart has other axes: it is drawn anew rather than updated in place.
    window.Chart?.getChart('machine-series-chart')?.destroy();
  }
  const recent = new Date(Math.max(from.getTime(), to.getTime() - 7 * 24 * 3600_000));
  const [agg, last] = await Promise.all([machineBuckets(machineId, from, to, BUCKETS, signal), machineSeries(machineId, recent, to, signal, 1)]);
  return { ...agg, count: agg.readings, current: last.samples[0] };
}

function rawChart(series, w) {
  const samples = series.samples;
  const metricNames = [...new Set(samples.flatMap((s) => Object.keys(s.metrics || {})))].slice(0, 4);
  return {
    description: `${samples.length} readings, each drawn. Counts are cumulative.`,
    config: seriesConfig({
      labels: samples.map((s) => time(s.ts, w.hours > 24)),
      datasets: [
        { label: 'Good count', data: samples.map((s) => s.goodCount), borderColor: palette[2], yAxisID: 'counts', pointRadius: 0 },
        { label: 'Reject count', data: samples.map((s) => s.rejectCount), borderColor: palette[4], yAxisID: 'counts', pointRadius: 0 },
        { label: 'Producing', data: samples.map((s) => (s.state === 'EXECUTE' ? 1 : 0)), borderColor: palette[0], stepped: true, yAxisID: 'state', pointRadius: 0 },
        ...metricNames.map((name, i) => ({ label: name, data: samples.map((s) => s.metrics?.[name] ?? null), borderColor: palette[5 + (i % 3)], yAxisID: 'metrics', pointRadius: 0 })),
      ],
    }, metricNames.length > 0, 'producing'),
    tableColumns: [{ label: 'Time', value: (s) => time(s.ts, true) }, { label: 'State', value: (s) => stateName(s.state) },
      { label: 'Good', num: true, value: (s) => fmt.int(s.goodCount) }, { label: 'Reject', num: true, value: (s) => fmt.int(s.rejectCount) },
      ...metricNames.map((n) => ({ label: n, num: true, value: (s) => fmt.num(s.metrics?.[n], 2) }))],
    tableRows: samples.slice(-50),
  };
}

/** Buckets: counts at each bucket's end, the producing share per bucket, and per metric its mean with the min–max band. */
function bucketChart(series, w) {
  const buckets = series.buckets;
  const metricNames = [...new Set(buckets.flatMap((b) => Object.keys(b.metrics || {})))].slice(0, 4);
  const band = (name, i) => [
    { label: `${name} min`, data: buckets.map((b) => b.metrics?.[name]?.min ?? null), borderColor: 'transparent', yAxisID: 'metrics', pointRadius: 0, band: true },
    { label: `${name} min–max`, data: buckets.map((b) => b.metrics?.[name]?.max ?? null), borderColor: 'transparent', backgroundColor: `${palette[5 + (i % 3)]}33`, fill: '-1', yAxisID: 'metrics', pointRadius: 0 },
    { label: `${name} mean`, data: buckets.map((b) => b.metrics?.[name]?.mean ?? null), borderColor: palette[5 + (i % 3)], yAxisID: 'metrics', pointRadius: 0 },
  ];
  const width = duration(series.bucketSeconds);
  const config = seriesConfig({
    labels: buckets.map((b) => time(b.from, w.hours > 24)),
    datasets: [
      { label: 'Good count', data: buckets.map((b) => b.goodCount ?? null), borderColor: palette[2], yAxisID: 'counts', pointRadius: 0 },
      { label: 'Reject count', data: buckets.map((b) => b.rejectCount ?? null), borderColor: palette[4], yAxisID: 'counts', pointRadius: 0 },
      { label: 'Producing share', data: buckets.map((b) => (b.producingShare === null || b.producingShare === undefined ? null : b.producingShare)), borderColor: palette[0], stepped: true, yAxisID: 'state', pointRadius: 0 },
      ...metricNames.flatMap(band),
    ],
  }, metricNames.length > 0, 'share');
  config.options.plugins = { legend: { position: 'bottom', labels: { filter: (item, data) => !data.datasets[item.datasetIndex].band } } };
  return {
    description: `Aggregated: ${fmt.int(series.readings)} readings in ${buckets.length} buckets of ${width} each, so the whole window is drawn. `
      + 'Per bucket: each metric\'s mean with its min–max band (spikes stay visible), the counts at the bucket\'s end (cumulative) '
      + 'and the share of the bucket spent producing.',
    config,
    tableColumns: [{ label: 'From', value: (b) => time(b.from, true) }, { label: 'Readings', num: true, value: (b) => fmt.int(b.readings) },
      { label: 'Mostly', value: (b) => stateName(b.state) }, { label: 'Producing', num: true, value: (b) => fmt.pct(b.producingShare) },
      { label: 'Good', num: true, value: (b) => fmt.int(b.goodCount) }, { label: 'Reject', num: true, value: (b) => fmt.int(b.rejectCount) },
      ...metricNames.flatMap((n) => [
        { label: `${n} mean`, num: true, value: (b) => fmt.num(b.metrics?.[n]?.mean, 2) },
        { label: `${n} min`, num: true, value: (b) => fmt.num(b.metrics?.[n]?.min, 2) },
        { label: `${n} max`, num: true, value: (b) => fmt.num(b.metrics?.[n]?.max, 2) }])],
    tableRows: buckets.filter((b) => b.readings > 0).slice(-50),
  };
}

/** The readings chart's configuration: counts on the left, the producing state (0/1 or a share) and metrics on the right. */
function seriesConfig(data, withMetrics, stateScale) {
  const state = stateScale === 'share'
    ? { type: 'linear', position: 'right', min: 0, max: 1, ticks: { callback: (v) => `${Math.round(v * 100)} % producing` }, grid: { display: false } }
    : { type: 'linear', position: 'right', min: 0, max: 1, ticks: { stepSize: 1, callback: (v) => (v === 1 ? 'producing' : 'not producing') }, grid: { display: false } };
  return { type: 'line', data, options: { spanGaps: false, scales: {
    counts: { type: 'linear', position: 'left', title: { display: true, text: 'Count' } },
    state,
    metrics: { type: 'linear', position: 'right', display: withMetrics, title: { display: true, text: 'Metrics' }, grid: { display: false } } } } };
}

function duration(seconds) {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60) return `${Math.round(seconds / 6) / 10} min`;
  return `${seconds} s`;
}

/** Draws a chart card into the box once, then updates its data and table in place; the empty state when there is no data. */
function liveChart(box, count, spec, emptyState) {
  const chart = window.Chart?.getChart(spec.id);
  if (!count) {
    chart?.destroy();
    clear(box, emptyState());
    return;
  }
  if (!chart || !box.contains(chart.canvas)) {
    clear(box, chartCard(spec));
    return;
  }
  chart.data = spec.config.data;
  chart.update('none');
  box.querySelector('.muted.small')?.replaceChildren(spec.description);
  box.querySelector('details.data-table table')?.replaceWith(table(spec.tableColumns, spec.tableRows, spec.title).querySelector('table'));
}

function pct(x) {
  return x === null || x === undefined ? null : Math.round(x * 1000) / 10;
}

function time(instant, withDate) {
  const d = new Date(instant);
  return withDate ? d.toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : d.toLocaleTimeString('en-GB');
}

function hour(instant) {
  return new Date(instant).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

function problem(err) {
  const errors = err.fieldErrors || [];
  return h('div', { class: 'alert alert-error' }, h('p', { text: err.message }),
    errors.length ? h('ul', {}, errors.map((fe) => h('li', { text: `${fe.field}: ${fe.message}` }))) : null);
}
