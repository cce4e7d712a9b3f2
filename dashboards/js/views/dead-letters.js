// RTI workbench: telemetry messages ingest refused (GET /api/v1/telemetry/dead-letters), with the reason, and the ingest counters.
import { deadLetters, ingestStats, replayDeadLetter } from '../data/telemetry.js';
import { h, page, empty, table, stat, fmt } from '../ui.js';

const OUTCOMES = { STORED: 'Stored', DUPLICATE: 'Already stored (duplicate)', REJECTED: 'Rejected again', NOT_FOUND: 'No longer exists' };

export async function render(view, ctx) {
  await page(view, 'Dead letters', 'Telemetry messages that could not be parsed or broke the schema; ingest went on without them.', async () => {
    const [list, stats] = await Promise.all([deadLetters(ctx.signal), ingestStats(ctx.signal)]);
    const counters = stats ? h('div', { class: 'stats' }, stat('Messages received', fmt.int(stats.received)), stat('Samples stored', fmt.int(stats.stored)),
      stat('Dead-lettered', fmt.int(stats.deadLettered)), stat('Queue', `${fmt.int(stats.queueDepth)} / ${fmt.int(stats.queueCapacity)}`,
        stats.fallingBehind ? 'falling behind' : (stats.lastMessageAt ? `last message ${when(stats.lastMessageAt)}` : 'no message yet'))) : null;
    if (list === null) return h('div', {}, counters, empty('No dead-letter store on this service yet', 'Rejected telemetry messages will be listed here with their reason.'));
    if (!list.items.length) return h('div', {}, counters, h('div', { class: 'card' }, empty('No dead letters', 'Every telemetry message received so far was stored.')));
    return h('div', {}, counters, h('section', { class: 'card' },
      h('p', { class: 'muted small', text: list.totalItems > list.items.length ? `Newest ${list.items.length} of ${fmt.int(list.totalItems)}.` : `${fmt.int(list.totalItems)} dead letters.` }),
      table([{ label: 'Received', value: (d) => when(d.receivedAt) }, { label: 'Topic', value: (d) => d.topic },
        { label: 'Reason', value: (d) => d.reason }, { label: 'Bytes', num: true, value: (d) => fmt.int(d.payloadSize) },
        { label: 'Replayed', value: (d) => (d.replayedAt ? `${when(d.replayedAt)} (${d.replayCount}×)` : (d.replayCount ? `failed ${d.replayCount}×` : 'no')) },
        { label: 'Replay', value: (d) => replayButton(d, ctx) }],
      list.items, 'Dead letters')));
  }, 'Loading dead letters…');
}

/** Sends one letter through ingest again (after the sender or the schema was fixed) and says what became of it. */
function replayButton(d, ctx) {
  const result = h('span', { class: 'small', role: 'status', 'data-replay-result': d.id });
  const button = h('button', { type: 'button', class: 'button', 'data-replay': d.id, text: 'Replay', onclick: async () => {
    button.disabled = true;
    try {
      const r = await replayDeadLetter(d.id, ctx.signal);
      result.textContent = ` ${OUTCOMES[r.outcome] || r.outcome}${r.reason ? `: ${r.reason}` : ''}`;
    } catch (e) {
      if (e?.name !== 'AbortError') result.textContent = ` ${e.message}`;
    } finally {
      button.disabled = false;
    }
  } });
  return h('span', {}, button, result);
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString('en-GB') : '—';
}
