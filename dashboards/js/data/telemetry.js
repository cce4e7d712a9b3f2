// Pilot plants, their machines and OEE, ingest counters and dead letters (telemetry feature).
import { api, apiIfAvailable, itemsOf, query } from '../api.js';

/** Plants with their machines: [{id, code, name, firmId, machines:[{id, code, name, idealCycleTimeMs, firstTelemetryAt}]}] or null. */
export async function plants(signal) {
  const body = await apiIfAvailable(`/api/v1/plants${query({ size: 100 })}`, { signal });
  if (body === null) return null;
  return Promise.all(itemsOf(body).map(async (p) => {
    const machines = await apiIfAvailable(`/api/v1/plants/${p.id}/machines${query({ size: 100, sort: 'code' })}`, { signal });
    return { id: p.id, code: p.code, name: p.name, firmId: p.firmId, machines: itemsOf(machines) };
  }));
}

/**
 * OEE of a machine over the last hours (GET /api/v1/machines/{id}/kpis?from=&to=&window=HOUR): the latest window that had
 * planned time, {from, to, availability, performance, quality, oee, utilisation} as fractions (null when undefined), or null.
 */
export async function machineKpis(machineId, signal, hours = 8) {
  const to = new Date();
  to.setUTCMinutes(0, 0, 0);
  to.setUTCHours(to.getUTCHours() + 1);
  const from = new Date(to.getTime() - hours * 3600_000);
  const body = await apiIfAvailable(`/api/v1/machines/${encodeURIComponent(machineId)}/kpis${query({ from: from.toISOString(), to: to.toISOString(), window: 'HOUR' })}`, { signal });
  if (body === null) return null;
  const windows = (body.windows || []).filter((w) => w.plannedTimeSeconds > 0);
  return windows.length ? windows[windows.length - 1] : null;
}

/** Ingest counters since the service started: {received, stored, duplicates, deadLettered, queueDepth, queueCapacity, fallingBehind, lastMessageAt} or null. */
export async function ingestStats(signal) {
  return apiIfAvailable('/api/v1/telemetry/stats', { signal });
}

/** Newest first: {items:[{id, receivedAt, topic, reason, payloadSize, replayedAt, replayCount}], totalItems} or null. */
export async function deadLetters(signal, size = 100) {
  const body = await apiIfAvailable(`/api/v1/telemetry/dead-letters${query({ size, sort: 'id,desc' })}`, { signal });
  return body === null ? null : { items: itemsOf(body), totalItems: body.totalItems ?? itemsOf(body).length };
}

/** Registers a plant of a firm: {code, name, firmId} → Plant. 409 when the code is taken. */
export async function registerPlant(plant, signal) {
  return api('/api/v1/plants', { method: 'POST', body: plant, signal });
}

/** Registers a machine of a plant: {code, name, idealCycleTimeMs} → Machine. */
export async function registerMachine(plantId, machine, signal) {
  return api(`/api/v1/plants/${encodeURIComponent(plantId)}/machines`, { method: 'POST', body: machine, signal });
}

/** Raw readings of a machine in [from, to): {truncated, samples:[{ts, state, goodCount, rejectCount, metrics}]}. */
export async function machineSeries(machineId, from, to, signal, limit = 1000) {
  return api(`/api/v1/machines/${encodeURIComponent(machineId)}/samples${query({ from: from.toISOString(), to: to.toISOString(), limit })}`, { signal });
}

/**
 * All readings of a machine in [from, to) downsampled into at most `points` time buckets (for windows with more readings
 * than the raw limit): {bucketSeconds, readings, buckets:[{from, to, readings, goodCount, rejectCount, state,
 * producingShare, stateSeconds, metrics:{name:{n, min, max, mean}}}]}.
 */
export async function machineBuckets(machineId, from, to, points, signal) {
  return api(`/api/v1/machines/${encodeURIComponent(machineId)}/samples${query({ from: from.toISOString(), to: to.toISOString(), points })}`, { signal });
}

/** OEE and its factors per window over [from, to): {windows:[{from, to, availability, performance, quality, oee, …}]}. */
export async function machineWindows(machineId, from, to, window, signal) {
  return api(`/api/v1/machines/${encodeURIComponent(machineId)}/kpis${query({ from: from.toISOString(), to: to.toISOString(), window })}`, { signal });
}

/** Replays one dead letter through the ingest pipeline (administrators). */
export async function replayDeadLetter(id, signal) {
  return api(`/api/v1/telemetry/dead-letters/${encodeURIComponent(id)}/replay`, { method: 'POST', signal });
}
