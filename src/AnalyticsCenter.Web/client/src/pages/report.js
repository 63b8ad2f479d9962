// One report as a dashboard: the shared filters (and its own grouping), a chart (or, for retention, a cohort grid), its
// table in people's units, CSV (raw), and its SQL, readable, to open in the editor.
import { api, url } from '../lib/api.js';
import { rowsChart } from '../lib/chart.js';
import { formatPercent, h, problem, replace } from '../lib/dom.js';
import { apiFilters, filterBar, readFilters } from '../lib/filters.js';
import { countryName, loadCountries } from '../lib/format.js';
import { firstEventsGuide, isEmpty } from '../lib/freshness.js';
import { grid } from '../lib/grid.js';
import { subscribeButton } from '../lib/subscribe.js';
import { zone } from '../lib/timezone.js';

// The filter bar's names for the reports' parameters.
const filterOf = { session_type: 'type', delivery_status: 'status' };
// Fields whose choices differ by report: Meta attribution with ad_spend is one row per ad over the range unless asked.
const filterOverrides = { 'meta-attribution': { grain: { options: ['day', 'week'], emptyLabel: 'total' } } };
const none = '(none)';
const label = (row, ...columns) => columns.map((column) => row[column] ?? none).join(' · ');
const channels = { meta_ad: 'Ad', meta_post: 'Post', whatsapp_link: 'Link', outbound: 'Outbound', other: 'Other', none: 'No session' };

/** What each report's chart shows: x a column or a row's label, ys the value columns, the axes' titles. */
const charts = {
  'drop-off': { kind: 'bar', x: (row) => `${row.step}. ${row.last_node_id}`, ys: ['reached', 'sessions'], xTitle: 'Node, in flow order',
    yTitle: 'Sessions' },
  'meta-attribution': { kind: 'bar',
    x: (row) => (row.period_start ? `${row.period_start} · ` : '') + (row.meta_source_headline ?? row.meta_source_id ?? none), ys: ['sessions', 'handed_to_agents'],
    xTitle: 'Ad or post (headline)', yTitle: 'Sessions' },
  'duration-trend': { kind: 'line', x: 'period_start', ys: ['avg_duration_s', 'median_duration_s', 'avg_active_duration_s', 'median_active_duration_s'],
    xTitle: 'Period start', yTitle: 'Duration' },
  'inbound-sources': { kind: 'bar', x: (row) => (row.source === null ? `${channels[row.channel]} · ${none}` : `${channels[row.channel]} · ${row.name ?? row.source}`),
    ys: ['sessions'], xTitle: 'Source', yTitle: 'Inbound sessions' },
  'delivery-rate': { kind: 'line', x: (row) => row.group, ys: ['delivery_rate'], xTitle: 'Group', yTitle: 'Delivery rate' },
  'failure-reasons': { kind: 'bar', x: 'status_detail', ys: ['failed'], xTitle: 'Reason', yTitle: 'Failed deployments' },
  'outbound-funnel': { kind: 'bar', x: (row) => label(row, 'conversation_id', 'campaign_name'), ys: ['deployments', 'delivered', 'replied'],
    xTitle: 'Conversation · campaign', yTitle: 'Deployments' },
  countries: { kind: 'bar', x: (row) => ('tag' in row && row.user_country_code === null ? row.tag ?? none : countryName(row.user_country_code)),
    ys: ['deployments', 'delivered', 'sessions'], xTitle: 'Country or tag', yTitle: 'Count' },
  conversions: { kind: 'bar', x: (row) => `${channels[row.channel]} · ${row.name ?? row.source ?? none}`, ys: ['sessions'], xTitle: 'Source',
    yTitle: 'Sessions' },
};

const notes = {
  retention: 'Returned on day N: the user started a session on the N-th calendar day after the day of their first session, ' +
    'both days taken in the chosen time zone; by week, in the N-th week after the week (from Monday) of their first session. ' +
    'Only periods a 30-day window can hold are offered; a cell is empty (…) while its day or week is not over in the data.',
  'delivery-rate': 'Days and weeks are taken in the chosen time zone; a week starts on Monday.',
  'duration-trend': 'Duration is the product’s: finished − started, over finished sessions; a session closed for inactivity ends only ' +
    'after the idle timeout, so that wait is part of it. Active duration ends at the user’s last message instead (0 when the user ' +
    'wrote nothing): how long people actually talked. Days and weeks in the chosen time zone.',
  'drop-off': 'A funnel of one flow: “reached” counts the sessions that got to a node (stopped there or later), “sessions” those that ' +
    'stopped there. The data holds no flow definition, so nodes are put in the order sessions reach them: by how far into the session ' +
    'the user’s last message came, on average, in sessions that stopped there.',
};

/** Is this row a catch-all ("other", "(none)") that may dwarf the rest? */
const isCatchAll = (text) => text.includes(none) || /(^|· )(other|Other)( ·|$)/.test(text) || text === '(no reason given)';

/** The retention rows as a grid: a row per cohort, a column per period, each cell coloured by its rate. */
function cohortGrid(rows) {
  const periods = [...new Set(rows.map((row) => row.period))];
  const cohorts = [...new Set(rows.map((row) => row.cohort_start))];
  const byKey = new Map(rows.map((row) => [`${row.cohort_start}|${row.period}`, row]));
  const top = Math.max(0.0001, ...rows.map((row) => row.return_rate ?? 0));
  const cell = (row) => {
    if (row.return_rate === null) return h('td', { class: 'cohort-cell pending', title: 'not over yet in the data' }, '…');
    const td = h('td', { class: 'cohort-cell', title: `${row.returned_users} of ${row.cohort_users} users returned` }, formatPercent(row.return_rate));
    td.style.backgroundColor = `rgba(37, 99, 235, ${(0.08 + 0.72 * (row.return_rate / top)).toFixed(3)})`;
    if (row.return_rate / top > 0.6) td.classList.add('strong');
    return td;
  };
  return h('div', { class: 'grid-scroll' }, h('table', { class: 'grid cohort-grid' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Cohort'), h('th', { scope: 'col' }, 'Users'),
      periods.map((period) => h('th', { scope: 'col' }, period.replace(/^(day|week)/, (word) => word.charAt(0).toUpperCase() + word.slice(1)))))),
    h('tbody', {}, cohorts.map((cohort) => {
      const first = byKey.get(`${cohort}|${periods[0]}`);
      return h('tr', {}, h('th', { scope: 'row' }, cohort), h('td', { class: 'num' }, first.cohort_users.toLocaleString()),
        periods.map((period) => cell(byKey.get(`${cohort}|${period}`))));
    }))));
}

/** The chart with its controls: leave out catch-all rows, a logarithmic scale. */
function chartPanel(rows, spec) {
  const labelled = rows.map((row) => ({ ...row, label: typeof spec.x === 'function' ? spec.x(row) : row[spec.x] ?? none }));
  const hasCatchAll = spec.kind === 'bar' && labelled.some((row) => isCatchAll(String(row.label)));
  const exclude = h('input', { type: 'checkbox', name: 'exclude-other' });
  const log = h('input', { type: 'checkbox', name: 'log-scale' });
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': 'chart' });
  const draw = () => rowsChart(chart, exclude.checked ? labelled.filter((row) => !isCatchAll(String(row.label))) : labelled,
    { ...spec, x: 'label', log: log.checked });
  exclude.addEventListener('change', draw);
  log.addEventListener('change', draw);
  const controls = h('div', { class: 'chart-options' },
    hasCatchAll ? h('label', { class: 'check' }, exclude, 'Leave out “other” and “(none)”') : null,
    spec.kind === 'bar' ? h('label', { class: 'check' }, log, 'Log scale') : null);
  return { element: h('section', { class: 'card' }, controls, chart), draw };
}

async function draw(container, report, values, status) {
  const params = report.parameters.some((p) => p.name === 'tz') ? { tz: zone() } : {};
  const filters = apiFilters(values);
  for (const parameter of report.parameters) {
    const value = filters[filterOf[parameter.name] ?? parameter.name];
    if (value && parameter.name !== 'tz') params[parameter.name] = value;
  }
  replace(container, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const [rows] = await Promise.all([api.get(`/reports/${report.name}`, params), loadCountries()]);
    const spec = { ...charts[report.name] };
    // With uploads a report gains columns (conversions, spend): the chart shows them when they are there.
    if (rows.length && 'conversions' in rows[0] && ['conversions', 'countries', 'meta-attribution'].includes(report.name)) {
      spec.ys = [...spec.ys, 'conversions'];
    }
    if (report.name === 'delivery-rate' && ['conversation', 'country', 'line'].includes(params.by)) spec.kind = 'bar';
    if (report.name === 'delivery-rate' && params.by === 'country') spec.x = (row) => countryName(row.group);
    const chart = rows.length && spec.ys ? chartPanel(rows, spec) : null;
    replace(container,
      h('div', { class: 'downloads' },
        h('a', { href: `/sql?${new URLSearchParams({ report: report.name, ...params })}` }, 'Open in SQL'), ' · ',
        h('a', { href: url(`/reports/${report.name}`, { ...params, format: 'csv' }), download: `${report.name}.csv` }, 'CSV')),
      report.name === 'retention' && rows.length ? h('section', { class: 'card' }, cohortGrid(rows)) : null,
      chart?.element,
      h('section', { class: 'card' }, grid(rows, undefined, {
        titles: true, nullText: none, empty: isEmpty(status) ? firstEventsGuide(status) : h('p', { class: 'muted empty' }, 'No rows for these filters.'),
      })));
    chart?.draw();
  } catch (error) {
    replace(container, problem(error));
  }
}

/** The filters a subscription keeps: the page's own, but not its time window (each delivery covers its own time). */
function standingFilters(report) {
  const query = new URLSearchParams(window.location.search);
  const kept = {};
  for (const parameter of report.parameters) {
    if (!['from', 'to', 'tz'].includes(parameter.name) && query.get(parameter.name)) kept[parameter.name] = query.get(parameter.name);
  }
  return kept;
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
      notes[name] ? h('p', { class: 'note' }, notes[name]) : null,
      // Which uploads would add columns, for this workspace (the API's notes).
      (report.notes ?? []).map((note) => h('p', { class: 'note upload-note' }, note)),
      subscribeButton({ name: report.title, body: { report: name, parameters: standingFilters(report) } })),
    filterBar(names, values, (next) => draw(results, report, next, status), filterOverrides[name]),
    results);
  await draw(results, report, values, status);
}
