// RTI workbench: telemetry messages that could not be stored, with the reason.
import { deadLetters } from '../data/telemetry.js';
import { h, page, empty, table } from '../ui.js';

export async function render(view, ctx) {
  await page(view, 'Dead letters', 'Telemetry messages that could not be parsed or broke the schema; ingest went on without them.', async () => {
    const list = await deadLetters(ctx.signal);
    if (list === null) return empty('No dead-letter store on this service yet', 'Rejected telemetry messages will be listed here with their reason.');
    if (!list.length) return empty('No dead letters', 'Every telemetry message received so far was stored.');
    return h('section', { class: 'card' }, table([{ label: 'Received', value: (d) => d.receivedAt }, { label: 'Topic', value: (d) => d.topic },
      { label: 'Reason', value: (d) => d.reason }], list, 'Dead letters'));
  }, 'Loading dead letters…');
}
