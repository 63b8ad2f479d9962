// Reports: the nine ready analyses, each a link to its dashboard.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';

export async function render(main) {
  const reports = await api.get('/reports');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Reports'),
      h('p', { class: 'muted' }, 'Ready analyses of this workspace, each with filters, a chart, its table and its exact SQL.')),
    h('div', { class: 'cards reports' }, reports.map((report) => h('a', { class: 'card report-card', href: `/reports/${report.name}` },
      h('h2', {}, report.title), h('p', {}, report.description)))));
}
