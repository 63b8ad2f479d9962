// Tables: sessions and deployments with their data dictionary, row counts, and a row browser with filters and keyset paging.
import { api, url } from '../lib/api.js';
import { formatNumber, h, problem, replace } from '../lib/dom.js';
import { apiFilters, filterBar, readFilters } from '../lib/filters.js';
import { loadCountries } from '../lib/format.js';
import { firstEventsGuide, isEmpty } from '../lib/freshness.js';
import { grid } from '../lib/grid.js';
import { markdown } from '../lib/markdown.js';

const pageSize = 50;
const filterNames = {
  sessions: ['from', 'to', 'conversation_id', 'conversation_version', 'country', 'line', 'type', 'status'],
  deployments: ['from', 'to', 'conversation_id', 'conversation_version', 'country', 'line', 'status'],
};
const overrides = {
  sessions: { status: { label: 'Session status', options: ['BOT', 'AGENTS', 'RATING'] } },
  deployments: {},
};

function dictionary(table) {
  return h('details', { class: 'card dictionary' },
    h('summary', {}, `Data dictionary: ${table.columns.length} columns`),
    table.notes.map((note) => h('p', { class: 'muted' }, markdown(note))),
    h('div', { class: 'grid-scroll' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', {}, 'column'), h('th', {}, 'type'), h('th', {}, 'meaning'))),
      h('tbody', {}, table.columns.map((column) => h('tr', {},
        h('td', {}, h('code', {}, column.name)),
        h('td', { class: 'nowrap' }, column.nullable ? `${column.type}, null` : column.type),
        h('td', {}, markdown(column.meaning))))))));
}

/** The row browser: one page at a time; Next follows the API's cursor, Previous goes back along the cursors seen. */
function browser(name, filters, status) {
  const body = h('div');
  const pager = h('div', { class: 'pager' });
  const cursors = [null];
  async function show(index) {
    replace(body, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const page = await api.get(`/tables/${name}`, { ...filters, limit: pageSize, cursor: cursors[index] });
      cursors[index + 1] = page.next_cursor;
      replace(body, grid(page.rows, undefined, { empty: isEmpty(status) ? firstEventsGuide(status) : undefined }));
      replace(pager,
        h('button', { type: 'button', disabled: index === 0, onclick: () => show(index - 1) }, '← Newer'),
        h('span', { class: 'muted' }, `Page ${index + 1}`),
        h('button', { type: 'button', disabled: !page.next_cursor, onclick: () => show(index + 1) }, 'Older →'));
    } catch (error) {
      replace(body, problem(error));
    }
  }
  show(0);
  return h('div', {}, body, pager);
}

function tableView(container, table, status, values) {
  const count = status[table.name];
  const filters = apiFilters(values);
  replace(container,
    h('p', { class: 'lead' }, table.description, ' ', h('strong', {}, `${formatNumber(count)} rows`), ' in this workspace.'),
    dictionary(table),
    filterBar(filterNames[table.name], values, (next) => tableView(container, table, status, next), overrides[table.name]),
    h('div', { class: 'downloads' }, 'Download the filtered rows: ',
      h('a', { href: url(`/exports/${table.name}.csv`, filters), download: `${table.name}.csv` }, 'CSV'), ' · ',
      h('a', { href: url(`/exports/${table.name}.parquet`, filters), download: `${table.name}.parquet` }, 'Parquet')),
    browser(table.name, filters, status));
}

export async function render(main, status) {
  const [dictionaryData] = await Promise.all([api.get('/dictionary'), loadCountries()]);
  const chosen = new URLSearchParams(window.location.search).get('table') === 'deployments' ? 'deployments' : 'sessions';
  const view = h('div');
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, dictionaryData.tables.map((table) =>
    h('a', {
      role: 'tab', href: `/tables?table=${table.name}`, 'aria-selected': String(table.name === chosen),
    }, `${table.name} `, h('span', { class: 'count' }, formatNumber(status[table.name])))));
  replace(main, h('div', { class: 'page-head' }, h('h1', {}, 'Tables')), tabs, view);
  const table = dictionaryData.tables.find((t) => t.name === chosen);
  tableView(view, table, status, readFilters(status.as_of));
}
