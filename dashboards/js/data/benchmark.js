// Benchmark report of a firm (GET /api/v1/firms/{id}/benchmark): endpoint of the benchmark feature, not merged yet.
// Answers null while it does not exist. Wire the final JSON shape in normalise().
import { apiIfAvailable } from '../api.js';

/**
 * {band, peerGroup:{label, n, suppressed, reason}, dimensions:[{code, name, firm, p50, p75, n, suppressed, reason}],
 *  advice:[{text, services:[]}]} or null.
 */
export async function benchmark(firmId, signal) {
  const body = await apiIfAvailable(`/api/v1/firms/${encodeURIComponent(firmId)}/benchmark`, { signal });
  return body === null ? null : normalise(body);
}

export function normalise(b) {
  const group = b.peerGroup || {};
  return {
    band: b.band ?? b.overall?.band ?? '',
    peerGroup: { label: group.label ?? group.level ?? '', n: group.n ?? null, suppressed: !!group.suppressed, reason: group.reason ?? '' },
    dimensions: (b.dimensions || []).map((d) => ({
      code: d.code, name: d.name ?? d.code, firm: d.firm ?? d.score ?? null,
      p50: d.p50 ?? d.peers?.p50 ?? null, p75: d.p75 ?? d.peers?.p75 ?? null, n: d.n ?? d.peers?.n ?? null,
      suppressed: !!(d.suppressed ?? d.peers?.suppressed), reason: d.reason ?? d.peers?.reason ?? '',
    })),
    advice: (b.advice || []).map((a) => ({ text: a.text ?? a.advice ?? String(a), services: a.services ?? [] })),
  };
}
