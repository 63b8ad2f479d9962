// Audit (admins): the workspace's audit log, newest first: who (a person, an embedded person and their host, a key or
// the command line), when, what, to what, and how it ended. "Older" fetches the next page.
import { api } from '../lib/api.js';
import { h, problem, replace } from '../lib/dom.js';
import { formatInstant } from '../lib/timezone.js';

const pageSize = 100;

function row(entry) {
  const thing = [entry.object_name, entry.object_id && entry.object_name ? `(${entry.object_id})` : entry.object_id].filter(Boolean).join(' ');
  return h('tr', { 'data-action': entry.action, class: entry.outcome === 'Refused' ? 'refused' : '' },
    h('td', { class: 'time' }, formatInstant(entry.at)), h('td', { title: entry.by.email ?? '' }, entry.actor), h('td', {}, entry.action),
    h('td', {}, thing || '–'), h('td', {}, entry.outcome.toLowerCase()), h('td', {}, entry.detail));
}

export async function render(main) {
  const body = h('tbody', {});
  const more = h('div', {});
  const message = h('div', {});
  const load = async (before) => {
    try {
      const page = await api.get('/audit', { limit: pageSize, before });
      body.append(...page.entries.map(row));
      replace(more, page.next_before === null ? [] : h('button', { type: 'button', onclick: () => load(page.next_before) }, 'Older'));
    } catch (error) {
      replace(message, problem(error));
    }
  };
  replace(main, h('h1', {}, 'Audit log'),
    h('p', { class: 'muted' }, 'Who signed in, opened the embedded tab, or changed saved queries, subscriptions, alerts, keys, BI access, uploads, settings and people. Kept for a year.'),
    message,
    h('table', { class: 'grid audit' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Object', 'Outcome', 'Detail'].map((t) => h('th', {}, t)))), body),
    more);
  await load();
}
