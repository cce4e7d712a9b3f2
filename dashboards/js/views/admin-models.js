// Administrator: the published assessment models with their versions (GET /api/v1/models, /api/v1/models/{id}/versions).
import { api, itemsOf, query } from '../api.js';
import { h, page, empty, table } from '../ui.js';

export async function render(view, ctx) {
  await page(view, 'Assessment models', 'Each published model with all its versions; a version used by assessments no longer changes (publish a new version instead).', async () => {
    const list = itemsOf(await api(`/api/v1/models${query({ size: 100, sort: 'modelId' })}`, { signal: ctx.signal }));
    if (!list.length) return empty('No assessment models yet', 'Publish a model document with POST /api/v1/models.');
    const ids = [...new Set(list.map((m) => m.id))];
    const versions = await Promise.all(ids.map((id) => api(`/api/v1/models/${encodeURIComponent(id)}/versions`, { signal: ctx.signal })));
    return h('div', {}, ids.map((id, i) => h('section', { class: 'card', 'data-model': id },
      h('h2', { text: `${versions[i][0]?.name || id} (${id})` }),
      table([{ label: 'Version', value: (v) => v.version }, { label: 'Name', value: (v) => v.name },
        { label: 'In use', value: (v) => (v.inUse ? 'Yes: used by assessments' : 'Not yet') },
        { label: 'Published', value: (v) => `${String(v.publishedAt || '').slice(0, 10)}${v.publishedBy ? ` by ${v.publishedBy}` : ''}` },
        { label: 'Origin', value: (v) => v.origin || '—' }], versions[i], `Versions of ${id}`))));
  }, 'Loading models…');
}
