// Agency: its own region's archive as a zip of CSV files (GET /api/v1/regions/{id}/export): the region and the regions
// inside it, their districts and programmes, and of the firms only those that consented to be seen by the region's
// programmes, with their links, enrolments, adoptions and assessments. The service decides what the archive holds.
import { regions } from '../data/registry.js';
import { exportCard } from '../exports.js';
import { h, page, empty } from '../ui.js';

export async function render(view, ctx) {
  await page(view, 'Region archive', 'Your region\'s data as files, for your own analyses or to move it to another instance.', async () => {
    const own = (await regions(ctx.signal)).find((r) => String(r.id) === String(ctx.user.regionId));
    if (!own) return empty('No region', 'Your account names no region; an administrator sets it.');
    return exportCard({ id: 'export-own-region', title: `${own.name}: region archive (zip)`,
      description: 'The region and the regions inside it, their districts and programmes, and the firms that consented to be seen by '
        + 'your region\'s programmes with their links, enrolments, adoptions and assessments. Firms that did not consent are left out. '
        + 'Each file is a CSV in the layout its import reads; README.txt in the zip gives the order.',
      request: () => ({ path: `/api/v1/regions/${encodeURIComponent(own.id)}/export`,
        filename: `region-${String(own.code).toLowerCase().replace(/[^a-z0-9]+/g, '-')}.zip` }) });
  }, 'Loading your region…');
}
