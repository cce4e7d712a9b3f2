// RTI workbench: start, fill, submit and validate an assessment; the form is generated from the published model document.
import { models, modelDocument, createAssessment, assessment, saveAnswers, submitAssessment, validateAssessment } from '../data/assessments.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, stat, withStates, fmt } from '../ui.js';

const WAVES = ['T0', 'T1', 'T2', 'T3'].map((w) => ({ value: w, label: w === 'T0' ? 'T0 (before support)' : `${w} (after support)` }));

export async function render(view, ctx) {
  await page(view, 'Assessments', 'Start or continue an assessment with a firm: save answers as you go, submit when complete, then validate.', async () => {
    const list = await models(ctx.signal);
    if (list === null) return empty('No assessment models available yet', 'Assessment forms appear here once assessment models are published on this service.');
    if (!list.length) return empty('No assessment models yet', 'An administrator publishes assessment models; the form is generated from the model file.');
    const key = (m) => `${m.id}@${m.version}`;
    const preferred = list.find((m) => m.id === 'digital-maturity') || list[0];
    const model = select('model', list.map((m) => ({ value: key(m), label: `${m.name} (${m.id} ${m.version})` })), key(preferred));
    const firmId = h('input', { name: 'firmId', id: 'assessment-firm', inputmode: 'numeric', pattern: '[0-9]+', required: true, value: ctx.query.get('firm') || '' });
    const wave = select('wave', WAVES, 'T0');
    const date = h('input', { name: 'date', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) });
    const box = h('div');
    const problem = h('div', { role: 'alert' });
    const start = async (e) => {
      e.preventDefault();
      clear(problem);
      const [modelId, modelVersion] = model.value.split('@');
      try {
        const a = await createAssessment({ firmId: Number(firmId.value), modelId, modelVersion, wave: wave.value, date: date.value }, ctx.signal);
        history.replaceState(null, '', `#/rti/assessments?assessment=${a.id}`);
        open(box, a.id, ctx);
      } catch (err) {
        if (err?.name !== 'AbortError') clear(problem, errorBox(err));
      }
    };
    const controls = h('form', { class: 'controls no-print', id: 'assessment-start', 'aria-label': 'Start an assessment', onsubmit: start },
      field('Model', model), field('Firm id', firmId), field('Wave', wave), field('Assessed on', date),
      h('button', { type: 'submit', class: 'button button-primary', id: 'assessment-create', text: 'Start assessment' }));
    const existing = ctx.query.get('assessment');
    if (existing) open(box, existing, ctx);
    else clear(box, h('div', { class: 'card' }, empty('No assessment open', 'Choose a model, a firm you serve and the wave, then start the assessment.')));
    return h('div', {}, controls, problem, box);
  }, 'Loading assessment models…');
}

function open(box, id, ctx) {
  return withStates(box, async () => {
    const a = await assessment(id, ctx.signal);
    const model = await modelDocument(a.modelId, a.modelVersion, ctx.signal);
    return assessmentForm(a, model, ctx);
  }, 'Loading assessment…');
}

function assessmentForm(initial, model, ctx) {
  let a = initial;
  const inputs = new Map();
  const message = h('div', { role: 'alert', id: 'assessment-message' });
  const summary = h('div');
  const sections = model.dimensions.map((d) => h('fieldset', { class: 'card' }, h('legend', { text: d.name }),
    d.items.map((item) => {
      const options = [{ value: '', label: 'Not answered' }, ...item.options.map((o) => ({ value: JSON.stringify(o.value), label: o.label }))];
      if (item.naAllowed) options.push({ value: 'NA', label: 'Not applicable' });
      const s = select(item.code, options, '');
      s.dataset.item = item.code;
      inputs.set(item.code, s);
      return field(`${item.text}${item.required ? '' : ' (optional)'}`, s);
    })));
  const fill = () => {
    for (const ans of a.answers || []) {
      const s = inputs.get(ans.item);
      if (s) s.value = ans.notApplicable ? 'NA' : JSON.stringify(ans.value);
    }
    const editable = a.status === 'DRAFT';
    for (const s of inputs.values()) s.disabled = !editable;
    save.hidden = !editable;
    submit.hidden = !editable;
    validate.hidden = a.status !== 'SUBMITTED';
    clear(summary, h('div', { class: 'stats', id: 'assessment-state' },
      stat('Assessment', `#${a.id} · ${a.wave}`, `firm ${a.firmId}, ${a.date}`), stat('Status', fmt.label(a.status), a.validatedBy ? `validated by ${a.validatedBy}` : null),
      stat('Overall score', fmt.num(a.score?.overall, 1), a.score?.overallBand ? fmt.label(a.score.overallBand) : 'once answered'),
      stat('Answered', `${(a.answers || []).length} of ${inputs.size}`)));
  };
  const answers = () => [...inputs].filter(([, s]) => s.value !== '')
    .map(([item, s]) => (s.value === 'NA' ? { item, value: null, notApplicable: true } : { item, value: JSON.parse(s.value), notApplicable: false }));
  const act = async (button, work, done) => {
    clear(message);
    for (const s of inputs.values()) s.removeAttribute('aria-invalid');
    button.disabled = true;
    try {
      a = await work();
      fill();
      clear(message, h('p', { class: 'notice', text: done }));
    } catch (err) {
      if (err?.name === 'AbortError') return;
      markInvalid(err, inputs, lastSent);
      clear(message, errorBox(err));
    } finally {
      button.disabled = false;
    }
  };
  let lastSent = [];
  const saveIfChanged = async () => {
    lastSent = answers();
    return lastSent.length ? saveAnswers(a.id, a.version, lastSent, ctx.signal) : a;
  };
  const save = h('button', { type: 'button', class: 'button', id: 'assessment-save', text: 'Save draft',
    onclick: () => act(save, saveIfChanged, 'Draft saved.') });
  const submit = h('button', { type: 'button', class: 'button button-primary', id: 'assessment-submit', text: 'Submit for validation',
    onclick: () => act(submit, async () => {
      a = await saveIfChanged();
      return submitAssessment(a.id, a.version, ctx.signal);
    }, 'Submitted: an assessor can now validate it.') });
  const validate = h('button', { type: 'button', class: 'button button-primary', id: 'assessment-validate', text: 'Validate',
    onclick: () => act(validate, () => validateAssessment(a.id, a.version, ctx.signal), 'Validated: the scores are final and count in benchmarks and evaluation.') });
  const form = h('form', { id: 'assessment-form', 'aria-label': `Assessment with ${model.name}`, onsubmit: (e) => e.preventDefault() },
    ...sections, message, h('div', { class: 'controls no-print' }, save, submit, validate));
  fill();
  return h('div', {}, h('section', { class: 'card' }, h('h2', { text: `${model.name} ${model.version}` }), summary), form);
}

/** Marks the selects a 400/422 names: "answers[3].value" (index into what was sent) or an item code. */
function markInvalid(err, inputs, sent) {
  if (!(err instanceof ApiError)) return;
  for (const fe of err.fieldErrors) {
    const text = `${fe.field} ${fe.message}`;
    const index = /answers\[(\d+)\]/.exec(String(fe.field));
    if (index && sent[Number(index[1])]) inputs.get(sent[Number(index[1])].item)?.setAttribute('aria-invalid', 'true');
    for (const [code, s] of inputs) if (new RegExp(`\\b${code}\\b`).test(text)) s.setAttribute('aria-invalid', 'true');
  }
}

function errorBox(err) {
  const errors = err instanceof ApiError ? err.fieldErrors : [];
  return h('div', { class: 'alert alert-error' }, h('p', { text: err.message }),
    errors.length ? h('ul', {}, errors.map((fe) => h('li', { text: `${fe.field}: ${fe.message}` }))) : null);
}
