// One report as a dashboard: the shared filters (and its own grouping), a chart, its table, CSV, and its exact SQL.
import { api, url } from '../lib/api.js';
import { rowsChart } from '../lib/chart.js';
import { h, problem, replace } from '../lib/dom.js';
import { apiFilters, filterBar, readFilters } from '../lib/filters.js';
import { grid } from '../lib/grid.js';
import { zone } from '../lib/timezone.js';

// The filter bar's names for the reports' parameters.
const filterOf = { session_type: 'type', delivery_status: 'status' };
const label = (row, ...columns) => columns.map((column) => row[column] ?? '(none)').join(' · ');

/** What each report's chart shows. */
const charts = {
  'drop-off': { kind: 'bar', x: 'last_node_id', ys: ['sessions'] },
  'meta-attribution': { kind: 'bar', x: (row) => label(row, 'meta_source_type', 'meta_source_id'), ys: ['sessions', 'handed_to_agents'] },
  'duration-trend': { kind: 'line', x: 'period_start', ys: ['avg_duration_s', 'median_duration_s'] },
  retention: { kind: 'line', x: 'cohort_day', ys: ['day_1_rate', 'day_7_rate', 'day_30_rate'], percent: true },
  'inbound-sources': { kind: 'bar', x: (row) => label(row, 'channel', 'source'), ys: ['sessions'] },
  'delivery-rate': { kind: 'line', x: 'group', ys: ['delivery_rate'], percent: true },
  'failure-reasons': { kind: 'bar', x: 'status_detail', ys: ['failed'] },
  'outbound-funnel': { kind: 'bar', x: (row) => label(row, 'conversation_id', 'campaign_name'), ys: ['deployments', 'delivered', 'replied'] },
  countries: { kind: 'bar', x: 'user_country_code', ys: ['deployments', 'delivered', 'sessions'] },
};

const notes = {
  retention: 'Returned on day N: the user started a session on the N-th calendar day after the day of their first session, ' +
    'both days taken in the chosen time zone. A rate is empty while day N is later than the last day with data.',
  'delivery-rate': 'Days and weeks are taken in the chosen time zone; a week starts on Monday.',
  'duration-trend': 'Durations are in seconds, over finished sessions; days and weeks in the chosen time zone.',
};

function chartRows(rows, spec) {
  if (typeof spec.x !== 'function') return { rows, x: spec.x };
  return { rows: rows.map((row) => ({ ...row, label: spec.x(row) })), x: 'label' };
}

async function draw(container, report, values) {
  const params = report.parameters.some((p) => p.name === 'tz') ? { tz: zone() } : {};
  const filters = apiFilters(values);
  for (const parameter of report.parameters) {
    const value = filters[filterOf[parameter.name] ?? parameter.name];
    if (value && parameter.name !== 'tz') params[parameter.name] = value;
  }
  replace(container, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const rows = await api.get(`/reports/${report.name}`, params);
    const spec = { ...charts[report.name] };
    if (report.name === 'delivery-rate' && ['conversation', 'country', 'line'].includes(params.by)) spec.kind = 'bar';
    const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `${report.title} chart` });
    replace(container,
      h('div', { class: 'downloads' },
        h('a', { href: `/sql?${new URLSearchParams({ report: report.name, ...params })}` }, 'Open in SQL'), ' · ',
        h('a', { href: url(`/reports/${report.name}`, { ...params, format: 'csv' }), download: `${report.name}.csv` }, 'CSV')),
      rows.length ? h('section', { class: 'card' }, chart) : null,
      h('section', { class: 'card' }, grid(rows)));
    if (rows.length) {
      const shaped = chartRows(rows, spec);
      rowsChart(chart, shaped.rows, { ...spec, x: shaped.x });
    }
  } catch (error) {
    replace(container, problem(error));
  }
}

export async function render(main, status) {
  const name = decodeURIComponent(window.location.pathname.split('/').pop());
  const report = (await api.get('/reports')).find((r) => r.name === name);
  const names = report.parameters.map((p) => filterOf[p.name] ?? p.name).filter((p) => p !== 'tz');
  const values = readFilters(status.as_of);
  const results = h('div');
  replace(main,
    h('div', { class: 'page-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '/reports' }, 'Reports'), ' /'),
      h('h1', {}, report.title),
      h('p', { class: 'muted' }, report.description),
      notes[name] ? h('p', { class: 'note' }, notes[name]) : null),
    filterBar(names, values, (next) => draw(results, report, next)),
    results);
  await draw(results, report, values);
}
