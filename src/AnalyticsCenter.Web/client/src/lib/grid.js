// A results table: column headers, rows, instants shown in the chosen time zone, values in their units by column meaning
// (rates as percentages, durations in h/min/s, countries by name; the raw value on hover), NULL shown as such or as a
// report's "(none)".
import { h } from './dom.js';
import { columnTitle, formatValue, kindOf } from './format.js';
import { formatInstant, looksLikeInstant } from './timezone.js';

function cell(column, value, nullText) {
  if (value === null || value === undefined) return h('td', { class: 'null' }, nullText);
  if (looksLikeInstant(value)) return h('td', { class: 'time', title: `${value} (UTC)` }, formatInstant(value));
  if (typeof value === 'object') return h('td', {}, JSON.stringify(value));
  const shown = formatValue(column, value);
  if (shown === null) return h('td', {}, String(value));
  const kind = kindOf(column);
  return h('td', { class: typeof value === 'number' ? 'num' : kind, title: kind === 'plain' ? undefined : String(value) }, shown);
}

export function columnsOf(rows) {
  return rows.length ? Object.keys(rows[0]) : [];
}

/**
 * A table of rows. Options: titles (headings for people instead of column names, the name on hover), nullText ("NULL"
 * for SQL results, "(none)" in reports), empty (what to show instead of a table when there are no rows).
 */
export function grid(rows, columns = columnsOf(rows), { titles = false, nullText = 'NULL', empty } = {}) {
  if (!rows.length) return empty ?? h('p', { class: 'muted empty' }, 'No rows.');
  return h('div', { class: 'grid-scroll' },
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', title: titles ? column : undefined },
        titles ? columnTitle(column) : column)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((column) => cell(column, row[column], nullText)))))));
}
