// Chart.js (window.Chart from the WebJar) with the dashboards' defaults; every chart comes with its data as a table.
import { h, table } from './ui.js';

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
 * A chart in a labelled box, followed by a collapsible table of the same figures (for screen readers and print).
 * config is a Chart.js configuration; tableColumns/tableRows describe the data table.
 */
export function chartCard({ id, title, description, config, tableColumns, tableRows }) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': `${title}. ${description || ''}`.trim() });
  const box = h('div', { class: 'chart-box' }, canvas);
  const card = h('section', { class: 'card', 'aria-label': title },
    h('h2', { text: title }), description ? h('p', { class: 'muted small', text: description }) : null, box,
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
