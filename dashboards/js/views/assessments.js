// RTI workbench: start, fill, submit, validate and correct an assessment; the form is generated from the published
// model document. The open assessment lives in the address (#/rti/assessments?assessment=ID), a new one starts from
// #/rti/assessments?firm=ID (the firm report's "Start an assessment") or #/rti/assessments?new=1; with neither, the
// page lists the assessments of the firms the user serves (views/assessment-list.js). The firm's self-assessment
// (#/firm/self-assessment, views/self-assessment.js) reuses the form: its own firm only, every answer self-declared,
// no validation, date change, deletion or revision (those stay with the RTI).
import { models, modelDocument, createAssessment, assessment, saveAnswers, submitAssessment, validateAssessment,
  deleteDraft, changeDate, reviseAssessment, addEvidence, addEvidenceFile, downloadEvidenceFile, firmHistory } from '../data/assessments.js';
import { firm as loadFirm } from '../data/registry.js';
import { ApiError } from '../api.js';
import { h, page, clear, empty, field, select, stat, withStates, fmt, uid, table } from '../ui.js';
import { label } from '../labels.js';
import { writeState } from '../state.js';
import { firmPicker } from '../firm-picker.js';
import { renderList } from './assessment-list.js';

const WAVES = ['T0', 'T1', 'T2', 'T3'].map((w) => ({ value: w, label: w === 'T0' ? 'T0 (before support)' : `${w} (after support)` }));
const CONFIDENCE = ['SELF_DECLARED', 'EVIDENCED', 'VERIFIED_ON_SITE'];
// What the service accepts as an evidence file (it checks the bytes, not the name; the picker only narrows the choice).
const ACCEPTED_FILES = '.pdf,.png,.jpg,.jpeg,.csv,.txt,.xlsx,.docx,.ods,application/pdf,image/png,image/jpeg,text/csv,text/plain,'
  + 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document,'
  + 'application/vnd.oasis.opendocument.spreadsheet';
const ACCEPTED_TEXT = 'PDF, PNG or JPEG image, CSV or text, XLSX, DOCX or ODS';

/** A refusal's field errors in words ("The file is empty: …"), or its message. */
function refusal(err) {
  return (err?.fieldErrors || []).map((fe) => (fe.field === 'file' ? `The file ${fe.message}` : `${fe.field}: ${fe.message}`)).join('; ')
    || err?.message || 'The evidence was not added.';
}

/** One piece of evidence: a link, a note, or an uploaded file (its name downloads it, with its size beside it). */
function evidenceEntry(e) {
  if (e.kind === 'LINK') return h('a', { href: e.ref, rel: 'noopener noreferrer', target: '_blank', text: e.ref });
  if (e.kind !== 'FILE' || !e.file) return h('span', { text: e.note || e.ref });
  const status = h('span', { class: 'small', role: 'status' });
  const download = h('button', { type: 'button', class: 'link-button', 'data-download-evidence': e.id, text: e.file.name,
    'aria-label': `Download ${e.file.name}`, onclick: async () => {
      status.textContent = '';
      download.disabled = true;
      try {
        await downloadEvidenceFile(e.file);
      } catch (err) {
        status.textContent = ` ${err.message}`;
      } finally {
        download.disabled = false;
      }
    } });
  return h('span', { class: 'evidence-file' }, download, h('span', { class: 'muted small', 'data-file-size': e.file.size, text: ` (${fmt.bytes(e.file.size)})` }), status);
}

/** The wave after the latest one the firm has of this model (T0 for none; T3 stays the last offered). */
function nextWave(history, modelKey) {
  const [modelId, version] = modelKey.split('@');
  const taken = (history || []).filter((r) => r.model === `${modelId} ${version}`).map((r) => WAVES.findIndex((w) => w.value === r.label));
  const next = taken.length ? Math.max(...taken) + 1 : 0;
  return WAVES[Math.min(next, WAVES.length - 1)].value;
}

const ASSESSOR = { self: false, base: '#/rti/assessments', title: 'Assessments',
  intro: 'Start or continue an assessment with a firm: save answers as you go, submit when complete, then validate.' };
const SELF = { self: true, base: '#/firm/self-assessment', title: 'Self-assessment',
  intro: 'Assess your own firm: every answer is self-declared. Save as you go and submit when complete; your RTI then reviews and validates it.' };

export async function render(view, ctx) {
  if (!['assessment', 'firm', 'new'].some((k) => ctx.query.has(k))) return renderList(view, ctx);
  return renderMode(view, ctx, ASSESSOR);
}

/** The firm user's self-assessment of its own firm. */
export async function renderSelf(view, ctx) {
  return renderMode(view, ctx, SELF);
}

async function renderMode(view, ctx, mode) {
  ctx.mode = mode;
  await page(view, mode.title, mode.intro, async () => {
    const existing = ctx.query.get('assessment');
    const box = h('div');
    if (existing) {
      open(box, existing, ctx);
      return h('div', {}, h('p', { class: 'no-print' }, mode.self
        ? h('a', { href: mode.base, text: 'Back to my self-assessments' })
        : [h('a', { href: '#/rti/assessments?new=1', text: 'Start another assessment' }), ' · ', h('a', { href: '#/rti/assessments', text: 'All assessments' }),
          ' · ', h('a', { href: '#/rti/worklist', text: 'Back to the worklist' })]), box);
    }
    const list = await models(ctx.signal);
    if (list === null || !list.length) return empty('No assessment models yet', 'An administrator publishes assessment models; the form is generated from the model file.');
    return mode.self ? selfStart(list, box, ctx) : startForm(list, box, ctx);
  }, 'Loading assessment…');
}

/** The firm's own assessments (open them) and a form to start a self-assessment of its own firm. */
async function selfStart(list, box, ctx) {
  const firmId = ctx.user.firmId;
  const history = (await firmHistory(firmId, ctx.signal)) || [];
  const key = (m) => `${m.id}@${m.version}`;
  const preferred = list.find((m) => m.id === 'digital-maturity') || list[0];
  const model = select('model', list.map((m) => ({ value: key(m), label: `${m.name} (${m.version})` })), key(preferred));
  const wave = select('wave', WAVES, nextWave(history, model.value));
  model.addEventListener('change', () => { wave.value = nextWave(history, model.value); });
  const date = h('input', { name: 'date', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) });
  const problem = h('div', { role: 'alert' });
  const form = h('form', { class: 'controls no-print', id: 'assessment-start', 'aria-label': 'Start a self-assessment', onsubmit: async (e) => {
    e.preventDefault();
    clear(problem);
    const [modelId, modelVersion] = model.value.split('@');
    try {
      const a = await createAssessment({ firmId, modelId, modelVersion, wave: wave.value, date: date.value }, ctx.signal);
      writeState({ assessment: a.id }, { push: true });
      clear(form);
      clear(listing);
      open(box, a.id, ctx);
    } catch (err) {
      if (err?.name !== 'AbortError') clear(problem, errorBox(err));
    }
  } }, field('Model', model), field('Wave', wave), field('Assessed on', date),
  h('button', { type: 'submit', class: 'button button-primary', id: 'assessment-create', text: 'Start self-assessment' }));
  const listing = h('section', { class: 'card', id: 'self-assessments' }, h('h2', { text: 'Assessments of your firm' }),
    history.length ? table([
      { label: 'Wave', value: (r) => h('a', { href: `${SELF.base}?assessment=${r.id}`, 'data-assessment': r.id, text: r.label }) },
      { label: 'Assessed on', value: (r) => r.date }, { label: 'Model', value: (r) => r.modelName },
      // who started it: the firm answers its own; one its RTI started is read-only to the firm
      { label: 'Started by', value: (r) => h('span', { 'data-started-by': r.id, text: r.self ? 'Your firm' : 'Your RTI (read-only)' }) },
      { label: 'Status', value: (r) => (r.status === 'SUBMITTED' ? 'Submitted, awaiting validation by your RTI' : label.status(r.status)) }],
    history, 'Assessments of your firm') : empty('No assessment yet', 'Start your first self-assessment below.'));
  return h('div', {}, listing, form, problem, box);
}

function startForm(list, box, ctx) {
  const key = (m) => `${m.id}@${m.version}`;
  const preferred = list.find((m) => m.id === 'digital-maturity') || list[0];
  const model = select('model', list.map((m) => ({ value: key(m), label: `${m.name} (${m.version})` })), key(preferred));
  const asked = WAVES.some((w) => w.value === ctx.query.get('wave')) ? ctx.query.get('wave') : null;
  const wave = select('wave', WAVES, asked || 'T0');
  // unless the address names the wave, the one after the firm's latest of the chosen model is offered
  let history = [];
  let chosen = false; // a wave the user picked is never replaced
  wave.addEventListener('change', () => { chosen = true; });
  const offerNext = async (firmId) => {
    if (asked || !firmId) return;
    history = (await firmHistory(firmId, ctx.signal).catch(() => null)) || [];
    if (!chosen) wave.value = nextWave(history, model.value);
  };
  model.addEventListener('change', () => { if (!asked && !chosen) wave.value = nextWave(history, model.value); });
  const picker = firmPicker({ label: 'Firm', initialId: ctx.query.get('firm'), signal: ctx.signal,
    onChange: (f) => { writeState({ firm: f.id }); offerNext(f.id); } });
  if (ctx.query.get('firm')) offerNext(ctx.query.get('firm'));
  const date = h('input', { name: 'date', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) });
  const problem = h('div', { role: 'alert' });
  const start = async (e) => {
    e.preventDefault();
    clear(problem);
    await picker.ready;
    if (!picker.value()) {
      picker.input.setAttribute('aria-invalid', 'true');
      clear(problem, h('div', { class: 'alert alert-error', text: 'Choose the firm: type part of its name or code and pick it from the list.' }));
      picker.input.focus();
      return;
    }
    const [modelId, modelVersion] = model.value.split('@');
    try {
      const a = await createAssessment({ firmId: picker.value(), modelId, modelVersion, wave: wave.value, date: date.value }, ctx.signal);
      writeState({ assessment: a.id }, { push: true });
      clear(form);
      open(box, a.id, ctx);
    } catch (err) {
      if (err?.name !== 'AbortError') clear(problem, errorBox(err));
    }
  };
  const form = h('form', { class: 'controls no-print', id: 'assessment-start', 'aria-label': 'Start an assessment', onsubmit: start },
    picker.element, field('Model', model), field('Wave', wave), field('Assessed on', date),
    h('button', { type: 'submit', class: 'button button-primary', id: 'assessment-create', text: 'Start assessment' }));
  clear(box, h('div', { class: 'card' }, empty('No assessment open', 'Pick a firm you serve, the model and the wave, then start the assessment.')));
  return h('div', {}, form, problem, box);
}

function open(box, id, ctx) {
  return withStates(box, async () => {
    const a = await assessment(id, ctx.signal);
    const [model, f] = await Promise.all([modelDocument(a.modelId, a.modelVersion, ctx.signal), loadFirm(a.firmId, ctx.signal).catch(() => null)]);
    return assessmentForm(a, model, f, box, ctx);
  }, 'Loading assessment…');
}

/** Who started the assessment: the firm itself (its self-assessment, reviewed by the RTI) or its RTI (read-only to the firm). */
function originNote(a, self) {
  const text = a.selfAssessment ? 'Self-assessment by the firm: its answers are self-declared until the RTI reviews them.'
    : self ? 'Started by your RTI: you can read it; your RTI answers and submits it.' : null;
  return text ? h('p', { class: 'notice', id: 'assessment-origin', 'data-self-assessment': String(!!a.selfAssessment), text }) : null;
}

/** What helps the assessor answer: the model's guidance (what to look for, which evidence counts), how the scale reads, and what the next level takes. */
function guidance(item) {
  const scale = {
    LIKERT_5: '1 = not at all … 5 = fully in place.',
    SCALE_0_10: '0 = none … 10 = complete.',
    YES_NO: 'Yes or no.',
  }[item.type] || `One of: ${item.options.map((o) => o.label).join(' · ')}.`;
  return [item.guidance ? `What counts: ${item.guidance}` : '', scale, item.advice ? `Next level: ${item.advice}` : ''].filter((t) => t).join(' ');
}

function assessmentForm(initial, model, f, box, ctx) {
  const self = !!ctx.mode?.self;
  let a = initial;
  const items = model.dimensions.flatMap((d) => d.items);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const rows = new Map();
  const message = h('div', { role: 'alert', id: 'assessment-message' });
  const summary = h('div');
  const sections = model.dimensions.map((d) => h('fieldset', { class: 'card' }, h('legend', { text: d.name }),
    d.items.map((item) => {
      const options = [{ value: '', label: 'Not answered' }, ...item.options.map((o) => ({ value: JSON.stringify(o.value), label: o.label }))];
      if (item.naAllowed) options.push({ value: 'NA', label: 'Not applicable' });
      const answer = select(item.code, options, '');
      answer.id = uid('answer');
      answer.dataset.item = item.code;
      const questionId = uid('question');
      const guidanceId = uid('guidance');
      answer.setAttribute('aria-labelledby', questionId);
      answer.setAttribute('aria-describedby', guidanceId);
      // A firm's own answers are always self-declared (the service refuses anything else).
      const confidence = select(`${item.code}-confidence`, (self ? ['SELF_DECLARED'] : CONFIDENCE).map((c) => ({ value: c, label: label.confidence(c) })), 'SELF_DECLARED');
      confidence.dataset.confidence = item.code;
      const evidence = h('div');
      const container = h('div', { class: 'item', id: `item-${item.code}`, 'data-item': item.code },
        h('p', { class: 'item-question', id: questionId, text: `${item.text}${item.required ? '' : ' (optional)'}` }),
        h('p', { class: 'item-guidance muted small', id: guidanceId, 'data-role': 'guidance', text: guidance(item) }),
        h('div', { class: 'item-answer' }, field('Answer', answer), field('Confidence', confidence)), evidence);
      rows.set(item.code, { answer, confidence, evidence, container });
      return container;
    })));

  // A firm changes only its own self-assessments; one its RTI started is read-only to it (the service answers 403).
  // The RTI also corrects a submitted assessment before it validates it: a changed answer makes it a draft again.
  const editable = () => (a.status === 'DRAFT' || (!self && a.status === 'SUBMITTED')) && (!self || a.selfAssessment);
  /** Shows the assessment as stored; with keepAnswers the answers on the page stay as the user left them (unsaved ones too). */
  const fill = (keepAnswers = false) => {
    const stored = new Map((a.answers || []).map((x) => [x.item, x]));
    for (const [code, row] of rows) {
      const ans = stored.get(code);
      if (!keepAnswers) row.answer.value = ans ? (ans.notApplicable ? 'NA' : JSON.stringify(ans.value)) : '';
      if (self && ans && ans.confidence !== 'SELF_DECLARED' && !row.confidence.querySelector(`option[value="${ans.confidence}"]`)) {
        row.confidence.append(h('option', { value: ans.confidence, text: label.confidence(ans.confidence) }));
      }
      if (!keepAnswers) row.confidence.value = ans?.confidence || 'SELF_DECLARED';
      // The firm does not replace an answer its RTI evidenced or verified.
      const backed = self && ans && ans.confidence !== 'SELF_DECLARED';
      row.answer.disabled = !editable() || backed;
      row.confidence.disabled = !editable() || self;
      clear(row.evidence, evidenceBlock(code, ans));
    }
    for (const el of draftOnly) el.hidden = !editable();
    draftActions.hidden = self || a.status !== 'DRAFT';
    validate.hidden = self || a.status !== 'SUBMITTED';
    revision.hidden = self || a.status !== 'VALIDATED' || (a.supersededBy !== null && a.supersededBy !== undefined);
    redate.value = a.date;
    const counted = (a.score?.items || []).filter((i) => i.status !== 'UNANSWERED').length;
    const partial = counted < items.length ? `partial: ${counted} of ${items.length} items` : null;
    const band = a.score?.overallBand ? label.band(a.score.overallBand) : null;
    const score = stat('Overall score', a.score?.overall === null || a.score?.overall === undefined ? '—' : fmt.num(a.score.overall, 1),
      [band, partial].filter((t) => t).join(' · ') || 'once answered');
    score.id = 'assessment-score';
    clear(summary, h('div', { class: 'stats', id: 'assessment-state' },
      stat('Firm', f ? f.name : 'not shared with you', f ? `${f.code} · ${a.wave} on ${a.date}` : `${a.wave} on ${a.date}`),
      stat('Status', a.supersededBy ? 'Superseded' : self && a.status === 'SUBMITTED' ? 'Awaiting validation by your RTI' : label.status(a.status),
        a.validatedBy ? `validated by ${a.validatedBy}` : a.revision > 1 ? `revision ${a.revision}: ${a.revisionReason || ''}` : null),
      score, stat('Answered', `${(a.answers || []).length} of ${items.length}`)),
    originNote(a, self));
  };

  /** The evidence behind one answer, and (while the assessment can change) a way to add a link, a note or a file. */
  const evidenceBlock = (code, ans) => {
    const list = ans?.evidence || [];
    const editable = a.status !== 'VALIDATED' && (!self || a.selfAssessment);
    const shown = list.length ? h('ul', { class: 'evidence-list' }, list.map((e) => h('li', { 'data-evidence': e.id, 'data-kind': e.kind },
      evidenceEntry(e), h('span', { class: 'muted small', text: ` — ${e.addedBy}` })))) : h('p', { class: 'muted small', text: 'No evidence yet.' });
    if (!editable) return list.length ? h('details', {}, h('summary', { text: `Evidence (${list.length})` }), shown) : null;
    const kind = select(`${code}-evidence-kind`, [{ value: 'LINK', label: 'Link' }, { value: 'NOTE', label: 'Note' }, { value: 'FILE', label: 'File' }], 'LINK');
    const text = h('input', { name: `${code}-evidence`, placeholder: 'https://… or a note' });
    const textField = field('Link or note', text);
    const upload = h('input', { type: 'file', name: `${code}-evidence-file`, accept: ACCEPTED_FILES });
    const fileField = field('File', upload, ACCEPTED_TEXT);
    fileField.hidden = true;
    const progress = h('progress', { max: 100, value: 0, hidden: true, 'data-upload-progress': code, 'aria-label': 'Upload progress' });
    const status = h('span', { class: 'small', role: 'status' });
    kind.addEventListener('change', () => {
      textField.hidden = kind.value === 'FILE';
      fileField.hidden = kind.value !== 'FILE';
      status.textContent = '';
    });
    const add = h('button', { type: 'button', class: 'button', 'data-add-evidence': code, text: 'Add evidence', onclick: async () => {
      status.textContent = '';
      const isFile = kind.value === 'FILE';
      const input = isFile ? upload : text;
      input.removeAttribute('aria-invalid');
      if (isFile && !upload.files.length) { status.textContent = `Choose a file: ${ACCEPTED_TEXT}.`; upload.setAttribute('aria-invalid', 'true'); return; }
      if (!isFile && !text.value.trim()) { status.textContent = 'Enter a link or a note.'; text.setAttribute('aria-invalid', 'true'); return; }
      const answeredHere = rows.get(code).answer.value !== '';
      if (!ans && !answeredHere) { status.textContent = 'Answer this item first: evidence backs an answer.'; return; }
      add.disabled = true;
      block.setAttribute('aria-busy', 'true');
      try {
        // evidence backs a stored answer: an answer given on the page but not saved yet is saved first, with the others
        if (!(a.answers || []).some((x) => x.item === code)) a = await saveIfChanged();
        if (isFile) {
          progress.hidden = false;
          progress.value = 0;
          status.textContent = 'Uploading…';
          await addEvidenceFile(a.id, code, upload.files[0], (sent, total) => {
            progress.value = total ? Math.round((100 * sent) / total) : 0;
            status.textContent = `Uploading… ${progress.value} %`;
          }, ctx.signal);
        } else {
          await addEvidence(a.id, code, kind.value === 'LINK' ? { kind: 'LINK', ref: text.value.trim() } : { kind: 'NOTE', note: text.value.trim() }, ctx.signal);
        }
        a = await assessment(a.id, ctx.signal);
        fill(true);
      } catch (err) {
        progress.hidden = true;
        if (err?.name !== 'AbortError') { status.textContent = refusal(err); input.setAttribute('aria-invalid', 'true'); }
      } finally {
        add.disabled = false;
        block.removeAttribute('aria-busy');
      }
    } });
    const block = h('details', { open: list.length ? true : null }, h('summary', { text: `Evidence (${list.length})` }), shown,
      h('div', { class: 'item-answer' }, field('Kind', kind), textField, fileField, add, progress, status));
    return block;
  };

  const answers = () => [...rows].filter(([, r]) => r.answer.value !== '')
    .map(([item, r]) => (r.answer.value === 'NA' ? { item, value: null, notApplicable: true, confidence: r.confidence.value }
      : { item, value: JSON.parse(r.answer.value), notApplicable: false, confidence: r.confidence.value }));
  let lastSent = [];
  const unmark = () => {
    for (const r of rows.values()) {
      r.answer.removeAttribute('aria-invalid');
      r.container.classList.remove('item-missing');
    }
  };
  const act = async (button, work, done) => {
    clear(message);
    unmark();
    button.disabled = true;
    try {
      a = await work();
      fill(true); // what the action did not save stays on the page as the user left it
      clear(message, h('p', { class: 'notice', text: done }));
    } catch (err) {
      if (err?.name === 'AbortError') return;
      const missing = markInvalid(err, rows, lastSent);
      clear(message, errorBox(err, missing.map((code) => byCode.get(code)), rows));
      // The list sits below the form: bring it to the user (and to screen readers) at once.
      message.firstChild?.focus();
    } finally {
      button.disabled = false;
    }
  };
  // The firm sends only what it changed: an answer its RTI backed stays as the RTI left it.
  const changed = (x) => {
    const stored = (a.answers || []).find((s) => s.item === x.item);
    return !stored || !!stored.notApplicable !== x.notApplicable || JSON.stringify(stored.value) !== JSON.stringify(x.value);
  };
  /** Whether the page holds answers the service does not have: a changed or cleared one. */
  const unsaved = () => editable() && (answers().some((x) => changed(x)
      || (!self && (a.answers || []).find((st) => st.item === x.item)?.confidence !== x.confidence))
    || (a.answers || []).some((x) => rows.get(x.item)?.answer.value === ''));
  ctx.guardLeave?.(() => (unsaved() ? 'Some answers on this page are not saved. Leave the page and lose them?' : null));
  const saveIfChanged = async () => {
    lastSent = self ? answers().filter(changed) : answers();
    return lastSent.length ? saveAnswers(a.id, a.version, lastSent, ctx.signal) : a;
  };
  const save = h('button', { type: 'button', class: 'button', id: 'assessment-save', text: 'Save draft',
    onclick: () => act(save, saveIfChanged, 'Draft saved.') });
  const submit = h('button', { type: 'button', class: 'button button-primary', id: 'assessment-submit', text: 'Submit for validation',
    onclick: () => act(submit, async () => {
      a = await saveIfChanged();
      return submitAssessment(a.id, a.version, ctx.signal);
    }, self ? 'Submitted: your RTI reviews and validates it.' : 'Submitted: an assessor can now validate it.') });
  const validate = h('button', { type: 'button', class: 'button button-primary', id: 'assessment-validate', text: 'Validate',
    onclick: () => act(validate, async () => {
      // answers the assessor corrected on the page are saved (the assessment is a draft again) and submitted first
      if (unsaved()) {
        a = await saveIfChanged();
        a = await submitAssessment(a.id, a.version, ctx.signal);
      }
      return validateAssessment(a.id, a.version, ctx.signal);
    }, 'Validated: the scores are final and count in benchmarks and evaluation.') });

  // Draft actions: move the date, delete (asks once more before it deletes).
  const redate = h('input', { type: 'date', name: 'draft-date', id: 'assessment-date' });
  const redateButton = h('button', { type: 'button', class: 'button', id: 'assessment-redate', text: 'Change date',
    onclick: () => act(redateButton, () => changeDate(a.id, a.version, redate.value, ctx.signal), 'Date changed.') });
  const confirmDelete = h('span', { hidden: true, id: 'assessment-delete-confirm' }, 'Delete this draft and its answers? ',
    h('button', { type: 'button', class: 'button button-danger', id: 'assessment-delete-yes', text: 'Yes, delete', onclick: async (e) => {
      e.target.disabled = true;
      try {
        await deleteDraft(a.id, a.version, ctx.signal);
        location.hash = '#/rti/worklist?deleted=1';
      } catch (err) {
        if (err?.name !== 'AbortError') clear(message, errorBox(err));
        e.target.disabled = false;
      }
    } }),
    ' ', h('button', { type: 'button', class: 'button', text: 'Cancel', onclick: () => { confirmDelete.hidden = true; remove.hidden = false; } }));
  const remove = h('button', { type: 'button', class: 'button', id: 'assessment-delete', text: 'Delete draft',
    onclick: () => { remove.hidden = true; confirmDelete.hidden = false; } });
  const draftActions = h('div', { class: 'controls no-print', 'aria-label': 'Draft actions' },
    field('Assessment date', redate), redateButton, remove, confirmDelete);

  // A validated assessment is corrected by a revision: a new draft with the reason, both kept in the history.
  const reason = h('textarea', { name: 'revision-reason', id: 'revision-reason', rows: 2, cols: 50, maxlength: 2000 });
  const reviseButton = h('button', { type: 'button', class: 'button', id: 'assessment-revise', text: 'Make a revision', onclick: async () => {
    clear(message);
    if (!reason.value.trim()) {
      reason.setAttribute('aria-invalid', 'true');
      clear(message, h('div', { class: 'alert alert-error', text: 'Give the reason for the revision.' }));
      return;
    }
    reviseButton.disabled = true;
    try {
      const r = await reviseAssessment(a.id, reason.value.trim(), ctx.signal);
      writeState({ assessment: r.id }, { push: true });
      open(box, r.id, ctx);
    } catch (err) {
      if (err?.name !== 'AbortError') clear(message, errorBox(err));
      reviseButton.disabled = false;
    }
  } });
  const revision = h('section', { class: 'card no-print', id: 'assessment-revision' }, h('h2', { text: 'Correct this assessment' }),
    h('p', { class: 'muted small', text: 'A revision is a new draft with the same answers; once validated it replaces this one in benchmarks and evaluation, and both stay in the history.' }),
    field('Reason for the revision', reason), reviseButton);

  const draftOnly = [save, submit];
  const form = h('form', { id: 'assessment-form', 'aria-label': `Assessment with ${model.name}`, onsubmit: (e) => e.preventDefault() },
    ...sections, message, h('div', { class: 'controls no-print' }, save, submit, validate), draftActions);
  fill();
  return h('div', {}, h('section', { class: 'card' }, h('h2', { text: `${model.name} ${model.version}` }), summary), form, revision);
}

/**
 * Marks the items a 400/422 names ("answers[3].value": index into what was sent; "answers.DBS1": an item code) and
 * returns the codes of the required items reported as unanswered, in model order.
 */
function markInvalid(err, rows, sent) {
  const codes = new Set();
  if (!(err instanceof ApiError)) return [];
  for (const fe of err.fieldErrors) {
    const index = /answers\[(\d+)\]/.exec(String(fe.field));
    if (index && sent[Number(index[1])]) codes.add(sent[Number(index[1])].item);
    const named = /^answers\.([A-Za-z0-9_.-]+)$/.exec(String(fe.field));
    if (named && rows.has(named[1])) codes.add(named[1]);
  }
  for (const code of codes) {
    const r = rows.get(code);
    r.answer.setAttribute('aria-invalid', 'true');
    r.container.classList.add('item-missing');
  }
  return [...rows.keys()].filter((code) => codes.has(code));
}

/** The error, and for items the service names, each item's question linking to it (choice fields included). */
function errorBox(err, named = [], rows = new Map()) {
  const items = named.filter((i) => i);
  const heading = items.length && err instanceof ApiError && err.status === 422
    ? `${items.length} required item${items.length === 1 ? ' is' : 's are'} not answered:` : err.message;
  // a field error whose message is the heading's is not listed a second time
  const others = err instanceof ApiError ? err.fieldErrors.filter((fe) => !/^answers(\.|\[)/.test(String(fe.field))
    && !heading.includes(fe.message)) : [];
  return h('div', { class: 'alert alert-error', id: 'assessment-errors', tabindex: -1 }, h('p', { text: heading }),
    items.length ? h('ul', { class: 'missing-list', 'data-role': 'missing' }, items.map((i) => h('li', {},
      h('a', { href: `#item-${i.code}`, 'data-item': i.code, text: i.text, onclick: (e) => {
        e.preventDefault();
        rows.get(i.code)?.container.scrollIntoView({ block: 'center' });
        rows.get(i.code)?.answer.focus();
      } })))) : null,
    others.length ? h('ul', {}, others.map((fe) => h('li', { text: `${fe.field}: ${fe.message}` }))) : null);
}
