// Programme registry, enrolments, consent, uptake and evaluation (/api/v1/programmes…, /api/v1/firms/{id}/enrolments).
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

/** A page of the programmes the user may see: {items, page, size, totalItems, totalPages}; sort: id, code, name, startsOn. */
export async function programmePage({ page = 0, size = 20, sort = 'code,asc' } = {}, signal) {
  return api(`/api/v1/programmes${query({ page, size, sort })}`, { signal });
}

export async function programme(id, signal) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}`, { signal });
}

/** Creates (no id) or changes a programme (ProgrammeRequest; a change carries the version read). */
export async function saveProgramme(body, id) {
  return id ? api(`/api/v1/programmes/${encodeURIComponent(id)}`, { method: 'PUT', body })
    : api('/api/v1/programmes', { method: 'POST', body });
}

export async function deleteProgramme(id) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** A page of a programme's enrolments the user may see (each with firmName, services, consented); sort: id, enrolledOn. */
export async function enrolmentPage(id, { page = 0, size = 20, sort = 'enrolledOn,desc' } = {}, signal) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}/enrolments${query({ page, size, sort })}`, { signal });
}

/** Enrols a firm: {firmId, enrolledOn, services: [{service, usedOn}]}. */
export async function enrol(id, body) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}/enrolments`, { method: 'POST', body });
}

/** Replaces the services an enrolment used: {services, version}. */
export async function changeServices(id, enrolmentId, body) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(enrolmentId)}`, { method: 'PUT', body });
}

/** Records a withdrawal: {withdrawnOn, reason, version}. */
export async function withdraw(id, enrolmentId, body) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(enrolmentId)}/withdrawal`, { method: 'POST', body });
}

/** The enrolments of one firm (GET /api/v1/firms/{id}/enrolments), newest first; the firm's own user may read them. */
export async function firmEnrolments(firmId, signal) {
  return itemsOf(await api(`/api/v1/firms/${encodeURIComponent(firmId)}/enrolments${query({ size: 100 })}`, { signal }));
}

/** The firm grants (true) or withdraws (false) the consent that lets the programme's agency see its firm-level data. */
export async function setConsent(id, enrolmentId, granted) {
  return api(`/api/v1/programmes/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(enrolmentId)}/consent`,
    { method: 'PUT', body: { granted } });
}
