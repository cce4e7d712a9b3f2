// RTI workbench home: my drafts, submitted assessments awaiting validation, firms due for their next wave, 20 per page
// (GET /api/v1/assessments/worklist?page=&size=, narrowed by the service to the firms the user serves). The page of due
// firms lives in the address (#/rti/worklist?due=2, from 0).
import { worklist, modelNames } from '../data/assessments.js';
import { h, page, empty, table, stat, pager, withStates } from '../ui.js';
import { writeState } from '../state.js';
import { label } from '../labels.js';

export async function render(view, ctx) {
  await page(view, 'Worklist', 'What is waiting for you: drafts to finish, assessments to validate, firms due for their next wave.', async () => {
    const dueSize = 20;
    const [w, names] = await Promise.all([worklist(ctx.signal, { duePage: Math.max(0, Number(ctx.query.get('due')) || 0), dueSize }),
      modelNames(ctx.signal)]);
    const modelName = (r) => names.get(`${r.modelId} ${r.modelVersion}`) || `${r.modelId} ${r.modelVersion}`;
    const firmCell = (r) => h('a', { href: `#/firms/${r.firmId}`, text: r.firmName || 'a firm' });
    const open = (r, text) => h('a', { href: `#/rti/assessments?assessment=${r.id}`, 'data-assessment': r.id, text });
    const by = (r) => (r.selfAssessment ? h('span', { class: 'badge', 'data-self-assessment': r.id, text: 'Self-assessment by the firm' }) : r.createdBy);
    const more = (shown, total) => (total > shown ? h('p', { class: 'muted small', text: `Showing the oldest ${shown} of ${total}.` }) : null);
    const dueTable = (list) => (list.due.length ? table([{ label: 'Firm', value: firmCell },
      { label: 'Last wave', value: (r) => `${r.lastWave} on ${r.lastDate}` }, { label: 'Due since', value: (r) => r.dueOn },
      { label: 'Next', value: (r) => h('a', { href: `#/rti/assessments?firm=${r.firmId}&wave=${r.nextWave}`, text: `Start ${r.nextWave}`, 'data-start': r.firmId }) }],
    list.due, 'Due for the next wave') : empty('No firm is due', 'A firm is due a year after its latest validated wave.'));
    const dueRows = h('div', { id: 'worklist-due-rows' });
    // a page of due firms replaces only this list, oldest first; the page is in the address for reload and Back
    const dueBody = (list) => [dueTable(list), list.totals.due > list.due.length || list.duePage.page > 0
      ? pager({ page: list.duePage.page, totalPages: list.duePage.totalPages, totalItems: list.totals.due }, showDue, { noun: 'firms due', id: 'due' }) : null];
    const showDue = (p) => {
      writeState({ due: p || null }, { push: true, signal: ctx.signal });
      return withStates(dueRows, async () => h('div', {}, dueBody(await worklist(ctx.signal, { duePage: p, dueSize }))), 'Loading…')
        .then(() => dueRows.querySelector('#due-page')?.focus());
    };
    dueRows.append(...dueBody(w).filter(Boolean));
    const dueSection = h('section', { class: 'card worklist-section', id: 'worklist-due' }, h('h2', { text: 'Firms due for their next wave' }), dueRows);
    return h('div', {},
      ctx.query.get('deleted') ? h('p', { class: 'notice', role: 'status', text: 'The draft was deleted.' }) : null,
      h('div', { class: 'stats' }, stat('My drafts', String(w.totals.drafts)), stat('Awaiting validation', String(w.totals.awaitingValidation)),
        stat('Due for the next wave', String(w.totals.due))),
      h('section', { class: 'card worklist-section', id: 'worklist-drafts' }, h('h2', { text: 'My drafts' }),
        w.drafts.length ? table([{ label: 'Firm', value: firmCell }, { label: 'Wave', value: (r) => open(r, r.revision > 1 ? `${r.wave} (rev. ${r.revision})` : r.wave) },
          { label: 'Assessed on', value: (r) => r.date }, { label: 'Model', value: modelName }], w.drafts, 'My drafts')
          : empty('No drafts', 'Start an assessment from a firm\'s page or from Assessments.'), more(w.drafts.length, w.totals.drafts)),
      h('section', { class: 'card worklist-section', id: 'worklist-submitted' }, h('h2', { text: 'Submitted, awaiting validation' }),
        w.awaitingValidation.length ? table([{ label: 'Firm', value: firmCell }, { label: 'Wave', value: (r) => open(r, r.wave) },
          { label: 'Assessed on', value: (r) => r.date }, { label: 'Prepared by', value: by },
          { label: 'Status', value: (r) => label.status(r.status) }], w.awaitingValidation, 'Awaiting validation')
          : empty('Nothing to validate'), more(w.awaitingValidation.length, w.totals.awaitingValidation)),
      dueSection);
  }, 'Loading your worklist…');
}
