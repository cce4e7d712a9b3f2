// Programme registry, uptake and evaluation (GET /api/v1/programmes…).
import { api, itemsOf, query } from '../api.js';

export async function programmes(signal) {
  return itemsOf(await api(`/api/v1/programmes${query({ size: 500, sort: 'code' })}`, { signal }));
}

/** UptakeReport: {totals, groups[{key,label,eligibleFirms,enrolledFirms,uptakeRate,cumulativeEnrolled[]}], series[], servicesUsed, reference}. */
export async function uptake(id, by, period, signal) {
  return api(`/api/v1/programmes/${id}/uptake${query({ by, period })}`, { signal });
}

/** EvaluationReport: {design, waves, firms, treatedFirms, did{att,se,n}, gains{mean,ciLow,ciHigh}, staggered{simple, dynamic[]}}. */
export async function evaluation(id, { outcome, design, control }, signal) {
  return api(`/api/v1/programmes/${id}/evaluation${query({ outcome, design, control })}`, { signal });
}
