// RTI workbench: assessment form generated from the assessment model (waits for /api/v1/models).
import { models, saveDraft } from '../data/assessments.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, fmt } from '../ui.js';

export async function render(view, ctx) {
  await page(view, 'Assessments', 'Start or continue a digital-maturity assessment with a firm.', async () => {
    const list = await models(ctx.signal);
    if (list === null) {
      return empty('No assessment models available yet', 'Assessment forms appear here once assessment models are published on this service.');
    }
    if (!list.length) return empty('No assessment models yet', 'An administrator publishes assessment models; the form is generated from the model file.');
    const model = select('model', list.map((m) => ({ value: m.id, label: `${m.name} ${m.version}` })), list[0].id);
    const firmId = h('input', { name: 'firmId', inputmode: 'numeric', required: true, value: ctx.query.get('firm') || '' });
    const formBox = h('div');
    const show = () => clear(formBox, assessmentForm(list.find((m) => String(m.id) === model.value), () => firmId.value));
    model.addEventListener('change', show);
    show();
    return h('div', {}, h('div', { class: 'controls' }, field('Model', model), field('Firm id', firmId)), formBox);
  }, 'Loading assessment models…');
}

function assessmentForm(model, firmId) {
  const message = h('div', { role: 'alert' });
  const inputs = new Map();
  const sections = model.dimensions.map((d) => h('fieldset', { class: 'card' }, h('legend', { text: d.name }),
    d.items.map((item) => {
      const options = [{ value: '', label: 'Not answered' }];
      for (let v = item.min; v <= item.max; v += 1) options.push({ value: v, label: item.labels?.[v - item.min] ?? String(v) });
      if (item.allowNa) options.push({ value: 'NA', label: 'Not applicable' });
      const s = select(item.code, options, '');
      inputs.set(item.code, s);
      return field(item.text, s);
    })));
  const form = h('form', { 'aria-label': `Assessment with ${model.name}` }, ...sections, message,
    h('button', { type: 'submit', class: 'button button-primary', text: 'Save draft' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const answers = [...inputs].filter(([, s]) => s.value !== '').map(([code, s]) => ({ item: code, value: s.value === 'NA' ? null : Number(s.value), notApplicable: s.value === 'NA' }));
    for (const s of inputs.values()) s.removeAttribute('aria-invalid');
    try {
      await saveDraft(model.id, Number(firmId()), answers);
      clear(message, h('p', { class: 'notice', text: 'Draft saved.' }));
    } catch (err) {
      const errors = err instanceof ApiError ? err.fieldErrors : [];
      errors.forEach((fe) => inputs.get(String(fe.field).split('.').pop())?.setAttribute('aria-invalid', 'true'));
      clear(message, h('div', { class: 'alert alert-error' }, h('p', { text: err.message }),
        errors.length ? h('ul', {}, errors.map((fe) => h('li', { text: `${fmt.label(fe.field)}: ${fe.message}` }))) : null));
    }
  });
  return form;
}
