// Firm report: profile, benchmark radar against peers, assessment history, advice; printable.
import { firm, district } from '../data/registry.js';
import { benchmark } from '../data/benchmark.js';
import { firmHistory } from '../data/assessments.js';
import { h, clear, empty, table, pageHead, withStates, fmt, field } from '../ui.js';
import { api, ApiError } from '../api.js';
import { label } from '../labels.js';
import { chartCard, palette } from '../charts.js';
import { dimensionHistory } from '../data/dimension-history.js';
import { downloadFile } from '../transfer.js';
import { BENCHMARK_MODEL, BENCHMARK_VERSION } from '../data/benchmark.js';
import { firmEnrolments, setConsent } from '../data/programmes.js';
import { consentWords } from './programme.js';
import { day } from './programmes.js';

export async function render(view, ctx) {
  const body = h('div');
  view.append(body);
  await withStates(body, async () => {
    const f = await firm(ctx.params.id, ctx.signal);
    const d = await district(f.districtId, ctx.signal).catch(() => null);
    const benchBox = h('div');
    const historyBox = h('div');
    const dimensionsBox = h('div');
    const programmesBox = h('div');
    const page = h('div', {},
      pageHead(f.name, `Firm report · ${d ? d.name : `district ${f.districtId}`} · printed ${new Date().toLocaleDateString('en-GB')}`,
        h('span', { class: 'actions' },
          assesses(ctx.user) ? h('a', { class: 'button button-primary', id: 'start-assessment', href: `#/rti/assessments?firm=${f.id}`, text: 'Start an assessment' }) : null,
          pdfButton(f),
          h('button', { type: 'button', class: 'button', id: 'print', onclick: () => window.print(), text: 'Print report' }))),
      profileCard(f, d), ctx.user.role === 'RTI_ASSESSOR' ? inviteCard(f) : null, benchBox, historyBox, dimensionsBox, programmesBox);
    // A firm without a validated assessment has no benchmark: it is not asked for (the API would answer 422).
    const history = firmHistory(f.id, ctx.signal);
    withStates(benchBox, async () => benchmarkSection(f, d, ctx, (await history) || []), 'Loading benchmark…');
    withStates(historyBox, () => historySection(f, ctx, history), 'Loading history…');
    withStates(dimensionsBox, () => dimensionSection(ctx.params.id, ctx), 'Loading scores by dimension…');
    withStates(programmesBox, () => programmesSection(f, ctx), 'Loading programmes…');
    return page;
  }, 'Loading firm…');
}

/** Assessors and administrators work on assessments; a firm user reads them in its report only. */
function assesses(user) {
  return user.role === 'RTI_ASSESSOR' || user.role === 'ADMIN';
}

function profileCard(f, d) {
  const caps = f.capabilities || {};
  const chips = (list, name = (c) => c) => (list && list.length ? h('ul', { class: 'chips' }, list.map((c) => h('li', { class: 'chip', text: name(c) }))) : h('span', { class: 'muted', text: 'none recorded' }));
  return h('section', { class: 'card', 'aria-labelledby': 'profile-title' }, h('h2', { id: 'profile-title', text: 'Profile' }),
    h('dl', { class: 'facts' },
      h('dt', { text: 'Code' }), h('dd', { text: f.code }),
      h('dt', { text: 'District' }), h('dd', { text: d ? d.name : String(f.districtId) }),
      h('dt', { text: 'Sector (NACE)' }), h('dd', { text: label.nace(f.naceCode) }),
      h('dt', { text: 'Employees' }), h('dd', { text: `${fmt.int(f.employees)} (${label.sizeClass(f.sizeClass)})` }),
      h('dt', { text: 'Processes' }), h('dd', {}, chips(caps.processes)),
      h('dt', { text: 'Certifications' }), h('dd', {}, chips(caps.certifications)),
      h('dt', { text: 'Technologies in use' }), h('dd', {}, chips(caps.technologies, label.technology))));
}

async function benchmarkSection(f, d, ctx, history) {
  const assessed = history.some((a) => a.status === 'VALIDATED' && a.model.startsWith('digital-maturity '));
  const b = assessed ? await benchmark(f.id, ctx.signal) : null;
  const title = h('h2', { text: 'Benchmark against comparable firms' });
  if (b === null || !b.dimensions.length) {
    return h('section', { class: 'card' }, title, empty('No benchmark report yet',
      'The report appears once an assessment of this firm is validated and enough comparable firms have one.'));
  }
  const group = b.peerGroup;
  const groupText = group.suppressed ? `Peer figures suppressed: ${group.reason}` : `Peer group: ${peerGroupWords(group, d)}`;
  const peer = (v, d) => (d.suppressed ? null : v);
  // a figure the API withholds (small group: only the median is published) is named, never shown as a blank
  const figure = (v, d) => (d.suppressed ? 'suppressed' : v === null ? 'withheld' : fmt.num(v, 1));
  const resolution = b.dimensions.find((d) => d.resolution !== null)?.resolution;
  // the service's reasons are clauses: each becomes a sentence of its own
  const asSentence = (t) => { const x = String(t).trim(); return x ? `${x[0].toUpperCase()}${x.slice(1)}${/[.!?]$/.test(x) ? '' : '.'}` : ''; };
  const privacyText = [resolution ? `Peer figures are ${fmt.num(resolution, 1)}-point classes, shown as the class midpoint.` : '',
    ...b.withheld.map(asSentence)].filter((t) => t).join(' ');
  return h('div', {},
    chartCard({
      id: 'benchmark-chart', title: 'Benchmark: firm vs peer median (P50) and P75',
      description: `${b.band ? `Band: ${label.band(b.band)}. ` : ''}${groupText}.${privacyText ? ` ${privacyText}` : ''}`,
      config: { type: 'radar', data: { labels: b.dimensions.map((d) => d.name), datasets: [
        { label: f.name, data: b.dimensions.map((d) => d.firm), borderColor: palette[0], backgroundColor: 'rgba(31,95,174,.2)' },
        { label: 'Peers P50', data: b.dimensions.map((d) => peer(d.p50, d)), borderColor: palette[1], backgroundColor: 'rgba(217,115,13,.08)' },
        { label: 'Peers P75', data: b.dimensions.map((d) => peer(d.p75, d)), borderColor: palette[2], borderDash: [5, 4], backgroundColor: 'transparent' }]
        .filter((set, i) => i < 2 || set.data.some((v) => v !== null)) },
      options: { scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } } } },
      tableColumns: [{ label: 'Dimension', value: (d) => d.name }, { label: 'Firm', num: true, value: (d) => fmt.num(d.firm, 0) },
        { label: 'P50', num: true, value: (d) => figure(d.p50, d) },
        { label: 'P75', num: true, value: (d) => figure(d.p75, d) }, { label: 'Other firms', num: true, value: (d) => d.n }],
      tableRows: b.dimensions,
    }),
    h('section', { class: 'card' }, h('h2', { text: 'What to do next' }),
      b.advice.length ? h('ol', {}, b.advice.map((a) => h('li', {}, a.text, a.services.length ? h('span', { class: 'muted', text: ` — services: ${a.services.map(label.service).join(', ')}` }) : null)))
        : empty('No advice yet'),
      b.reportLink ? h('p', {}, h('a', { href: b.reportLink, text: 'Open the printable benchmark report' })) : null));
}

// The peer group in words, the firm's district by name (never "district 3"); n counts the firm itself, while each
// dimension's "Other firms" counts the peers with a score there.
function peerGroupWords(group, d) {
  const where = d ? d.name : 'this district';
  const byLevel = { 'district,sector,size': `firms of ${where} in the same sector and size class`,
    'district,sector': `firms of ${where} in the same sector`, district: `firms of ${where}`, region: 'firms of the region',
    all: 'firms with a validated assessment of this model' };
  const who = byLevel[group.used] ?? group.label;
  return group.n !== null ? `${group.n} ${who}, this firm included` : who;
}

async function historySection(f, ctx, history) {
  const list = await history;
  const title = h('h2', { text: 'Assessment history' });
  if (list === null || !list.length) {
    return h('section', { class: 'card' }, title, empty('No assessments yet', 'Assessments before (T0) and after support (T1, T2, …) will be compared here.'));
  }
  const wave = (a) => (a.revision > 1 ? `${a.label} (rev. ${a.revision})` : a.label);
  return clear(h('section', { class: 'card' }), title, table([{ label: 'Wave',
    value: (a) => (assesses(ctx.user) ? h('a', { href: `#/rti/assessments?assessment=${a.id}`, 'data-assessment': a.id, text: wave(a) }) : wave(a)) },
    { label: 'Date', value: (a) => a.date }, { label: 'Model', value: (a) => a.modelName },
    { label: 'Status', value: (a) => (a.superseded ? 'Superseded' : label.status(a.status)) }, { label: 'Overall', num: true, value: (a) => fmt.num(a.overall, 0) },
    { label: 'Band', value: (a) => label.band(a.band) },
    { label: 'Change since first wave', num: true, value: (a) => (a.change === null ? '—' : `${a.change >= 0 ? '+' : '−'}${fmt.num(Math.abs(a.change), 1)}`) }],
  list, 'Assessment history'));
}

/** Downloads the server-made PDF of the benchmark report (the button says when the firm has no report yet). */
/**
 * An assessor asks for an account for a user of a firm its institute serves (POST /api/v1/users with role FIRM_USER and
 * no password): the account stays disabled until an administrator activates it with a first password for the firm,
 * which the firm's user then replaces at its first sign-in (docs/security.md).
 */
function inviteCard(f) {
  const username = h('input', { name: 'invite-username', maxlength: 200, autocomplete: 'off', required: true });
  const status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite', id: 'invite-status' });
  const button = h('button', { type: 'submit', class: 'button', text: 'Request an account' });
  const form = h('form', { class: 'controls no-print', id: 'invite-firm-user', 'aria-label': `Invite a user of ${f.name}` },
    field('Username for the firm\'s user', username, 'letters, digits and . _ @ -; at most 200 characters'), button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    username.removeAttribute('aria-invalid');
    if (!username.value.trim()) {
      username.setAttribute('aria-invalid', 'true');
      status.textContent = 'Enter the username the firm\'s user will sign in with.';
      return;
    }
    button.disabled = true;
    try {
      const u = await api('/api/v1/users', { method: 'POST', body: { username: username.value.trim(), role: 'FIRM_USER', firmId: f.id } });
      status.textContent = `Requested: ${u.username} is created disabled; an administrator activates it with a first password for the firm.`;
      username.value = '';
    } catch (err) {
      const named = err instanceof ApiError ? err.fieldErrors.find((x) => x.field === 'username') : null;
      if (named || (err instanceof ApiError && err.status === 409)) username.setAttribute('aria-invalid', 'true');
      status.textContent = named ? `Username: ${named.message}.` : err.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card no-print', 'aria-labelledby': 'invite-title' }, h('h2', { id: 'invite-title', text: 'Accounts for the firm' }),
    h('p', { class: 'muted small', text: 'Ask for an account for someone at this firm, so that it sees its own benchmark report and assesses itself.' }),
    form, status);
}

function pdfButton(f) {
  const status = h('span', { class: 'muted small', role: 'status' });
  const button = h('button', { type: 'button', class: 'button', id: 'download-pdf', text: 'Download PDF' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Preparing the PDF…';
    try {
      await downloadFile(`/api/v1/firms/${encodeURIComponent(f.id)}/benchmark/report.pdf?model=${BENCHMARK_MODEL}&version=${BENCHMARK_VERSION}`,
        `benchmark-${f.code}.pdf`);
      status.textContent = 'PDF downloaded.';
    } catch (e) {
      status.textContent = e.status === 422 ? 'No benchmark report yet: it needs a validated assessment.' : e.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('span', {}, button, ' ', status, ' ');
}

/** Each dimension's score per validated wave (rows: dimensions; columns: waves). */
async function dimensionSection(firmId, ctx) {
  const history = await dimensionHistory(firmId, ctx.signal);
  const title = h('h2', { id: 'dimension-history-title', text: 'Scores by dimension and wave' });
  if (history === null) {
    return h('section', { class: 'card' }, title, empty('No validated assessment yet', 'Each dimension is shown per wave once an assessment is validated.'));
  }
  const rows = [{ name: 'Overall', value: (w) => w.overall }, ...history.dimensions.map((d) => ({ name: d.name, value: (w) => w.scores[d.code] }))];
  const columns = [{ label: 'Dimension', value: (r) => r.name },
    ...history.waves.map((w) => ({ label: `${w.wave} (${w.date})`, num: true, value: (r) => fmt.num(r.value(w), 1) }))];
  return h('section', { class: 'card', 'aria-labelledby': 'dimension-history-title', id: 'dimension-history' }, title,
    table(columns, rows, 'Scores by dimension and wave'));
}

/**
 * The programmes the firm is enrolled in (GET /api/v1/firms/{id}/enrolments). The firm's own user grants or withdraws,
 * per enrolment, the consent that lets the programme's agency see the firm's data (PUT …/consent); only the firm
 * decides it. A withdrawn enrolment's consent has ended with it.
 */
async function programmesSection(f, ctx) {
  const list = await firmEnrolments(f.id, ctx.signal);
  const own = ctx.user.role === 'FIRM_USER' && String(ctx.user.firmId) === String(f.id);
  const title = h('h2', { id: 'firm-programmes-title', text: 'Programmes' });
  const section = h('section', { class: 'card', 'aria-labelledby': 'firm-programmes-title', id: 'firm-programmes' }, title);
  if (!list.length) {
    return clear(section, title, empty('Not enrolled in a programme', own ? 'When your firm joins a digitisation programme, it is listed here.'
      : 'Enrolments in digitisation programmes are listed here.'));
  }
  const status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite', id: 'consent-status' });
  const opensProgrammes = ['ADMIN', 'RTI_ASSESSOR'].includes(ctx.user.role);
  const ended = (e) => e.withdrawnOn && e.withdrawnOn <= new Date().toISOString().slice(0, 10);
  const consentCell = (e) => {
    const words = h('span', { text: consentWords(e) });
    if (!own || ended(e)) return words;
    const button = h('button', { type: 'button', class: e.consented ? 'button button-small' : 'button button-small button-primary',
      'data-consent': e.id, text: e.consented ? 'Withdraw consent' : 'Grant consent' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const c = await setConsent(e.programmeId, e.id, !e.consented);
        Object.assign(e, { consented: c.granted, consentedAt: c.grantedAt });
        status.textContent = c.granted ? `Consent granted: the agency running ${e.programmeName} may now see your firm's data.`
          : `Consent withdrawn: the agency running ${e.programmeName} no longer sees your firm's data, only aggregates.`;
        clear(tableBox, enrolmentTable());
      } catch (err) {
        status.textContent = err.message;
        button.disabled = false;
      }
    });
    return h('span', {}, words, ' ', button);
  };
  const enrolmentTable = () => table([
    { label: 'Programme', value: (e) => (opensProgrammes ? h('a', { href: `#/programmes/${e.programmeId}`, text: e.programmeName }) : e.programmeName) },
    { label: 'Enrolled on', value: (e) => day(e.enrolledOn) },
    { label: 'Services used', value: (e) => (e.services.length ? e.services.map((s) => label.service(s.service)).join(', ') : 'none yet') },
    { label: 'Withdrawn', value: (e) => (e.withdrawnOn ? `${day(e.withdrawnOn)}${e.withdrawalReason ? `: ${e.withdrawalReason}` : ''}` : '—') },
    { label: 'The agency may see the firm', value: consentCell }], list, 'Programmes');
  const tableBox = h('div', {}, enrolmentTable());
  return clear(section, title,
    own ? h('p', { class: 'muted small', text: 'The agency that runs a programme sees your firm only inside totals, unless you consent: then it may '
      + 'read your firm\'s profile, assessments and benchmark while the enrolment lasts. You can withdraw your consent at any time.' }) : null,
    tableBox, status);
}
