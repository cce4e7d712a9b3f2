// Programme registry, uptake and evaluation (GET /api/v1/programmes…).
import { api, itemsOf, query } from '../api.js';

export async function programmes(signal) {
  return itemsOf(await api(`/api/v1/programmes${query({ size: 500, sort: 'code' })}`, { signal }));
}

/** UptakeReport: {totals, groups[{key,label,eligibleFirms,enrolledFirms,uptakeRate,cumulativeEnrolled[]}], series[], servicesUsed, reference}. */
export async function uptake(id, by, period, signal) {
  return api(`/api/v1/programmes/${id}/uptake${query({ by, period })}`, { signal });
}

/**
 * EvaluationReport: {design, waves, waveUnit, firms, treatedFirms, did{att,se,n}, gains{mean,ciLow,ciHigh},
 * staggered{simple, dynamic[], preTest, uniformBand}}. outcome: a score (overall, a dimension), adoption (with
 * technology) or technologies; bootstrap: true asks for the simultaneous band.
 */
export async function evaluation(id, { outcome, design, control, technology, bootstrap }, signal) {
  return api(`/api/v1/programmes/${id}/evaluation${query({ outcome, design, control, technology, bootstrap })}`, { signal });
}

/**
 * Firms counted in a programme's uptake: its own enrolments and, for a regional base programme, those of its district
 * adaptations. An aggregate, so it counts firms the reader may not see one by one (the enrolment list shows only those).
 */
export async function enrolledCount(id, signal) {
  const report = await api(`/api/v1/programmes/${id}/uptake`, { signal });
  return (report.totals && report.totals.enrolledFirms) || 0;
}

/**
 * The programme to show first: the one asked for, else the first (by code) with enrolled firms in its uptake, so
 * the view does not open on an empty chart.
 */
export async function defaultProgramme(list, asked, signal) {
  if (asked && list.some((p) => String(p.id) === String(asked))) return asked;
  for (const p of list) {
    if (await enrolledCount(p.id, signal).catch(() => 0) > 0) return p.id;
  }
  return list[0].id;
}

/** District adaptations of a base programme. */
export function adaptations(list, id) {
  return list.filter((p) => String(p.parentId) === String(id));
}
