// Administrator: exports as files — firms (all or one district's), links, the validated assessments of a model version
// as CSV, a region's archive as a zip (GET /api/v1/exports/{firms,links}, /api/v1/assessments/export, /api/v1/regions/{id}/export;
// districts, models and regions chosen by name) — and registry imports by CSV upload, each a job with a progress bar and
// the rows it refused (POST /api/v1/imports/{firms,links,adoptions,employment-statistics}, POST /api/v1/assessments/import),
// and a region archive upload (POST /api/v1/regions/import: the zip of a region export, read back all or nothing).
import { h, page, field, select } from '../ui.js';
import { importCard } from '../imports.js';
import { exportCard } from '../exports.js';
import { districts, regions } from '../data/registry.js';
import { models } from '../data/assessments.js';
import { BENCHMARK_MODEL, BENCHMARK_VERSION } from '../data/benchmark.js';

const IMPORTS = [
  { id: 'import-firms', path: '/api/v1/imports/firms', title: 'Firms',
    columns: 'districtId, code, name, naceCode, employees (required); marketActor, processes, certifications, technologies' },
  { id: 'import-links', path: '/api/v1/imports/links', title: 'Links between actors',
    columns: 'from, to, type, since (required); knowledgeKind, until' },
  { id: 'import-adoptions', path: '/api/v1/imports/adoptions', title: 'Technology adoptions',
    columns: 'firmId, technologyCode, date (required); source, programmeId, reference' },
  { id: 'import-employment', path: '/api/v1/imports/employment-statistics', title: 'Employment statistics',
    columns: 'regionCode, naceCode, year, totalEmployment, industryEmployment, establishments' },
];

/** The past-assessment import of the benchmark model, titled with the model's name (its code when it is not published). */
function assessmentImport(published) {
  const m = (published || []).find((x) => x.id === BENCHMARK_MODEL && x.version === BENCHMARK_VERSION);
  return { id: 'import-assessments', path: `/api/v1/assessments/import?model=${BENCHMARK_MODEL}&version=${BENCHMARK_VERSION}`,
    title: `Past assessments (${m ? m.name : BENCHMARK_MODEL} ${BENCHMARK_VERSION}, stored as validated)`,
    columns: 'firmId, wave, date, then one column per item code' };
}

const REGION_ARCHIVE = { id: 'import-region', path: '/api/v1/regions/import', title: 'Region archive (moving a region between instances)', zip: true,
  description: 'The zip of a region export (GET /api/v1/regions/{id}/export on the other instance): regions, districts, firms, links, '
    + 'programmes, enrolments, adoptions and assessments are created in one go, or nothing when a row is refused. '
    + 'Its region codes must not exist here yet.' };

/** A file name part from a name: "Vinalopó footwear" → "vinalopo-footwear". */
function slug(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'export';
}

async function exportCards(ms, signal) {
  const [ds, rs] = await Promise.all([districts(signal), regions(signal)]);
  const district = select('district', [{ value: '', label: 'All districts' }, ...ds.map((d) => ({ value: d.id, label: d.name }))], '');
  district.id = 'export-firms-district';
  const byKey = new Map((ms || []).map((m) => [`${m.id}@${m.version}`, m]));
  const model = select('model', [...byKey].map(([key, m]) => ({ value: key, label: `${m.name} (${m.version})` })),
    byKey.has(`${BENCHMARK_MODEL}@${BENCHMARK_VERSION}`) ? `${BENCHMARK_MODEL}@${BENCHMARK_VERSION}` : '');
  model.id = 'export-assessments-model';
  const region = select('region', [{ value: '', label: 'Choose a region' }, ...rs.map((r) => ({ value: r.id, label: r.name }))], '');
  region.id = 'export-region-choice';
  const districtName = () => ds.find((d) => String(d.id) === district.value)?.name;
  return [
    exportCard({ id: 'export-firms', title: 'Firms (CSV)', fields: [field('District', district)],
      description: 'Every firm, or one district\'s, with its capabilities: the layout the firm import reads.',
      request: () => ({ path: `/api/v1/exports/firms${district.value ? `?district=${encodeURIComponent(district.value)}` : ''}`,
        filename: district.value ? `firms-${slug(districtName())}.csv` : 'firms.csv' }) }),
    exportCard({ id: 'export-links', title: 'Links between actors (CSV)', description: 'Every link: the layout the link import reads.',
      request: () => ({ path: '/api/v1/exports/links', filename: 'links.csv' }) }),
    exportCard({ id: 'export-assessments', title: 'Validated assessments (CSV)', fields: [field('Model', model)],
      description: 'The current validated assessments of one model version, with each answer and the scores.',
      missing: 'No model is published yet.',
      request: () => {
        const m = byKey.get(model.value);
        return m ? { path: `/api/v1/assessments/export?model=${encodeURIComponent(m.id)}&version=${encodeURIComponent(m.version)}`,
          filename: `assessments-${slug(m.id)}-${slug(m.version)}.csv` } : null;
      } }),
    exportCard({ id: 'export-region', title: 'Region archive (zip)', fields: [field('Region', region)], missing: 'Choose the region to export.',
      description: 'A region with its sub-regions, districts, firms, links, programmes, enrolments, adoptions and assessments: '
        + 'the archive the region import below reads on another instance.',
      request: () => {
        const r = rs.find((x) => String(x.id) === region.value);
        return r ? { path: `/api/v1/regions/${encodeURIComponent(r.id)}/export`, filename: `region-${slug(r.code)}.zip` } : null;
      } }),
  ];
}

export async function render(view, ctx) {
  await page(view, 'Imports and exports', 'Download the registries as files; upload a CSV file per registry, each import running as a job: '
    + 'follow its progress and read the rows it refused.',
  async () => {
    const published = await models(ctx.signal);
    return h('div', {},
      h('h2', { id: 'exports', text: 'Exports' }), h('div', { class: 'grid-2' }, await exportCards(published, ctx.signal)),
      h('h2', { id: 'imports', text: 'Imports' }), [importCard(REGION_ARCHIVE), ...[...IMPORTS, assessmentImport(published)].map((i) => importCard(i))]);
  });
}
