// Administrator: registry imports by CSV upload, each a job with a progress bar and the rows it refused
// (POST /api/v1/imports/{firms,links,adoptions,employment-statistics}, POST /api/v1/assessments/import).
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

export async function render(view) {
  await page(view, 'Registry imports', 'Upload a CSV file per registry; each import runs as a job: follow its progress and read the rows it refused.',
    async () => h('div', {}, IMPORTS.map((i) => importCard(i))));
}
