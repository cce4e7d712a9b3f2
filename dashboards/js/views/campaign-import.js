// RTI workbench: import a past assessment campaign of the firms the institute serves (POST /api/v1/assessments/import,
// a job with a progress bar and the rows it refused). The model version is chosen by name; the CSV template — firmId,
// wave, date and the model's item codes — is made here from the published model document. The service decides which
// firms the user may write: a row of a firm the institute does not serve is refused as a firm that does not exist.
import { h, page, field, select, empty, table, pager, withStates } from '../ui.js';
import { importCard } from '../imports.js';
import { saveBlob } from '../transfer.js';
import { models, modelDocument } from '../data/assessments.js';
import { BENCHMARK_MODEL, BENCHMARK_VERSION } from '../data/benchmark.js';
import { searchFirms } from '../data/registry.js';

const KEY_COLUMNS = ['firmId', 'wave', 'date'];

/** The header of an import of the model version: the key columns, then every item code in the model's order. */
async function templateOf(m, signal) {
  const doc = await modelDocument(m.id, m.version, signal);
  return `${[...KEY_COLUMNS, ...doc.dimensions.flatMap((d) => d.items.map((i) => i.code))].join(',')}\n`;
}

/** The ids the file's firmId column takes: the firms the user serves (the service's list), by name, 20 a page. */
function firmIds(ctx) {
  const q = h('input', { type: 'search', name: 'q', id: 'campaign-firms-q', maxlength: 200 });
  const list = h('div', { id: 'campaign-firms' });
  const load = (p) => withStates(list, async () => {
    const r = await searchFirms({ q: q.value.trim() || undefined, page: p, size: 20, sort: 'name' }, ctx.signal);
    if (!r.items.length) return empty('No firm found', q.value ? 'No firm you serve has this name or code.' : 'Your institute serves no firm yet.');
    return h('div', {}, table([{ label: 'Firm', value: (f) => f.name }, { label: 'Code', value: (f) => f.code },
      { label: 'firmId', num: true, value: (f) => String(f.id) }], r.items, 'Firms you serve and their ids'),
    pager(r, load, { noun: 'firms', id: 'campaign-firms' }));
  }, 'Loading firms…');
  const form = h('form', { class: 'controls', 'aria-label': 'Find a firm id', onsubmit: (e) => { e.preventDefault(); load(0); } },
    field('Firm name or code', q), h('button', { type: 'submit', class: 'button', text: 'Find' }));
  load(0);
  return h('section', { class: 'card no-print', 'aria-label': 'Firm ids' }, h('h2', { text: 'Firm ids' }),
    h('p', { class: 'muted small', text: 'The firmId column names a firm by its id: these are the firms your institute serves.' }), form, list);
}

export async function render(view, ctx) {
  await page(view, 'Import a campaign', 'Upload the answers of a past campaign, one assessment per row, for the firms your institute '
    + 'serves: each row is stored as a validated assessment with you as its assessor. Follow the import and read the rows it refused.',
  async () => {
    const ms = await models(ctx.signal);
    if (!ms || !ms.length) return empty('No published model', 'An administrator publishes an assessment model before a campaign can be imported.');
    const byKey = new Map(ms.map((m) => [`${m.id}@${m.version}`, m]));
    const preferred = `${BENCHMARK_MODEL}@${BENCHMARK_VERSION}`;
    const model = select('model', ms.map((m) => ({ value: `${m.id}@${m.version}`, label: `${m.name} (${m.version})` })),
      byKey.has(preferred) ? preferred : `${ms[0].id}@${ms[0].version}`);
    model.id = 'campaign-model';
    const templateStatus = h('span', { class: 'muted small', role: 'status', 'aria-live': 'polite' });
    const template = h('button', { type: 'button', class: 'button button-quiet', id: 'campaign-template', text: 'Download a CSV template' });
    template.addEventListener('click', async () => {
      const m = byKey.get(model.value);
      template.disabled = true;
      try {
        const name = `campaign-${m.id}-${m.version}.csv`;
        saveBlob(new Blob([await templateOf(m, ctx.signal)], { type: 'text/csv' }), name);
        templateStatus.textContent = `Downloaded ${name}.`;
      } catch (err) {
        templateStatus.textContent = `The template was not made: ${err.message}`;
      } finally {
        template.disabled = false;
      }
    });
    return h('div', {}, importCard({
      id: 'campaign-import', title: 'Campaign file (CSV)',
      fields: [field('Model', model), h('div', { class: 'field' }, template, templateStatus)],
      path: () => {
        const m = byKey.get(model.value);
        return m ? `/api/v1/assessments/import?model=${encodeURIComponent(m.id)}&version=${encodeURIComponent(m.version)}` : null;
      },
      missing: 'Choose the model the campaign was run with.',
      description: 'Columns: firmId, wave (T0 before support, T1, T2 … after), date (2025-03-31), then one column per item code of the '
        + 'model; a cell holds the answer, N/A or nothing. The first row names the columns.',
      note: 'Only firms your institute serves are imported: a row of any other firm is refused, as a firm that does not exist.',
    }), firmIds(ctx));
  }, 'Loading models…');
}
