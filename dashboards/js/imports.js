// A CSV import card: pick a file, upload it to an import route, follow the job's progress bar to the end and show
// the rows it refused with their line, column and reason (GET /api/v1/jobs/{id}, result = ImportReport).
import { api } from './api.js';
import { uploadCsv } from './transfer.js';
import { h, clear, table, uid } from './ui.js';

const POLL_MS = 400;
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * {path, title, columns: 'a, b, c', onDone(report), note}: a card whose form uploads the chosen file to path and reports
 * rows written, rows refused (table: line, column, reason) or why the upload was refused. A zip card ({zip: true,
 * description}) uploads an archive, always all or nothing, and its refused rows also name their file. `fields` (field
 * elements) come before the file; `path` may be a function of them, read at upload (null: nothing is sent and
 * `missing` says what to choose first).
 */
export function importCard({ id, path, title, columns, description, zip = false, onDone, note = null, fields = [],
  missing = 'Choose what to import first.' }) {
  const fileId = uid('import-file');
  const file = h('input', { type: 'file', id: fileId, name: 'file', accept: zip ? '.zip,application/zip' : '.csv,text/csv', required: true });
  const atomic = h('input', { type: 'checkbox', name: 'atomic' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': `${title}: progress` });
  const status = h('p', { class: 'muted small', role: 'status', 'aria-live': 'polite' });
  const report = h('div', { class: 'import-report' });
  const button = h('button', { type: 'submit', class: 'button', text: 'Upload and import' });
  const form = h('form', { class: 'controls', id, 'aria-label': title }, ...fields,
    h('div', { class: 'field' }, h('label', { for: fileId, text: zip ? 'Zip archive' : 'CSV file' }), file),
    zip ? null : h('label', { class: 'checkbox' }, atomic, ' all rows or none'), button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files.length) return;
    const target = typeof path === 'function' ? path() : path;
    if (!target) {
      status.textContent = '';
      clear(report, h('p', { class: 'alert alert-error', role: 'alert', text: missing }));
      return;
    }
    button.disabled = true;
    clear(report);
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'Uploading…';
    try {
      let job = zip ? await uploadCsv(target, file.files[0], 'application/zip')
        : await uploadCsv(`${target}${atomic.checked ? `${target.includes('?') ? '&' : '?'}atomic=true` : ''}`, file.files[0]);
      while (!['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.status)) {
        progress.value = job.percent ?? 0;
        status.textContent = `Importing: ${job.done} of ${job.total || '…'} rows`;
        await sleep(POLL_MS);
        job = await api(`/api/v1/jobs/${encodeURIComponent(job.id)}`);
      }
      progress.value = 100;
      showResult(job, status, report);
      if (job.status === 'SUCCEEDED' && onDone) onDone(job.result);
    } catch (err) {
      progress.hidden = true;
      status.textContent = '';
      clear(report, h('p', { class: 'alert alert-error', role: 'alert', text: `The file was not imported: ${err.message}` }));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card no-print', 'aria-label': title }, h('h2', { text: title }),
    h('p', { class: 'muted small', text: description || `Columns: ${columns}. The first row names the columns.` }),
    note ? h('p', { class: 'muted small', text: note }) : null, form, progress, status, report);
}

function showResult(job, status, report) {
  const r = job.result || {};
  if (job.status !== 'SUCCEEDED') {
    status.textContent = '';
    clear(report, h('p', { class: 'alert alert-error', role: 'alert', text: `The import ${job.status === 'CANCELLED' ? 'was cancelled' : 'failed'}: ${job.message || 'no reason given'}` }));
    return;
  }
  const errors = r.errors || [];
  const problems = errors.length + (r.errorsNotListed || 0);
  const listed = r.errorsNotListed ? ` (the first ${errors.length} are listed below)` : ' in the rows below';
  status.textContent = `Imported ${r.written ?? 0} of ${r.rows ?? 0} rows${problems ? `; ${problems} ${problems === 1 ? 'problem' : 'problems'}${listed}` : ''}.`
    + (r.atomic && errors.length ? ' Nothing was written (all rows or none).' : '');
  if (errors.length) {
    const file = errors.some((x) => x.file) ? [{ label: 'File', value: (x) => x.file || '—' }] : [];
    clear(report, table([...file, { label: 'Line', num: true, value: (x) => x.line }, { label: 'Column', value: (x) => x.field || '—' },
      { label: 'Problem', value: (x) => x.message }], errors, 'Rows not imported'));
  }
}
