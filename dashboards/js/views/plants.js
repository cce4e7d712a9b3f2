// RTI workbench: pilot plants, their machines and the latest hour's OEE, refreshed every few seconds.
import { plants, machineKpis } from '../data/telemetry.js';
import { h, clear, empty, failure, table, pageHead, fmt } from '../ui.js';

const REFRESH_MS = 5000;

export async function render(view, ctx) {
  const updated = h('p', { class: 'muted small', 'aria-live': 'off', id: 'plants-updated' });
  view.append(pageHead('Pilot plants', 'OEE (availability × performance × quality) of connected pilot plants.'), updated);
  const body = h('div');
  view.append(body);
  let timer = null;
  let first = true;
  const tick = async () => {
    try {
      const list = await plants(ctx.signal);
      if (list === null) {
        clear(body, empty('No pilot-plant telemetry on this service yet', 'Machines appear here, refreshed every few seconds, once pilot plants report telemetry.'));
        return false;
      }
      if (!list.length) {
        clear(body, empty('No pilot plants connected', 'Connect a plant\'s machines over MQTT to see their state and OEE here.'));
        return true;
      }
      const cards = await Promise.all(list.map(async (p) => {
        const kpis = await Promise.all(p.machines.map((m) => machineKpis(m.id, ctx.signal).catch(() => null)));
        const of = (m) => kpis[p.machines.indexOf(m)];
        return h('section', { class: 'card' }, h('h2', { text: `${p.name} (${p.code})` }),
          p.machines.length ? table([{ label: 'Machine', value: (m) => `${m.name} (${m.code})` },
            { label: 'Latest hour', value: (m) => (of(m) ? `${hour(of(m).from)}–${hour(of(m).to)}` : (m.firstTelemetryAt ? 'no planned time' : 'no telemetry yet')) },
            { label: 'Availability', num: true, value: (m) => fmt.pct(of(m)?.availability) },
            { label: 'Performance', num: true, value: (m) => fmt.pct(of(m)?.performance) },
            { label: 'Quality', num: true, value: (m) => fmt.pct(of(m)?.quality) },
            { label: 'OEE', num: true, value: (m) => fmt.pct(of(m)?.oee) }], p.machines, p.name)
            : empty('No machines registered', 'Register the plant\'s machines (POST /api/v1/plants/{id}/machines) so that their telemetry is stored.'));
      }));
      clear(body, ...cards);
      updated.textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}; refreshes every ${REFRESH_MS / 1000} s.`;
      return true;
    } catch (e) {
      if (e?.name !== 'AbortError') clear(body, failure(e));
      return first ? false : true;
    } finally {
      first = false;
    }
  };
  body.append(h('div', { class: 'state', role: 'status' }, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', { text: 'Loading plants…' })));
  if (await tick()) {
    timer = setInterval(tick, REFRESH_MS);
    ctx.onLeave(() => clearInterval(timer));
  }
}

function hour(instant) {
  return new Date(instant).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
