// An export card: choose what to export (a district, a model version, a region — by name), press Download, and the file
// the export route makes arrives through transfer.js downloadFile (the route needs the session's bearer token, so a plain
// link would not do). The service decides who may export what; a refusal is shown with its reason.
import { downloadFile } from './transfer.js';
import { h } from './ui.js';

/**
 * {id, title, description, fields: [field elements], request(): {path, filename} or null, missing}: a card whose form
 * downloads `request().path` as `request().filename`; when request() answers null nothing is fetched and `missing` says
 * what to choose first.
 */
export function exportCard({ id, title, description, fields = [], request, missing = 'Choose what to export first.' }) {
  const status = h('p', { class: 'muted small', role: 'status', 'aria-live': 'polite', 'data-export-status': id });
  const problem = h('div', { role: 'alert' });
  const button = h('button', { type: 'submit', class: 'button', id: `${id}-download`, text: 'Download' });
  const form = h('form', { class: 'controls', id, 'aria-label': title }, ...fields, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problem.replaceChildren();
    const wanted = request();
    if (!wanted) {
      status.textContent = '';
      problem.replaceChildren(h('p', { class: 'alert alert-error', text: missing }));
      return;
    }
    button.disabled = true;
    status.textContent = 'Preparing the file…';
    try {
      await downloadFile(wanted.path, wanted.filename);
      status.textContent = `Downloaded ${wanted.filename}.`;
    } catch (err) {
      status.textContent = '';
      problem.replaceChildren(h('p', { class: 'alert alert-error', text: `The file was not exported: ${err.message}` }));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card no-print', 'aria-label': title }, h('h2', { text: title }),
    description ? h('p', { class: 'muted small', text: description }) : null, form, status, problem);
}
