// Stored-statistics typology (GET /api/v1/typology?industry=&year=): {gini, regions[{id,lq,share,type}]}.
import { api, query } from '../api.js';

export async function typology(industry, year, signal) {
  return api(`/api/v1/typology${query({ industry, year })}`, { signal });
}
