// Pilot plants, machine KPIs and dead letters: endpoints of the telemetry feature, not merged yet.
// Each function answers null while its endpoint does not exist. Wire the final JSON shapes here.
import { apiIfAvailable, itemsOf } from '../api.js';

/** [{id, code, name, machines:[{id, code, name, state, lastSeen}]}] or null. */
export async function plants(signal) {
  const body = await apiIfAvailable('/api/v1/plants', { signal });
  if (body === null) return null;
  return itemsOf(body).map((p) => ({
    id: p.id, code: p.code ?? '', name: p.name ?? p.code,
    machines: (p.machines || []).map((m) => ({ id: m.id, code: m.code ?? '', name: m.name ?? m.code, state: m.state ?? 'UNKNOWN', lastSeen: m.lastSeen ?? m.lastTs ?? null })),
  }));
}

/** {availability, performance, quality, oee, utilisation} as fractions, or null. */
export async function machineKpis(machineId, signal) {
  const body = await apiIfAvailable(`/api/v1/machines/${encodeURIComponent(machineId)}/kpis`, { signal });
  if (body === null) return null;
  const k = body.kpis ?? body;
  return { availability: k.availability ?? null, performance: k.performance ?? null, quality: k.quality ?? null, oee: k.oee ?? null, utilisation: k.utilisation ?? null };
}

/** [{id, receivedAt, topic, reason}] or null. */
export async function deadLetters(signal) {
  const body = await apiIfAvailable('/api/v1/telemetry/dead-letters?size=100', { signal });
  if (body === null) return null;
  return itemsOf(body).map((d) => ({ id: d.id, receivedAt: d.receivedAt ?? d.ts ?? '', topic: d.topic ?? '', reason: d.reason ?? '' }));
}
