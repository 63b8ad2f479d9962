// Team (admins): the workspace's people (invite by email with a role, change a role, issue a reset link, remove), its
// API keys (create, shown once; revoke) and its read-only share links to reports (create, shown once; revoke). Links
// and keys are shown once because the store keeps only their hashes; email them yourself.
import { api } from '../lib/api.js';
import { h, problem, replace } from '../lib/dom.js';

const roles = ['viewer', 'analyst', 'admin'];
const scopes = ['read', 'ingest', 'admin'];

function select(name, options, value, label) {
  return h('select', { name, 'aria-label': label }, options.map((option) => h('option', { value: option, selected: option === value }, option)));
}

function once(label, text) {
  const copy = h('button', { type: 'button', onclick: async () => {
    await navigator.clipboard.writeText(text);
    copy.textContent = 'Copied';
  } }, 'Copy');
  return h('div', { class: 'card once', role: 'status' },
    h('p', {}, h('strong', {}, label), ' It will not be shown again.'), h('p', {}, h('code', { class: 'once-text' }, text), ' ', copy));
}

function table(className, headings, rows, empty) {
  return rows.length === 0
    ? h('p', { class: 'muted' }, empty)
    : h('table', { class: `grid ${className}` },
      h('thead', {}, h('tr', {}, headings.map((heading) => h('th', {}, heading)))),
      h('tbody', {}, rows));
}

/** Runs an action, then redraws the section, or shows the API's words. */
function act(message, action, redraw) {
  return async (event) => {
    event?.preventDefault();
    try {
      await redraw(await action());
    } catch (error) {
      replace(message, problem(error));
    }
  };
}

async function users(box, shown) {
  const list = await api.get('/users');
  const message = h('div', {});
  const redraw = (next) => users(box, next);
  const email = h('input', { type: 'email', name: 'email', placeholder: 'name@example.com', 'aria-label': 'Email', required: true });
  const role = select('role', roles, 'viewer', 'Role');
  const invite = h('form', { class: 'invite', onsubmit: act(message, async () => {
    const link = await api.post('/users', { email: email.value, role: role.value });
    return once(`Invitation for ${link.user.email}: ${sent(link)} (valid until ${link.expires_at}).`, link.url);
  }, redraw) }, email, ' ', role, ' ', h('button', { type: 'submit', class: 'primary' }, 'Invite'));
  const me = document.querySelector('.who')?.textContent;
  const rows = list.map((user) => {
    const change = select('role', roles, user.role, `Role of ${user.email}`);
    change.addEventListener('change', act(message, () => api.patch(`/users/${user.id}`, { role: change.value }), () => redraw()));
    return h('tr', { 'data-email': user.email },
      h('td', {}, user.email), h('td', {}, user.email === me ? user.role : change),
      h('td', {}, user.has_password ? 'active' : 'invited'),
      h('td', {}, user.email === me ? 'you' : [
        h('button', { type: 'button', class: 'link', onclick: act(message, async () => {
          const link = await api.post(`/users/${user.id}/password-reset`);
          return once(`Reset link for ${user.email}: ${sent(link)} (valid until ${link.expires_at}).`, link.url);
        }, redraw) }, 'Reset password'), ' ',
        h('button', { type: 'button', class: 'link danger', onclick: act(message, () => api.delete(`/users/${user.id}`), () => redraw()) }, 'Remove'),
      ]));
  });
  replace(box, h('h2', {}, 'People'),
    h('p', { class: 'muted' }, 'A viewer sees the overview, reports and tables; an analyst also runs and saves SQL; an admin also manages people, keys, share links and settings.'),
    shown, invite, message,
    table('users', ['Email', 'Role', 'State', ''], rows, 'No people yet: invite the first.'));
}

async function keys(box, shown) {
  const list = await api.get('/keys');
  const message = h('div', {});
  const redraw = (next) => keys(box, next);
  const name = h('input', { type: 'text', name: 'name', placeholder: 'loader', 'aria-label': 'Key name' });
  const scope = select('scope', scopes, 'read', 'Scope');
  const create = h('form', { class: 'create-key', onsubmit: act(message, async () => {
    const created = await api.post('/keys', { name: name.value, scope: scope.value });
    return once(`Key “${created.info.name}” (${created.info.scope}):`, created.key);
  }, redraw) }, name, ' ', scope, ' ', h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  const rows = list.map((key) => h('tr', { 'data-key': key.id },
    h('td', {}, h('code', {}, key.id)), h('td', {}, key.name), h('td', {}, key.scope), h('td', { class: 'time' }, key.created_at),
    h('td', {}, key.revoked_at ? `revoked ${key.revoked_at}` : h('button', { type: 'button', class: 'link danger',
      onclick: act(message, () => api.delete(`/keys/${key.id}`), () => redraw()) }, 'Revoke'))));
  replace(box, h('h2', {}, 'API keys'),
    h('p', { class: 'muted' }, 'Keys let programs query (read), send events (ingest) or manage the workspace (admin).'),
    shown, create, message, table('keys', ['Id', 'Name', 'Scope', 'Created', ''], rows, 'No keys.'));
}

async function shares(box, reports, shown) {
  const list = await api.get('/shares');
  const message = h('div', {});
  const redraw = (next) => shares(box, reports, next);
  const report = select('report', reports.map((r) => r.name), reports[0]?.name, 'Report');
  const filters = h('span', { class: 'share-filters' });
  const drawFilters = () => {
    const chosen = reports.find((r) => r.name === report.value);
    replace(filters, (chosen?.parameters ?? []).map((p) => h('input', { type: 'text', name: p.name, placeholder: p.name, title: p.description, 'aria-label': p.name })));
  };
  report.addEventListener('change', drawFilters);
  drawFilters();
  const days = h('input', { type: 'number', name: 'days', min: 1, max: 365, value: 30, 'aria-label': 'Days until it expires' });
  const create = h('form', { class: 'create-share', onsubmit: act(message, async () => {
    const values = Object.fromEntries([...filters.querySelectorAll('input')].filter((i) => i.value).map((i) => [i.name, i.value]));
    const created = await api.post('/shares', { report: report.value, filters: values, expires_in_days: Number(days.value) });
    return once(`Read-only link to ${created.link.title}, until ${created.link.expires_at}:`, created.url);
  }, redraw) }, report, ' ', filters, ' ', days, ' days ', h('button', { type: 'submit', class: 'primary' }, 'Create link'));
  const rows = list.map((link) => h('tr', { 'data-share': link.id },
    h('td', {}, link.title), h('td', {}, link.filters || '–'), h('td', { class: 'time' }, link.expires_at),
    h('td', {}, link.active
      ? h('button', { type: 'button', class: 'link danger', onclick: act(message, () => api.delete(`/shares/${link.id}`), () => redraw()) }, 'Revoke')
      : link.revoked_at ? 'revoked' : 'expired')));
  replace(box, h('h2', {}, 'Share links'),
    h('p', { class: 'muted' }, 'Anyone with a link sees that one report with its filters, read-only, until it expires or is revoked.'),
    shown, create, message, table('shares', ['Report', 'Filters', 'Expires', ''], rows, 'No share links.'));
}

export async function render(main) {
  const people = h('section', { class: 'card team-users' });
  const keyBox = h('section', { class: 'card team-keys' });
  const shareBox = h('section', { class: 'card team-shares' });
  replace(main, h('h1', {}, 'Team'), people, keyBox, shareBox);
  try {
    const reports = await api.get('/reports');
    await Promise.all([users(people), keys(keyBox), shares(shareBox, reports)]);
  } catch (error) {
    replace(main, h('h1', {}, 'Team'), problem(error));
  }
}

/** Whether the server emailed the link, or the admin is to pass it on. */
function sent(link) {
  if (link.emailed) return 'emailed to them; here it is too';
  return link.email_problem ? `the email failed (${link.email_problem}), so send them this link` : 'send them this link';
}
