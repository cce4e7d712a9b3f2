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

/** Enrolments of a programme (its own, not those of its district adaptations). */
export async function enrolmentCount(id, signal) {
  return (await api(`/api/v1/programmes/${id}/enrolments${query({ size: 1 })}`, { signal })).totalItems;
}

/**
 * The programme to show first: the one asked for, else the first (by code) with enrolments counted in its uptake —
 * its own and, for a regional base programme, those of its district adaptations — so the view does not open on an
 * empty chart.
 */
export async function defaultProgramme(list, asked, signal) {
  if (asked && list.some((p) => String(p.id) === String(asked))) return asked;
  const counts = await Promise.all(list.map((p) => enrolmentCount(p.id, signal).catch(() => 0)));
  const own = new Map(list.map((p, i) => [String(p.id), counts[i]]));
  const counted = (p) => own.get(String(p.id)) + adaptations(list, p.id).reduce((n, c) => n + own.get(String(c.id)), 0);
  return (list.find((p) => counted(p) > 0) || list[0]).id;
}

/** District adaptations of a base programme. */
export function adaptations(list, id) {
  return list.filter((p) => String(p.parentId) === String(id));
}
