// A firm's validated scores per dimension and wave: GET /api/v1/assessment-history (scores by dimension code) with
// the dimension names of the model version (GET /api/v1/models/{id}/versions/{version}).
import { apiIfAvailable } from '../api.js';
import { BENCHMARK_MODEL, BENCHMARK_VERSION } from './benchmark.js';

/** {dimensions:[{code, name}], waves:[{wave, date, overall, scores:{code: score}}]} or null without validated waves. */
export async function dimensionHistory(firmId, signal) {
  const q = new URLSearchParams({ firm: firmId, model: BENCHMARK_MODEL });
  const history = await apiIfAvailable(`/api/v1/assessment-history?${q}`, { signal });
  if (!history || !history.waves || !history.waves.length) return null;
  const model = await apiIfAvailable(`/api/v1/models/${BENCHMARK_MODEL}/versions/${BENCHMARK_VERSION}`, { signal }).catch(() => null);
  const names = new Map((model?.dimensions || []).map((d) => [d.code, d.name]));
  const codes = [...new Set(history.waves.flatMap((w) => w.dimensions.map((d) => d.code)))];
  return {
    dimensions: codes.map((code) => ({ code, name: names.get(code) ?? code })),
    waves: history.waves.map((w) => ({ wave: w.wave, date: w.date, overall: w.overall,
      scores: Object.fromEntries(w.dimensions.map((d) => [d.code, d.score])) })),
  };
}
