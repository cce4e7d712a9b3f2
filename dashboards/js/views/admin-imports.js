// Administrator: registry imports by CSV upload, each a job with a progress bar and the rows it refused
// (POST /api/v1/imports/{firms,links,adoptions,employment-statistics}, POST /api/v1/assessments/import), and a region
// archive upload (POST /api/v1/regions/import: the zip of a region export, read back all or nothing).
import { h, page } from '../ui.js';
import { importCard } from '../imports.js';
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
  { id: 'import-assessments', path: `/api/v1/assessments/import?model=${BENCHMARK_MODEL}&version=${BENCHMARK_VERSION}`,
    title: `Past assessments (${BENCHMARK_MODEL} ${BENCHMARK_VERSION}, stored as validated)`, columns: 'firmId, wave, date, then one column per item code' },
];

const REGION_ARCHIVE = { id: 'import-region', path: '/api/v1/regions/import', title: 'Region archive (moving a region between instances)', zip: true,
  description: 'The zip of a region export (GET /api/v1/regions/{id}/export on the other instance): regions, districts, firms, links, '
    + 'programmes, enrolments, adoptions and assessments are created in one go, or nothing when a row is refused. '
    + 'Its region codes must not exist here yet.' };

export async function render(view) {
  await page(view, 'Registry imports', 'Upload a CSV file per registry; each import runs as a job: follow its progress and read the rows it refused.',
    async () => h('div', {}, [importCard(REGION_ARCHIVE), ...IMPORTS.map((i) => importCard(i))]));
}
