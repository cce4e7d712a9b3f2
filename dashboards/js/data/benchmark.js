// Benchmark report of a firm: GET /api/v1/firms/{id}/benchmark?model=&version= (see README "Benchmark reports").
// Answers null when the firm has no validated assessment on the model version yet (the API's 422).
import { api, ApiError } from '../api.js';

export const BENCHMARK_MODEL = 'digital-maturity';
export const BENCHMARK_VERSION = '1.0.0';

/**
 * {band, peerGroup:{label, n, suppressed, reason}, dimensions:[{code, name, firm, p50, p75, n, suppressed, reason,
 *  withheld, resolution}], withheld:[distinct reasons], advice:[{text, services:[]}], reportLink} or null.
 * Peer figures are class midpoints (`resolution` points wide, see README "Access control"); in small groups only
 * the median is published and p75 is null with the reason in `withheld` (issue 17 §2).
 */
export async function benchmark(firmId, signal) {
  const path = `/api/v1/firms/${encodeURIComponent(firmId)}/benchmark?model=${BENCHMARK_MODEL}&version=${BENCHMARK_VERSION}`;
  try {
    return normalise(await api(path, { signal }));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 422)) return null;
    throw e;
  }
}

export function normalise(b) {
  const group = b.peerGroup || {};
  const servicesFor = (dimension) => ((b.advice && b.advice.services) || [])
    .filter((s) => s.dimension === dimension)
    .flatMap((s) => s.serviceTypes); // codes: the views name them through labels.js
  const lift = (b.advice && b.advice.lift && b.advice.lift.items) || [];
  const weakest = (b.advice && b.advice.weakestDimensions) || [];
  const dimensions = (b.dimensions || []).map((d) => ({
    code: d.code, name: d.name ?? d.code, firm: d.score ?? null,
    p50: d.peers?.p50 ?? null, p75: d.peers?.p75 ?? null, n: d.peers?.n ?? null,
    suppressed: !d.peers, reason: d.peersSuppressed ?? '',
    withheld: d.peers?.withheld ?? '', resolution: d.peers?.resolution ?? null,
  }));
  return {
    band: b.overall?.band ?? '',
    peerGroup: { label: group.definition ?? group.used ?? group.requested ?? '', used: group.used ?? null, n: group.n ?? null,
      suppressed: !!group.suppressed, reason: group.reason ?? '' },
    dimensions,
    withheld: [...new Set(dimensions.map((d) => d.withheld).filter((w) => w))],
    advice: [
      ...weakest.map((w) => ({ text: `Weakest relative to peers: ${w.name}`
        + (w.gapToMedian != null && w.gapToMedian > 0 ? ` (${fmtGap(w.gapToMedian)} points below the peers' median)` : ''),
      services: servicesFor(w.code) })),
      ...lift.map((i) => ({ text: `${i.text} — ${i.advice}`, services: servicesFor(i.dimension) })),
    ],
    reportLink: b.links?.report ?? null,
  };
}

const fmtGap = (v) => Number(v).toLocaleString('en-GB', { maximumFractionDigits: 1 });
