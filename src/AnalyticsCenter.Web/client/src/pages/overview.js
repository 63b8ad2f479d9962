// Overview: a dashboard of the chosen days. KPI cards (sessions, deployments, delivery rate, the two durations) with their
// change against the previous period of the same length and a dated trend; breakdowns (flows, inbound sources and ads,
// countries, lines, failure reasons), each row a filter for the whole page. An empty workspace gets a guide instead.
import { api } from '../lib/api.js';
import { dayChart } from '../lib/chart.js';
import { formatChange, formatDuration, formatNumber, formatPercent, h, problem, replace } from '../lib/dom.js';
import { apiFilters, filterBar, readFilters, writeFilters } from '../lib/filters.js';
import { countryName, loadCountries } from '../lib/format.js';
import { firstEventsGuide, freshness, isEmpty } from '../lib/freshness.js';
import { addDays, dayOf, zone } from '../lib/timezone.js';

/** The filters a breakdown row sets, beside the day range. */
const pageFilters = ['conversation_id', 'conversation_version', 'country', 'line', 'source', 'reason'];
const filterWords = {
  conversation_id: 'Flow', conversation_version: 'Version', country: 'Country', line: 'Line', source: 'Source', reason: 'Failure reason',
};

const channels = { meta_ad: 'Ad', meta_post: 'Post', whatsapp_link: 'Link', other: 'Other' };

/** What each breakdown shows and which filters its row sets. */
const breakdowns = [
  { name: 'flows', title: 'Top flows', unit: 'sessions', label: (row) => row.label, set: (row) => ({ conversation_id: row.key, conversation_version: String(row.version ?? '') }) },
  { name: 'sources', title: 'Inbound sources and ads', unit: 'inbound sessions',
    label: (row) => (row.key === null ? '(none)' : `${channels[row.detail] ?? row.detail} · ${row.label}`), set: (row) => ({ source: row.key }) },
  { name: 'countries', title: 'Countries', unit: 'sessions', label: (row) => countryName(row.key), set: (row) => ({ country: row.key }) },
  { name: 'lines', title: 'Busiest lines', unit: 'sessions', label: (row) => row.label, set: (row) => ({ line: row.key }) },
  { name: 'reasons', title: 'Failure reasons', unit: 'failed deployments', label: (row) => row.label ?? '(no reason given)', set: (row) => ({ reason: row.key }) },
];

function changeBadge(change, { points = false, good = 'up' } = {}) {
  if (change === null || change === undefined) return h('span', { class: 'change none' }, 'no previous data');
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const tone = good === 'neutral' || direction === 'flat' ? 'neutral' : direction === good ? 'good' : 'bad';
  return h('span', { class: `change ${tone}` }, `${direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■'} ${formatChange(change, points)}`);
}

function card({ title, value, change, previous, versus, days, series, kind, color }) {
  const chart = h('div', { class: 'trend', role: 'img', 'aria-label': `${title} by day` });
  const element = h('section', { class: 'card metric' },
    h('h2', {}, title),
    h('p', { class: 'value' }, value),
    h('p', { class: 'versus' }, change, ' ', h('span', { class: 'muted' }, `vs ${previous} ${versus}`)),
    chart);
  return { element, draw: () => dayChart(chart, days, series, { name: title, kind, color }) };
}

function breakdownPanel(spec, rows, values, apply) {
  const top = Math.max(1, ...rows.map((row) => row.value));
  const active = (row) => Object.entries(spec.set(row)).every(([name, value]) => (values[name] ?? '') === (value ?? ''));
  const items = rows.map((row) => {
    const label = spec.label(row) ?? '(none)';
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${(row.value / top) * 100}%`;
    const body = [bar, h('span', { class: 'label', title: spec.name === 'lines' ? `${label} (${row.key})` : label }, label),
      h('span', { class: 'count' }, formatNumber(row.value))];
    return h('li', {}, row.key === null
      ? h('span', { class: 'row', title: 'Nothing to filter by' }, body)
      : h('button', { type: 'button', class: 'row', 'aria-pressed': String(active(row)), onclick: () => apply(spec.set(row)) }, body));
  });
  return h('section', { class: 'card breakdown', 'data-breakdown': spec.name },
    h('div', { class: 'breakdown-head' }, h('h2', {}, spec.title), h('span', { class: 'muted' }, spec.unit)),
    rows.length ? h('ul', {}, items) : h('p', { class: 'muted' }, 'Nothing in these days.'));
}

function chips(values, clear) {
  const set = pageFilters.filter((name) => values[name]);
  if (!set.length) return null;
  return h('div', { class: 'chips', 'aria-label': 'Filters' }, set.map((name) => h('span', { class: 'chip' },
    `${filterWords[name]}: ${name === 'country' ? `${countryName(values[name])} (${values[name]})` : values[name]}`,
    h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${filterWords[name]} filter`, onclick: () => clear([name]) }, '✕'))),
  h('button', { type: 'button', class: 'link', onclick: () => clear(set) }, 'Clear all'));
}

const ratio = (a, b) => (b ? a / b : null);

async function draw(container, values, redraw) {
  replace(container, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const filters = apiFilters(values);
    const params = { tz: zone() };
    for (const name of ['from', 'to', ...pageFilters]) params[name] = filters[name];
    const [days, compare, rows] = await Promise.all([
      api.get('/overview', params), api.get('/overview/compare', params), api.get('/overview/breakdowns', params), loadCountries()]);
    const { current, previous, change } = compare;
    const labels = days.map((day) => day.day);
    const previousDays = `${dayOf(compare.previous_from)} – ${addDays(values.from, -1)}`;
    const versus = `(${previousDays})`;
    const cards = [
      card({ title: 'Sessions', value: formatNumber(current.sessions), change: changeBadge(change.sessions), previous: formatNumber(previous.sessions),
        versus, days: labels, series: days.map((d) => d.sessions), kind: 'plain', color: '#2563eb' }),
      card({ title: 'Deployments', value: formatNumber(current.deployments), change: changeBadge(change.deployments),
        previous: formatNumber(previous.deployments), versus, days: labels, series: days.map((d) => d.deployments), kind: 'plain', color: '#0891b2' }),
      card({ title: 'Delivery rate', value: formatPercent(current.delivery_rate), change: changeBadge(change.delivery_rate, { points: true }),
        previous: formatPercent(previous.delivery_rate), versus, days: labels, series: days.map((d) => ratio(d.delivered, d.deployments)),
        kind: 'percent', color: '#16a34a' }),
      card({ title: 'Average duration', value: formatDuration(current.avg_duration_s), change: changeBadge(change.avg_duration_s, { good: 'neutral' }),
        previous: formatDuration(previous.avg_duration_s), versus, days: labels,
        series: days.map((d) => ratio(d.finished_duration_s, d.finished_sessions)), kind: 'duration', color: '#ea580c' }),
      card({ title: 'Average active duration', value: formatDuration(current.avg_active_duration_s),
        change: changeBadge(change.avg_active_duration_s, { good: 'neutral' }), previous: formatDuration(previous.avg_active_duration_s), versus,
        days: labels, series: days.map((d) => ratio(d.active_duration_s, d.finished_sessions)), kind: 'duration', color: '#9333ea' }),
    ];
    const apply = (set) => redraw({ ...values, ...set });
    const clear = (names) => redraw({ ...values, ...Object.fromEntries(names.map((name) => [name, ''])) });
    replace(container,
      chips(values, clear),
      h('div', { class: 'cards kpis' }, cards.map((c) => c.element)),
      h('p', { class: 'note duration-note' },
        h('strong', {}, 'Two durations. '),
        'Duration is the product’s: finished − started, over finished sessions. A session closed for inactivity ends only after the ',
        'idle timeout, so that wait is part of it. Active duration ends at the user’s last message instead (0 when the user wrote nothing): ',
        'how long people actually talked.'),
      h('div', { class: 'breakdowns' }, breakdowns.map((spec) => breakdownPanel(spec, rows.filter((row) => row.breakdown === spec.name), values, apply))));
    cards.forEach((c) => c.draw());
  } catch (error) {
    replace(container, problem(error));
  }
}

export async function render(main, status) {
  const head = h('div', { class: 'page-head' }, h('h1', {}, 'Overview'), freshness(status));
  if (isEmpty(status)) {
    replace(main, head, firstEventsGuide(status));
    return;
  }

  const results = h('div');
  let values = readFilters(status.as_of);
  const redraw = (next) => {
    values = next;
    writeFilters(['from', 'to', ...pageFilters], values);
    replace(main, head, filterBar(['from', 'to'], values, redraw), results);
    return draw(results, values, redraw);
  };
  await redraw(values);
}
