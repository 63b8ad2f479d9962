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

export async function render(main) {
  const box = h('section', { class: 'card bi-access' });
  replace(main, h('div', { class: 'page-head' }, h('h1', {}, 'Settings')), box);
  await section(box);
}
