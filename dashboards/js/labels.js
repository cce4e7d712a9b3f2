// Names instead of codes, from the service's label catalogue (GET /api/v1/labels: the same names the printable report
// and server-side documents use) and the district, region and institution registries. The router loads them once per session before a view
// renders, so views call the synchronous functions below. A code without a name is shown in words, never dropped.
import { api, itemsOf, query } from './api.js';

let loaded = null;
let catalogue = { technologies: {}, bands: {}, nace: {}, services: {}, sizeClasses: {}, statuses: {}, confidence: {} };
let districtNames = new Map();
let regionNames = new Map();
let institutionNames = new Map();

function words(code) {
  return String(code ?? '').toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** Loads the catalogue and district names once; later calls return the same promise. Never rejects. */
export function loadLabels() {
  if (!loaded) {
    loaded = Promise.all([
      api('/api/v1/labels').then((c) => { catalogue = { ...catalogue, ...c }; }),
      api(`/api/v1/districts${query({ size: 500 })}`).then((b) => { districtNames = new Map(itemsOf(b).map((d) => [String(d.id), d.name])); }),
      api(`/api/v1/regions${query({ size: 500 })}`).then((b) => { regionNames = new Map(itemsOf(b).map((r) => [String(r.id), r.name])); }),
      api(`/api/v1/institutions${query({ size: 500 })}`).then((b) => { institutionNames = new Map(itemsOf(b).map((i) => [String(i.id), i.name])); }),
    ]).catch((e) => {
      loaded = null;
      console.warn('labels not loaded; codes are shown in words', e?.message);
    });
  }
  return loaded || Promise.resolve();
}

/** Forgets the names (on sign-out: another user may see other districts). */
export function resetLabels() {
  loaded = null;
  districtNames = new Map();
  regionNames = new Map();
  institutionNames = new Map();
}

/** The four roles as the dashboards name them (the Users view's choices too). */
export const ROLES = [{ value: 'FIRM_USER', label: 'Firm user' }, { value: 'RTI_ASSESSOR', label: 'RTI assessor' },
  { value: 'AGENCY_ANALYST', label: 'Agency analyst' }, { value: 'ADMIN', label: 'Administrator' }];
const ROLE_NAMES = Object.fromEntries(ROLES.map((r) => [r.value, r.label]));

/** The catalogue's technologies as [{code, name}], for pickers that offer names and send codes. */
export function technologies() {
  return Object.entries(catalogue.technologies).map(([code, name]) => ({ code, name }));
}

/** The programme services as [{code, name}] (audit, training, …), for forms that offer names and send codes. */
export function services() {
  return Object.entries(catalogue.services).map(([code, name]) => ({ code, name }));
}

/** The size classes as [{code, name}], smallest first as the catalogue lists them. */
export function sizeClasses() {
  return Object.entries(catalogue.sizeClasses).map(([code, name]) => ({ code, name }));
}

export const label = {
  /** "RTI assessor" for RTI_ASSESSOR. */
  role: (code) => ROLE_NAMES[code] || words(code),
  /** "ERP / MES" for ERP_MES, as the technology catalogue names it. */
  technology: (code) => catalogue.technologies[code] || words(code),
  /** "Moderately advanced" for MODERATELY_ADVANCED, as the assessment model names the band. */
  band: (code) => (code ? catalogue.bands[code] || words(code) : ''),
  /** "15.20 Manufacture of footwear"; a class not in the table is described by its division. */
  nace: (code) => {
    if (!code) return '';
    const d = catalogue.nace[code] || catalogue.nace[String(code).slice(0, 2)];
    return d ? `${code} ${d}` : String(code);
  },
  service: (code) => catalogue.services[code] || words(code),
  sizeClass: (code) => catalogue.sizeClasses[code] || words(code),
  status: (code) => catalogue.statuses[code] || words(code),
  confidence: (code) => catalogue.confidence[code] || words(code),
  /** The district's name, or "district N" when the user cannot see it. */
  district: (id) => districtNames.get(String(id)) || `district ${id}`,
  /** The region's name, or "region N". */
  region: (id) => regionNames.get(String(id)) || `region ${id}`,
  /** The institution's name (an RTI, a university, …), or "institution N". */
  institution: (id) => institutionNames.get(String(id)) || `institution ${id}`,
};
