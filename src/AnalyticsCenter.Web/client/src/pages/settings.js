// Settings: the workspace's BI logins (psql, Metabase, Power BI connect to its tables directly): grant one and copy its
// URL, shown this once; list them; revoke one. Only a PostgreSQL store has them; on another the page says so.
import { api } from '../lib/api.js';
import { h, problem, replace } from '../lib/dom.js';

function granted(grant) {
  const copy = h('button', { type: 'button', onclick: async () => {
    await navigator.clipboard.writeText(grant.connection_url);
    copy.textContent = 'Copied';
  } }, 'Copy');
  return h('div', { class: 'card bi-granted', role: 'status' },
    h('p', {}, h('strong', {}, `“${grant.name}” can connect now.`), ' Copy its URL: the password in it will not be shown again.'),
    h('p', {}, h('code', { class: 'bi-url' }, grant.connection_url), ' ', copy));
}

async function section(box, shown) {
  let logins;
  try {
    logins = await api.get('/bi-access');
  } catch (error) {
    // 501: the store has no network logins (DuckDB), said by the API; 403: the signed-in key is not an admin key.
    const words = error.status === 403
      ? 'Granting, listing and revoking BI logins needs an admin key: sign in with one.'
      : error.detail ?? String(error);
    replace(box, h('h2', {}, 'BI access'), h('p', { class: 'muted bi-unavailable' }, words));
    return;
  }
  const name = h('input', { type: 'text', name: 'name', placeholder: 'metabase (optional)', 'aria-label': 'Login name', pattern: '[a-z0-9_-]{1,63}' });
  const message = h('div', {});
  const form = h('form', { class: 'bi-grant', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const grant = await api.post('/bi-access', name.value ? { name: name.value } : {});
      await section(box, granted(grant));
    } catch (error) {
      replace(message, problem(error));
    }
  } }, name, ' ', h('button', { type: 'submit', class: 'primary' }, 'Grant BI access'));
  const rows = logins.map((login) => h('tr', {},
    h('td', {}, login.name), h('td', {}, h('code', {}, login.role)), h('td', { class: 'time' }, login.created_at),
    h('td', {}, h('button', { type: 'button', class: 'link danger', onclick: async () => {
      try {
        await api.delete(`/bi-access/${encodeURIComponent(login.name)}`);
        await section(box);
      } catch (error) {
        replace(message, problem(error));
      }
    } }, 'Revoke'))));
  replace(box,
    h('h2', {}, 'BI access'),
    h('p', { class: 'muted' }, 'A login for a BI tool reads this workspace’s sessions and deployments straight from the database, read-only.'),
    shown, form, message,
    logins.length === 0
      ? h('p', { class: 'muted bi-none' }, 'No BI logins yet.')
      : h('table', { class: 'grid bi-logins' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Role'), h('th', {}, 'Created'), h('th', {}, ''))),
        h('tbody', {}, rows)));
}

/** The workspace's subscriptions (run one now, remove one) and the latest deliveries with their status and reason. */
async function subscriptions(box) {
  let listed;
  let deliveries;
  try {
    [listed, deliveries] = await Promise.all([api.get('/subscriptions'), api.get('/subscriptions/deliveries')]);
  } catch (error) {
    const words = error.status === 403 ? 'Subscriptions need an admin: sign in as one.' : error.detail ?? String(error);
    replace(box, h('h2', {}, 'Subscriptions'), h('p', { class: 'muted' }, words));
    return;
  }
  const message = h('div', {});
  const act = (action) => async () => {
    try {
      await action();
      await subscriptions(box);
    } catch (error) {
      replace(message, problem(error));
    }
  };
  const names = Object.fromEntries(listed.map((s) => [s.id, s.name]));
  replace(box,
    h('h2', {}, 'Subscriptions'),
    h('p', { class: 'muted' }, 'Saved queries and reports delivered on a schedule. Subscribe from a report or a saved query.'),
    message,
    listed.length === 0
      ? h('p', { class: 'muted subscriptions-none' }, 'No subscriptions yet.')
      : h('table', { class: 'grid subscriptions' },
        h('thead', {}, h('tr', {}, ['Name', 'Source', 'Schedule', 'Channel', 'To', 'Next', 'By', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, listed.map((s) => h('tr', {},
          h('td', {}, s.name), h('td', {}, s.source === 'report' ? s.source_ref : 'saved query'), h('td', {}, s.schedule), h('td', {}, s.channel),
          h('td', {}, s.target), h('td', { class: 'time' }, s.next_slot ?? '–'), h('td', {}, s.created_by ?? '–'),
          h('td', {},
            h('button', { type: 'button', class: 'link', onclick: act(() => api.post(`/subscriptions/${s.id}/run-now`)) }, 'Run now'), ' ',
            h('button', { type: 'button', class: 'link danger', onclick: act(() => api.delete(`/subscriptions/${s.id}`)) }, 'Remove')))))),
    h('h3', {}, 'Deliveries'),
    deliveries.length === 0
      ? h('p', { class: 'muted deliveries-none' }, 'Nothing delivered yet.')
      : h('table', { class: 'grid deliveries' },
        h('thead', {}, h('tr', {}, ['Subscription', 'Slot', 'Status', 'Attempts', 'Reason'].map((t) => h('th', {}, t)))),
        h('tbody', {}, deliveries.map((d) => h('tr', {},
          h('td', {}, names[d.subscription_id] ?? d.subscription_id), h('td', { class: 'time' }, d.slot), h('td', { class: `status-${d.status}` }, d.status),
          h('td', {}, String(d.attempts)), h('td', {}, d.reason ?? ''))))));
}

export async function render(main) {
  const box = h('section', { class: 'card bi-access' });
  const subscribed = h('section', { class: 'card subscriptions-card' });
  replace(main, h('div', { class: 'page-head' }, h('h1', {}, 'Settings')), box, subscribed);
  await Promise.all([section(box), subscriptions(subscribed)]);
}
