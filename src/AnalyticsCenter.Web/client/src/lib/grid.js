// A results table: column headers, rows, instants shown in the chosen time zone, NULL shown as such.
import { h } from './dom.js';
import { formatInstant, looksLikeInstant } from './timezone.js';

function cell(value) {
  if (value === null || value === undefined) return h('td', { class: 'null' }, 'NULL');
  if (typeof value === 'number') return h('td', { class: 'num' }, value.toLocaleString(undefined, { maximumFractionDigits: 4 }));
  if (looksLikeInstant(value)) return h('td', { class: 'time', title: `${value} (UTC)` }, formatInstant(value));
  if (typeof value === 'object') return h('td', {}, JSON.stringify(value));
  return h('td', {}, String(value));
}

export function columnsOf(rows) {
  return rows.length ? Object.keys(rows[0]) : [];
}

export function grid(rows, columns = columnsOf(rows)) {
  if (!rows.length) return h('p', { class: 'muted empty' }, 'No rows.');
  return h('div', { class: 'grid-scroll' },
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((column) => cell(row[column])))))));
}
