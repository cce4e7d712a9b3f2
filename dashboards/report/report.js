// Printable benchmark report: fetches the report JSON with the dashboards' session token and draws
// the radar (firm vs peer P50/P75) and the history as inline SVG, so the page prints without a chart library.
const SESSION_KEY = 'i4.session';
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
const fmt = (v, d = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const SVG = 'http://www.w3.org/2000/svg';
// Names instead of codes come from the service's label catalogue (GET /api/v1/labels), the one source the dashboards
// and the PDF use; a code the catalogue lacks reads as its words (MODERATELY_ADVANCED → "Moderately advanced").
const words = (code) => (code ? String(code).charAt(0) + String(code).slice(1).toLowerCase().replaceAll('_', ' ') : '–');
let catalogue = { bands: {}, services: {}, sizeClasses: {}, nace: {} };
const label = {
  band: (code) => (code ? catalogue.bands[code] || words(code) : '–'),
  service: (code) => catalogue.services[code] || words(code),
  sizeClass: (code) => catalogue.sizeClasses[code] || words(code),
  /** "15 Manufacture of leather and related products"; a code without a description alone. */
  nace: (code) => (catalogue.nace[code] ? `${code} ${catalogue.nace[code]}` : String(code)),
};

function token() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY))?.accessToken ?? null;
  } catch {
    return null;
  }
}

function reportQuery() {
  return new URLSearchParams({
    model: params.get('model') ?? 'digital-maturity',
    version: params.get('version') ?? '1.0.0',
    peers: params.get('peers') ?? 'district,sector,size',
  });
}

async function get(path) {
  const headers = { Accept: 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const res = await fetch(path, { headers });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail ?? `HTTP ${res.status}`);
  return body;
}

/** The report, the firm (for its name), its district (for the peer group in words) and the label catalogue. */
async function load() {
  const firm = encodeURIComponent(params.get('firm'));
  const report = await get(`/api/v1/firms/${firm}/benchmark?${reportQuery()}`);
  catalogue = { ...catalogue, ...await get('/api/v1/labels').catch(() => ({})) };
  const profile = await get(`/api/v1/firms/${firm}`).catch(() => null);
  const district = profile ? await get(`/api/v1/districts/${profile.districtId}`).catch(() => null) : null;
  return { report, profile, district };
}

/** The PDF of the same report, fetched with the token and saved (a plain link would carry no token). */
async function downloadPdf() {
  const headers = {};
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const res = await fetch(`/api/v1/firms/${encodeURIComponent(params.get('firm'))}/benchmark/report.pdf?${reportQuery()}`, { headers });
  if (!res.ok) {
    $('error').hidden = false;
    $('error').textContent = `The PDF could not be made (HTTP ${res.status}).`;
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: `benchmark-firm-${params.get('firm')}.pdf` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function el(name, attrs = {}, parent) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (parent) parent.appendChild(e);
  return e;
}

function radar(report) {
  const dims = report.dimensions;
  const w = 440, hgt = 340, c = w / 2, cy = hgt / 2, r = 110;
  const svg = el('svg', { viewBox: `0 0 ${w} ${hgt}`, width: '100%', role: 'img', 'aria-label': 'Radar of firm vs peers' });
  const point = (i, v) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / dims.length;
    return [c + Math.cos(a) * r * (v / 100), cy + Math.sin(a) * r * (v / 100)];
  };
  [25, 50, 75, 100].forEach((ring) => el('polygon', { points: dims.map((_, i) => point(i, ring).join(',')).join(' '), fill: 'none', stroke: '#dde1e6' }, svg));
  dims.forEach((d, i) => {
    const [x, y] = point(i, 100);
    el('line', { x1: c, y1: cy, x2: x, y2: y, stroke: '#dde1e6' }, svg);
    const [lx, ly] = point(i, 112);
    // whole names, wrapped onto lines of about 20 characters: never cut
    const lines = d.name.split(' ').reduce((acc, word) => {
      if (acc.length && `${acc[acc.length - 1]} ${word}`.length <= 20) acc[acc.length - 1] += ` ${word}`;
      else acc.push(word);
      return acc;
    }, []);
    const top = ly < cy - 5 ? ly - (lines.length - 1) * 12 : ly > cy + 5 ? ly + 8 : ly - ((lines.length - 1) * 12) / 2;
    const t = el('text', { x: lx, y: top, 'text-anchor': lx < c - 5 ? 'end' : lx > c + 5 ? 'start' : 'middle' }, svg);
    lines.forEach((line, k) => { el('tspan', { x: lx, dy: k === 0 ? 0 : 12 }, t).textContent = line; });
  });
  const series = [
    ['#8c959f', (d) => d.peers?.p50, 'p50'],
    ['#2da44e', (d) => d.peers?.p75, 'p75'],
    ['#1f6feb', (d) => d.score, 'firm'],
  ];
  series.forEach(([colour, value, name]) => {
    if (dims.some((d) => value(d) === undefined || value(d) === null)) { // suppressed or withheld: draw nothing rather than a false shape
      document.querySelector(`.legend [data-series="${name}"]`)?.remove();
      return;
    }
    el('polygon', { points: dims.map((d, i) => point(i, value(d)).join(',')).join(' '), fill: colour, 'fill-opacity': 0.12, stroke: colour, 'stroke-width': 2 }, svg);
  });
  $('radar').appendChild(svg);
}

function history(report) {
  const waves = report.history.filter((w) => w.overall !== null);
  const w = 340, h = 210, pad = 30, side = 45;
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img', 'aria-label': 'Overall score by wave' });
  [0, 25, 50, 75, 100].forEach((v) => {
    const y = h - pad - ((h - 2 * pad) * v) / 100;
    el('line', { x1: pad, x2: w - 10, y1: y, y2: y, stroke: '#eef0f2' }, svg);
    el('text', { x: pad - 4, y: y + 3, 'text-anchor': 'end' }, svg).textContent = v;
  });
  // waves sit inside the plot with room for their two-line labels (wave above its date)
  const x = (i) => (waves.length === 1 ? (w + pad) / 2 : side + ((w - 2 * side) * i) / (waves.length - 1));
  const y = (v) => h - pad - ((h - 2 * pad) * v) / 100;
  if (waves.length > 1) el('polyline', { points: waves.map((wv, i) => `${x(i)},${y(wv.overall)}`).join(' '), fill: 'none', stroke: '#1f6feb', 'stroke-width': 2 }, svg);
  waves.forEach((wv, i) => {
    el('circle', { cx: x(i), cy: y(wv.overall), r: 3.5, fill: '#1f6feb' }, svg);
    el('text', { x: x(i), y: h - 16, 'text-anchor': 'middle' }, svg).textContent = wv.wave;
    el('text', { x: x(i), y: h - 4, 'text-anchor': 'middle' }, svg).textContent = wv.date;
    el('text', { x: x(i), y: y(wv.overall) - 7, 'text-anchor': 'middle' }, svg).textContent = fmt(wv.overall);
  });
  $('history').appendChild(svg);
  const names = report.dimensions.map((d) => [d.code, d.name]);
  const cols = report.history.map((wv) => `<th>${esc(wv.wave)}<br><span class="muted">${esc(wv.date)}</span></th>`).join('');
  const rows = [['Overall', (wv) => wv.overall], ...names.map(([code, name]) => [name, (wv) => wv.dimensions[code]])]
    .map(([name, value]) => `<tr><td>${esc(name)}</td>${report.history.map((wv) => `<td>${fmt(value(wv))}</td>`).join('')}</tr>`).join('');
  $('history-table').innerHTML = `<tr><th>Dimension</th>${cols}</tr>${rows}`;
}

// Peer figures are class midpoints; a figure the API withholds (null or absent) reads "withheld", and the reasons
// are printed under the table in words (issue 17 §2: small groups get only the median).
const peerFigure = (v) => (v === null || v === undefined ? '<span class="suppressed">withheld</span>' : fmt(v));

function figures(report) {
  const head = '<tr><th>Dimension</th><th>Score</th><th>Band</th><th>Change</th><th>Peers</th><th>Mean</th><th>P25</th><th>P50</th><th>P75</th><th>P90</th><th>P50 − score</th><th>P75 − score</th></tr>';
  const metrics = [report.overall, ...report.dimensions];
  const row = (m) => {
    const p = m.peers;
    const peers = p
      ? `<td>${p.n}</td><td>${peerFigure(p.mean)}</td><td>${peerFigure(p.p25)}</td><td>${peerFigure(p.p50)}</td><td>${peerFigure(p.p75)}</td><td>${peerFigure(p.p90)}</td><td>${fmt(p.gapToMedian)}</td><td>${fmt(p.gapToP75)}</td>`
      : '<td colspan="8" class="suppressed">not shown: too few comparable firms have a score here for their figures to stay confidential</td>';
    return `<tr><td>${esc(m.name)}</td><td>${fmt(m.score)}</td><td>${esc(label.band(m.band))}</td><td>${fmt(m.change)}</td>${peers}</tr>`;
  };
  $('figures').innerHTML = head + metrics.map(row).join('');
  const resolution = metrics.find((m) => m.peers)?.peers.resolution;
  const reasons = [...new Set(metrics.map((m) => m.peers?.withheld).filter((w) => w))];
  $('privacy').innerHTML = (resolution ? `<p class="muted">Peer figures are ${Number(resolution)}-point classes, shown as the class midpoint; `
    + 'gaps are the published figure minus this firm\'s score.</p>' : '')
    + reasons.map((r) => `<p class="muted">Withheld: ${esc(r)}.</p>`).join('');
}

// The peer group in words: the firm's district by name, its NACE division and size class (never "district 3").
function group(report, profile, district) {
  const g = report.peerGroup;
  const where = district ? esc(district.name) : 'your district';
  const sector = profile ? ` in your sector (NACE ${esc(label.nace(profile.naceCode.slice(0, 2)))})` : ' in your sector';
  const size = profile ? ` and of your size (${esc(label.sizeClass(profile.sizeClass).toLowerCase())})` : ' and of your size';
  const byLevel = { 'district,sector,size': `firms of ${where}${sector}${size}`, 'district,sector': `firms of ${where}${sector}`,
    district: `firms of ${where}`, region: 'firms of your region', all: 'all firms with a validated assessment of this model' };
  const skipped = g.skipped.length ? '<p class="muted">A narrower group was not used: it has too few firms for their scores to stay confidential.</p>' : '';
  $('group').innerHTML = g.suppressed
    ? '<p class="suppressed">Figures of comparable firms are not shown: too few firms have a validated assessment of this model for their scores to stay confidential.</p>'
    : `<p>Compared with <strong>${g.n} ${byLevel[g.used] ?? 'comparable firms'}</strong>, your own firm included. Figures about other firms are shown only when at least ${report.kFloor} other firms have a validated assessment.</p>${skipped}`;
}

function advice(report) {
  const a = report.advice;
  // a gap is the published figure minus the firm's score: positive below the figure, negative above it
  const side = (gap, what) => (gap >= 0 ? `${fmt(gap)} points below ${what}` : `${fmt(-gap)} points above ${what}`);
  const gaps = (w) => [w.gapToMedian != null ? side(w.gapToMedian, "the peers' median") : '',
    w.gapToP75 != null ? side(w.gapToP75, 'P75') : ''].filter((t) => t).join(', ');
  const weak = a.weakestDimensions.map((w) => `<li>${esc(w.name)}: score ${fmt(w.score)}${gaps(w) ? `, ${gaps(w)}` : ''}</li>`).join('');
  const lift = a.lift && a.lift.nextBand
    ? `<h3>To reach ${esc(label.band(a.lift.nextBand))} (projected ${fmt(a.lift.projectedScore)}${a.lift.reachable ? '' : ', not enough on its own'})</h3><ol>`
      + a.lift.items.map((i) => `<li><strong>${esc(i.text)}</strong><br>${esc(i.advice)}</li>`).join('') + '</ol>'
    : '';
  const names = Object.fromEntries(report.dimensions.map((d) => [d.code, d.name]));
  const services = a.services.map((s) => `<li>${esc(names[s.dimension] ?? s.dimension)}: ${s.serviceTypes.map((t) => esc(label.service(t))).join(', ')}`
    + (s.offeredBy.length ? ` — offered by ${s.offeredBy.map((p) => esc(p.name)).join(', ')}` : ' — not in your current programmes') + '</li>').join('');
  $('advice').innerHTML = `<h2>What to do next</h2><p>Weakest dimensions (${a.weakestBasis === 'PEERS' ? 'relative to peers' : 'own scores'}):</p><ul>${weak}</ul>${lift}<h3>Services that address them</h3><ul>${services}</ul>`;
}

// back to the firm's page in the dashboards (a firm user's own firm opens there too)
if (/^\d+$/.test(params.get('firm') ?? '')) {
  $('back').href = `../index.html#/firms/${params.get('firm')}`;
  $('back').textContent = 'Back to the firm\'s page';
}
$('print').addEventListener('click', () => window.print());
$('download-pdf').addEventListener('click', downloadPdf);
load().then(({ report, profile, district }) => {
  $('subtitle').textContent = `${profile ? profile.name : 'Your firm'}${district ? ` · ${district.name}` : ''} · model version ${report.modelVersion} · wave ${report.wave} (${report.date})`;
  group(report, profile, district);
  radar(report);
  history(report);
  figures(report);
  advice(report);
}).catch((e) => {
  $('subtitle').textContent = '';
  $('error').hidden = false;
  $('error').textContent = `The report could not be loaded: ${e.message}. Log in on the dashboards first.`;
});
