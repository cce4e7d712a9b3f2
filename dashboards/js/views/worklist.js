// RTI workbench home: my drafts, submitted assessments awaiting validation, firms due for their next wave
// (GET /api/v1/assessments/worklist, narrowed by the service to the firms the user serves).
import { worklist } from '../data/assessments.js';
import { h, page, empty, table, stat } from '../ui.js';
import { label } from '../labels.js';

export async function render(view, ctx) {
  await page(view, 'Worklist', 'What is waiting for you: drafts to finish, assessments to validate, firms due for their next wave.', async () => {
    const w = await worklist(ctx.signal);
    const firmCell = (r) => h('a', { href: `#/firms/${r.firmId}`, text: r.firmName || 'a firm' });
    const open = (r, text) => h('a', { href: `#/rti/assessments?assessment=${r.id}`, 'data-assessment': r.id, text });
    const by = (r) => (r.selfAssessment ? h('span', { class: 'badge', 'data-self-assessment': r.id, text: 'Self-assessment by the firm' }) : r.createdBy);
    const more = (shown, total) => (total > shown ? h('p', { class: 'muted small', text: `Showing the oldest ${shown} of ${total}.` }) : null);
    return h('div', {},
      ctx.query.get('deleted') ? h('p', { class: 'notice', role: 'status', text: 'The draft was deleted.' }) : null,
      h('div', { class: 'stats' }, stat('My drafts', String(w.totals.drafts)), stat('Awaiting validation', String(w.totals.awaitingValidation)),
        stat('Due for the next wave', String(w.totals.due))),
      h('section', { class: 'card worklist-section', id: 'worklist-drafts' }, h('h2', { text: 'My drafts' }),
        w.drafts.length ? table([{ label: 'Firm', value: firmCell }, { label: 'Wave', value: (r) => open(r, r.revision > 1 ? `${r.wave} (rev. ${r.revision})` : r.wave) },
          { label: 'Assessed on', value: (r) => r.date }, { label: 'Model', value: (r) => `${r.modelId} ${r.modelVersion}` }], w.drafts, 'My drafts')
          : empty('No drafts', 'Start an assessment from a firm\'s page or from Assessments.'), more(w.drafts.length, w.totals.drafts)),
      h('section', { class: 'card worklist-section', id: 'worklist-submitted' }, h('h2', { text: 'Submitted, awaiting validation' }),
        w.awaitingValidation.length ? table([{ label: 'Firm', value: firmCell }, { label: 'Wave', value: (r) => open(r, r.wave) },
          { label: 'Assessed on', value: (r) => r.date }, { label: 'Prepared by', value: by },
          { label: 'Status', value: (r) => label.status(r.status) }], w.awaitingValidation, 'Awaiting validation')
          : empty('Nothing to validate'), more(w.awaitingValidation.length, w.totals.awaitingValidation)),
      h('section', { class: 'card worklist-section', id: 'worklist-due' }, h('h2', { text: 'Firms due for their next wave' }),
        w.due.length ? table([{ label: 'Firm', value: firmCell }, { label: 'Last wave', value: (r) => `${r.lastWave} on ${r.lastDate}` },
          { label: 'Due since', value: (r) => r.dueOn },
          { label: 'Next', value: (r) => h('a', { href: `#/rti/assessments?firm=${r.firmId}&wave=${r.nextWave}`, text: `Start ${r.nextWave}` , 'data-start': r.firmId}) }], w.due, 'Due for the next wave')
          : empty('No firm is due', 'A firm is due a year after its latest validated wave.'), more(w.due.length, w.totals.due)));
  }, 'Loading your worklist…');
}
