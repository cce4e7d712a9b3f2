// Assessment models and the assessment lifecycle (GET/POST /api/v1/models, /api/v1/assessments, /api/v1/assessment-history).
import { api, apiIfAvailable, itemsOf, query } from '../api.js';
import { uploadFile, downloadFile } from '../transfer.js';

/** Published model versions: [{id, version, name, inUse}], or null when the service has no model registry. */
export async function models(signal) {
  const body = await apiIfAvailable(`/api/v1/models${query({ size: 100 })}`, { signal });
  return body === null ? null : itemsOf(body).map((m) => ({ id: m.id, version: m.version, name: m.name, inUse: !!m.inUse }));
}

/** A function naming a model version ("Digital maturity 1.0.0") from the published models; the code where none is readable. */
export async function modelNamer(signal) {
  const names = new Map(((await models(signal)) || []).map((m) => [`${m.id}@${m.version}`, `${m.name} ${m.version}`]));
  return (id, version) => names.get(`${id}@${version}`) || `${id} ${version}`;
}

/**
 * The model document of one version (GET /api/v1/models/{id}/versions/{v}) in the form the views draw:
 * {id, version, name, dimensions:[{code, name, items:[{code, text, required, naAllowed, type, options:[{value,label}], advice, guidance}]}]}.
 * Answer values follow the item's scale: LIKERT_5 1..5, SCALE_0_10 0..10 (numbers), YES_NO true/false, CHOICE an option code.
 */
export async function modelDocument(id, version, signal) {
  const m = await api(`/api/v1/models/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`, { signal });
  return {
    id: m.id, version: m.version, name: m.name,
    dimensions: (m.dimensions || []).map((d) => ({
      code: d.code, name: d.name,
      items: (d.items || []).map((i) => ({
        code: i.code, text: i.text, required: i.required !== false, naAllowed: !!i.naAllowed, type: i.scale.type, options: scaleOptions(i.scale),
        advice: i.advice || '', guidance: i.guidance || '',
      })),
    })),
  };
}

function scaleOptions(scale) {
  const range = (from, to) => Array.from({ length: to - from + 1 }, (_, k) => ({ value: from + k, label: String(from + k) }));
  switch (scale.type) {
    case 'LIKERT_5': return range(1, 5).map((o) => ({ ...o, label: `${o.value}${o.value === 1 ? ' (lowest)' : o.value === 5 ? ' (highest)' : ''}` }));
    case 'SCALE_0_10': return range(0, 10);
    case 'YES_NO': return [{ value: true, label: 'Yes' }, { value: false, label: 'No' }];
    default: return (scale.options || []).map((o) => ({ value: o.code, label: o.label }));
  }
}

/**
 * The firm's assessments, oldest first: [{id, label, status, date, overall, band, model, modelName, revision, superseded,
 * change, self}] or null (model: "id version", the key; modelName: the model's name; self: the firm started it).
 */
export async function firmHistory(firmId, signal) {
  const [body, modelName] = await Promise.all([
    apiIfAvailable(`/api/v1/assessments${query({ firm: firmId, size: 100, sort: 'assessedOn' })}`, { signal }), modelNamer(signal)]);
  if (body === null) return null;
  const list = itemsOf(body);
  const history = list.some((a) => a.modelId === 'digital-maturity' && a.status === 'VALIDATED')
    ? await apiIfAvailable(`/api/v1/assessment-history${query({ firm: firmId, model: 'digital-maturity' })}`, { signal }) : null;
  const change = new Map((history?.waves || []).map((w) => [w.assessmentId, w.overallDeltaFromFirst]));
  return list.map((a) => ({
    id: a.id, label: a.wave, status: a.status, date: a.date, overall: a.overallScore, band: a.overallBand ?? '',
    model: `${a.modelId} ${a.modelVersion}`, modelName: modelName(a.modelId, a.modelVersion), revision: a.revision, superseded: a.supersededBy !== null && a.supersededBy !== undefined,
    change: change.has(a.id) ? change.get(a.id) : null, self: !!a.selfAssessment,
  }));
}

/** Starts a draft: {firmId, modelId, modelVersion, wave: 'T0'|'T1'…, date: 'YYYY-MM-DD'} → AssessmentView. */
export async function createAssessment(draft, signal) {
  return api('/api/v1/assessments', { method: 'POST', body: draft, signal });
}

export async function assessment(id, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}`, { signal });
}

/** Saves answers [{item, value, notApplicable}] on the version last read; rejects with fieldErrors naming answers[i].value. */
export async function saveAnswers(id, version, answers, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}/answers`, { method: 'PUT', body: { version, answers }, signal });
}

/** 422 lists the required items still unanswered. */
export async function submitAssessment(id, version, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}/submit`, { method: 'POST', body: { version }, signal });
}

export async function validateAssessment(id, version, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}/validate`, { method: 'POST', body: { version }, signal });
}

/** Deletes a draft (the version last read). */
export async function deleteDraft(id, version, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}${query({ version })}`, { method: 'DELETE', signal });
}

/** Moves a draft to another date; 422 when the firm's waves would be out of order. */
export async function changeDate(id, version, date, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}/date`, { method: 'PUT', body: { version, date }, signal });
}

/** A new draft revision of a validated assessment, with the reason for the correction. */
export async function reviseAssessment(id, reason, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}/revisions`, { method: 'POST', body: { reason }, signal });
}

/** Evidence behind an answer: {kind: 'LINK', ref: 'https://…'} or {kind: 'NOTE', note}. */
export async function addEvidence(id, item, evidence, signal) {
  return api(`/api/v1/assessments/${encodeURIComponent(id)}/answers/${encodeURIComponent(item)}/evidence`, { method: 'POST', body: evidence, signal });
}

/**
 * Uploads a file as evidence of an answer (POST …/answers/{item}/evidence/file?filename=): the service tells its type by
 * its bytes and answers the evidence with file {name, contentType, size, sha256, href}; 400/413/415 name `file`.
 */
export async function addEvidenceFile(id, item, file, onProgress, signal) {
  return uploadFile(`/api/v1/assessments/${encodeURIComponent(id)}/answers/${encodeURIComponent(item)}/evidence/file${query({ filename: file.name })}`,
    file, { onProgress, signal });
}

/** Saves an evidence file ({name, href} of an evidence's file) with the session's token. */
export async function downloadEvidenceFile(file) {
  return downloadFile(file.href, file.name);
}

/** The caller's worklist: {drafts, awaitingValidation, due, totals, duePage: {page, size, totalPages}}; `due` is page `duePage` of `dueSize` firms. */
export async function worklist(signal, { duePage = 0, dueSize = 20 } = {}) {
  return api(`/api/v1/assessments/worklist${query({ page: duePage, size: dueSize })}`, { signal });
}

/**
 * Assessments of the firms the caller may see, paged (GET /api/v1/assessments): filters {q (firm name or code), model,
 * version, status, wave, from, to, current}, `sort` such as 'assessedOn,desc'. Each item names its firm (firmName).
 */
export async function searchAssessments({ q, model, version, status, wave, from, to, current, page = 0, size = 20, sort }, signal) {
  return api(`/api/v1/assessments${query({ q, model, version, status, wave, from, to, current, page, size, sort })}`, { signal });
}
