// Chart.js (window.Chart from the WebJar) with the dashboards' defaults; every chart comes with its data as a table,
// and downloads as a PNG image and its figures as CSV.
import { h, table } from './ui.js';
import { saveBlob } from './transfer.js';

export const palette = ['#1f5fae', '#d9730d', '#1b7f4b', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#b7950b'];
const live = new Set();

/** Destroys the charts of the previous view (called on navigation). */
export function destroyCharts() {
  for (const c of live) c.destroy();
  live.clear();
}

export function chartsAvailable() {
  return typeof window.Chart === 'function';
}

/**
 * A long axis label as lines of at most `width` characters, broken between words (a word longer than that keeps its own
 * line): Chart.js draws an array label one line per element, so the radar's dimension names do not run into each other.
 */
export function wrapLabel(text, width = 16) {
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length > 1 ? lines : lines[0] ?? '';
}

/**
 * A chart in a labelled box, followed by a collapsible table of the same figures (for screen readers and print).
 * config is a Chart.js configuration; tableColumns/tableRows describe the data table.
 */
export function chartCard({ id, title, description, config, tableColumns, tableRows }) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': `${title}. ${description || ''}`.trim() });
  const box = h('div', { class: 'chart-box' }, canvas);
  const card = h('section', { class: 'card', 'aria-label': title },
    h('h2', { text: title }), description ? h('p', { class: 'muted small', text: description }) : null, box,
    downloads(id, title, canvas, tableColumns, tableRows),
    tableColumns ? h('details', { class: 'data-table' }, h('summary', { text: 'Show the figures as a table' }),
      table(tableColumns, tableRows, title)) : null);
  if (!chartsAvailable()) {
    box.replaceChildren(h('p', { class: 'alert alert-error', text: 'The chart library did not load; the figures are in the table below.' }));
    return card;
  }
  // Draw after the card is in the document so Chart.js can measure the box.
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    const chart = new window.Chart(canvas, withDefaults(config));
    canvas.dataset.ready = 'true';
    live.add(chart);
  });
  return card;
}

function withDefaults(config) {
  const options = config.options || {};
  return {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      ...options,
      plugins: { legend: { position: 'bottom' }, ...(options.plugins || {}) },
    },
  };
}

export function percentAxis(title, max) {
  return { title: { display: true, text: title }, min: 0, max, ticks: { callback: (v) => `${v} %` } };
}

/** A file name from the chart's title: "Benchmark: firm vs peers" → "benchmark-firm-vs-peers". */
function fileName(title) {
  return title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'chart';
}

/** A cell as plain text: the text of an element a column renders (a badge), or the value itself. */
function cellText(v) {
  if (v === null || v === undefined) return '';
  return v instanceof Node ? v.textContent : String(v);
}

/** CSV (RFC 4180) of the chart's table; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it. */
export function toCsv(columns, rows) {
  const quote = (text) => {
    const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [columns.map((c) => quote(c.label)), ...rows.map((r) => columns.map((c) => quote(cellText(c.value(r)))))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function downloads(id, title, canvas, columns, rows) {
  const name = fileName(title);
  const png = h('button', { type: 'button', class: 'button button-small', 'data-download': 'png', text: 'Download PNG' });
  png.addEventListener('click', () => {
    // draw on white: the canvas itself is transparent
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const g = copy.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, copy.width, copy.height);
    g.drawImage(canvas, 0, 0);
    copy.toBlob((blob) => saveBlob(blob, `${name}.png`), 'image/png');
  });
  const csv = columns ? h('button', { type: 'button', class: 'button button-small', 'data-download': 'csv', text: 'Download CSV' }) : null;
  csv?.addEventListener('click', () => saveBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv' }), `${name}.csv`));
  return h('div', { class: 'chart-downloads no-print', 'aria-label': `Download ${title}` }, chartsAvailable() ? png : null, csv);
}
