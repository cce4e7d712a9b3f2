// District diffusion curves (GET /api/v1/districts/{id}/diffusion).
import { api, query } from '../api.js';

/** Report: {firms, adopters, periods[{period,adopters,cumulativeAdopters,shareOfFirms,hazard}], bass[], forecasts[], bassUnavailable[], categories}. */
export async function diffusion(districtId, technology, period, signal) {
  return api(`/api/v1/districts/${districtId}/diffusion${query({ technology, period })}`, { signal });
}
