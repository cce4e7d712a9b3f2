// Registry look-ups shared by several views: districts, regions, technologies, firms, institutes.
import { api, itemsOf, query } from '../api.js';

export async function districts(signal) {
  return itemsOf(await api(`/api/v1/districts${query({ size: 500, sort: 'name' })}`, { signal }));
}

export async function regions(signal) {
  return itemsOf(await api(`/api/v1/regions${query({ size: 500 })}`, { signal }));
}

export async function technologies(signal) {
  return itemsOf(await api(`/api/v1/technologies${query({ size: 500 })}`, { signal }));
}

export async function district(id, signal) {
  return api(`/api/v1/districts/${encodeURIComponent(id)}`, { signal });
}

/** Paged firm search: {items, page, size, totalItems, totalPages}; `sort` is 'name' (the default), 'employees,desc', … */
export async function searchFirms({ q, capability, sizeClass, district: districtId, page = 0, size = 20, sort = 'name' }, signal) {
  return api(`/api/v1/firms${query({ q, capability, sizeClass, district: districtId, page, size, sort })}`, { signal });
}

export async function firm(id, signal) {
  return api(`/api/v1/firms/${encodeURIComponent(id)}`, { signal });
}

/** The research and technology institutes, by name (the institutes a programme can be delivered by). */
export async function rtis(signal) {
  return itemsOf(await api(`/api/v1/institutions${query({ kind: 'RTI', size: 500, sort: 'name' })}`, { signal }));
}
