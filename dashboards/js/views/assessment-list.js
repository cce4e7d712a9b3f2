// RTI workbench: the assessments of the firms the user serves (an administrator: every firm), found by firm name or
// code, model version, status, wave and period, sorted by a column header, 20 per page (GET /api/v1/assessments; the
// service narrows the list to the caller's firms). Each row opens its assessment (#/rti/assessments?assessment=ID).
// The filters, the order and the page live in the address (#/rti/assessments?q=shoe&status=SUBMITTED&sort=status,asc&page=1).
import { models, searchAssessments } from '../data/assessments.js';
import { h, page, clear, empty, field, select, table, withStates, fmt, pager, sortOf, sortParam, focusSortHeader } from '../ui.js';
import { label } from '../labels.js';
import { writeState } from '../state.js';

const SIZE = 20;
const SORTS = ['assessedOn', 'waveNumber', 'status', 'overallScore'];
const NEWEST = { key: 'assessedOn', dir: 'desc' };
const STATUSES = ['DRAFT', 'SUBMITTED', 'VALIDATED'];
const WAVES = ['T0', 'T1', 'T2', 'T3', 'T4', 'T5'];

export async function renderList(view, ctx) {
  await page(view, 'Assessments', 'The assessments of the firms you serve: find one by firm, model, status, wave or date, and open it.', async () => {
    const q = ctx.query;
    const published = (await models(ctx.signal)) || [];
    const key = (m) => `${m.id}@${m.version}`;
    const modelNames = new Map(published.map((m) => [key(m), `${m.name} ${m.version}`]));
    const text = h('input', { id: 'assessments-q', name: 'q', type: 'search', maxlength: 200, placeholder: 'Name or code', value: q.get('q') || '' });
    const model = select('model', [{ value: '', label: 'Any model' }, ...published.map((m) => ({ value: key(m), label: `${m.name} (${m.version})` }))],
      q.get('model') && q.get('version') ? `${q.get('model')}@${q.get('version')}` : '');
    model.id = 'assessments-model';
    const status = select('status', [{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: label.status(s) }))], q.get('status') || '');
    status.id = 'assessments-status';
    const wave = select('wave', [{ value: '', label: 'Any wave' }, ...WAVES.map((w) => ({ value: w, label: w === 'T0' ? 'T0 (before support)' : w }))],
      q.get('wave') || '');
    wave.id = 'assessments-wave';
    const from = h('input', { id: 'assessments-from', name: 'from', type: 'date', value: q.get('from') || '' });
    const to = h('input', { id: 'assessments-to', name: 'to', type: 'date', value: q.get('to') || '' });
    const superseded = h('input', { id: 'assessments-superseded', name: 'superseded', type: 'checkbox', checked: q.get('superseded') === '1' });
    const results = h('div', { id: 'assessment-list' });
    let current = Math.max(0, Number(q.get('page')) || 0);
    let order = sortOf(q.get('sort'), SORTS, NEWEST);

    const filters = () => {
      const [modelId, version] = model.value ? model.value.split('@') : [null, null];
      return { q: text.value.trim(), model: modelId, version, status: status.value, wave: wave.value, from: from.value, to: to.value,
        superseded: superseded.checked ? '1' : null };
    };
    const columns = [
      { label: 'Firm', value: (a) => h('a', { href: `#/firms/${a.firmId}`, text: a.firmName || `firm ${a.firmId}` }) },
      { label: 'Wave', sort: 'waveNumber', value: (a) => h('a', { href: `#/rti/assessments?assessment=${a.id}`, 'data-assessment': a.id,
        text: a.revision > 1 ? `${a.wave} (rev. ${a.revision})` : a.wave }) },
      { label: 'Assessed on', sort: 'assessedOn', firstDir: 'desc', value: (a) => a.date },
      { label: 'Model', value: (a) => modelNames.get(`${a.modelId}@${a.modelVersion}`) || `${a.modelId} ${a.modelVersion}` },
      { label: 'Status', sort: 'status', value: (a) => h('span', {}, label.status(a.status),
        a.supersededBy ? h('span', { class: 'muted small', text: ' (superseded by a revision)' }) : null,
        a.selfAssessment ? [' ', h('span', { class: 'badge', text: 'Self-assessment by the firm' })] : null) },
      { label: 'Overall', num: true, sort: 'overallScore', firstDir: 'desc', value: (a) => fmt.fixed(a.overallScore, 1) },
      { label: 'Band', value: (a) => label.band(a.overallBand) || '—' },
    ];
    // focus: after a new page, the page count; after a new order, the header that asked for it
    const load = (push, focus = null) => {
      const f = filters();
      writeState({ ...f, sort: order === NEWEST ? null : sortParam(order), page: current || null }, { push, signal: ctx.signal });
      return withStates(results, async () => {
        const r = await searchAssessments({ ...f, superseded: undefined, current: f.superseded ? null : true, page: current, size: SIZE,
          sort: sortParam(order) }, ctx.signal);
        if (!r.items.length) {
          return empty('No assessments match', current > 0 ? 'This page is past the last one.' : 'Clear a filter, or start an assessment.',
            current > 0 ? h('button', { type: 'button', class: 'button', text: 'First page', onclick: () => { current = 0; load(true); } }) : null);
        }
        return h('section', { class: 'card' }, table(columns, r.items, 'Assessments',
          { sort: order, onSort: (next) => { order = next; current = 0; load(true, next.key); } }),
        pager(r, (p) => { current = p; load(true, 'page'); }, { noun: 'assessments', id: 'assessments' }));
      }, 'Searching…').then(() => {
        if (focus === 'page') results.querySelector('#assessments-page')?.focus();
        else if (focus) focusSortHeader(results, focus);
      });
    };
    const form = h('form', { class: 'controls', role: 'search', id: 'assessments-search', 'aria-label': 'Search assessments', onsubmit: (e) => {
      e.preventDefault();
      if (from.value && to.value && to.value < from.value) {
        to.setAttribute('aria-invalid', 'true');
        clear(results, h('div', { class: 'alert alert-error', role: 'alert', id: 'assessments-invalid',
          text: 'The period ends before it starts: change From or To.' }));
        return;
      }
      to.removeAttribute('aria-invalid');
      current = 0;
      load(true);
    } }, field('Firm name or code', text), field('Model', model), field('Status', status), field('Wave', wave),
    field('Assessed from', from), field('Assessed to', to),
    h('label', { class: 'checkbox' }, superseded, ' include superseded revisions'),
    h('button', { type: 'submit', class: 'button button-primary', id: 'assessments-submit', text: 'Search' }));
    load(false);
    return h('div', {},
      h('p', { class: 'no-print' }, h('a', { class: 'button button-primary', id: 'assessment-new', href: '#/rti/assessments?new=1',
        text: 'Start an assessment' })),
      form, results);
  }, 'Loading assessments…');
}
