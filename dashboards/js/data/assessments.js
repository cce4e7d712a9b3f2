// Assessment models and assessments: endpoints of the assessment feature, not merged yet.
// Each function answers null while the endpoint does not exist, so the views show their empty state.
// Wire the final JSON shapes here (normalise to the fields the views read).
import { apiIfAvailable, itemsOf, api } from '../api.js';

/** [{id, code, name, version, dimensions:[{code, name, items:[{code, text, scale:{min,max,labels?}}]}]}] or null. */
export async function models(signal) {
  const body = await apiIfAvailable('/api/v1/models', { signal });
  return body === null ? null : itemsOf(body).map(normaliseModel);
}

export function normaliseModel(m) {
  const dimensions = (m.dimensions || []).map((d) => ({
    code: d.code ?? d.id, name: d.name ?? d.title ?? d.code,
    items: (d.items || d.questions || []).map((i) => ({
      code: i.code ?? i.id, text: i.text ?? i.question ?? i.name ?? i.code,
      min: i.scale?.min ?? 0, max: i.scale?.max ?? 4, labels: i.scale?.labels ?? null, allowNa: i.allowNa ?? true,
    })),
  }));
  return { id: m.id, code: m.code ?? m.id, name: m.name ?? m.title ?? m.code, version: m.version ?? '', dimensions };
}

/** The firm's assessments, oldest first: [{id, wave|label, status, date, overall, band}] or null. */
export async function firmHistory(firmId, signal) {
  const body = await apiIfAvailable(`/api/v1/assessments?firm=${encodeURIComponent(firmId)}&size=100`, { signal });
  if (body === null) return null;
  return itemsOf(body).map((a) => ({
    id: a.id, label: a.wave !== undefined ? `T${a.wave}` : (a.label ?? ''), status: a.status ?? '',
    date: a.validatedOn ?? a.submittedOn ?? a.createdOn ?? a.date ?? '', overall: a.overall ?? a.score ?? null, band: a.band ?? '',
  }));
}

/** Saves a draft; rejects with ApiError whose fieldErrors name the missing items. */
export async function saveDraft(modelId, firmId, answers) {
  return api('/api/v1/assessments', { method: 'POST', body: { modelId, firmId, answers } });
}
