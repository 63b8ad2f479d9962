// Overview: how fresh the data is, and sessions, delivery rate and average duration over the chosen days, each with its trend.
import { api } from '../lib/api.js';
import { sparkline } from '../lib/chart.js';
import { formatDuration, formatNumber, formatPercent, h, problem, replace } from '../lib/dom.js';
import { apiFilters, filterBar, readFilters } from '../lib/filters.js';
import { describeInstant, zone } from '../lib/timezone.js';

function freshness(status) {
  const next = status.next_refresh_at ? `next refresh at ${describeInstant(status.next_refresh_at)}` : 'refreshed on demand';
  const waiting = status.events_waiting ? ` · ${formatNumber(status.events_waiting)} events wait for the next refresh` : '';
  return h('p', { class: 'freshness' },
    status.as_of ? `Data as of ${describeInstant(status.as_of)}, ${next}` : `No refresh yet, ${next}`, waiting);
}

function card(title, value, note, labels, series, color) {
  const chart = h('div', { class: 'spark', role: 'img', 'aria-label': `${title} by day` });
  const element = h('section', { class: 'card metric' },
    h('h2', {}, title), h('p', { class: 'value' }, value), h('p', { class: 'muted' }, note), chart);
  return { element, draw: () => sparkline(chart, labels, series, color) };
}

async function draw(container, values) {
  replace(container, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const filters = apiFilters(values);
    const days = await api.get('/overview', { from: filters.from, to: filters.to, tz: zone() });
    const sum = (name) => days.reduce((total, day) => total + day[name], 0);
    const labels = days.map((day) => day.day);
    const finished = sum('finished_sessions');
    const deployments = sum('deployments');
    const cards = [
      card('Sessions', formatNumber(sum('sessions')), `${formatNumber(finished)} finished`, labels, days.map((d) => d.sessions), '#2563eb'),
      card('Delivery rate', deployments ? formatPercent(sum('delivered') / deployments) : '–',
        `${formatNumber(sum('delivered'))} of ${formatNumber(deployments)} deployments delivered`,
        labels, days.map((d) => (d.deployments ? d.delivered / d.deployments : null)), '#16a34a'),
      card('Average duration', finished ? formatDuration(sum('finished_duration_s') / finished) : '–', 'of finished sessions',
        labels, days.map((d) => (d.finished_sessions ? Math.round(d.finished_duration_s / d.finished_sessions) : null)), '#ea580c'),
    ];
    replace(container, h('div', { class: 'cards' }, cards.map((c) => c.element)));
    cards.forEach((c) => c.draw());
  } catch (error) {
    replace(container, problem(error));
  }
}

export async function render(main, status) {
  const values = readFilters(status.as_of);
  const results = h('div');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Overview'), freshness(status)),
    filterBar(['from', 'to'], values, (next) => draw(results, next)),
    results);
  await draw(results, values);
}
