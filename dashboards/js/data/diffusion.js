// District diffusion curves (GET /api/v1/districts/{id}/diffusion).
import { api, query } from '../api.js';

/**
 * Report: {firms, adopters, periods[{period,adopters,cumulativeAdopters,shareOfFirms,hazard}], bass[], forecasts[],
 * bassUnavailable[], trust[{method,warnings[]}], categories, split}. With split = 'programme:{id}', split holds
 * {participants, nonParticipants} curves with their own fits and differences[{method, p, q}] (participants − others).
 */
export async function diffusion(districtId, technology, period, signal, split) {
  return api(`/api/v1/districts/${districtId}/diffusion${query({ technology, period, split })}`, { signal });
}
