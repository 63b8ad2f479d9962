// Alerts: a condition on a saved query's or report's number, checked after each refresh. Analysts see each alert's state
// (holding or ok), its last value and check, and the history of its notifications; admins also add alerts (a source with
// its filters, the metric watched, below / above a threshold or no rows, by email or webhook) and remove them.
import { api } from '../lib/api.js';
import { h, problem, replace } from '../lib/dom.js';
import { formatInstant } from '../lib/timezone.js';

const operators = [['below', 'is below'], ['above', 'is above'], ['no_rows', 'has no rows']];
const numberText = (value) => (value === null || value === undefined ? 'no rows' : String(Number(value.toFixed(4))));
const stateWord = (state) => (state === 'firing' ? 'holding' : 'ok');
const changeWord = (transition) => (transition === 'firing' ? 'started holding' : 'recovered');

function condition(alert) {
  return alert.operator === 'no_rows' ? 'no rows' : `${alert.operator} ${numberText(alert.threshold)}`;
}

/** The form that adds an alert; `added` redraws the list after. */
function addForm(reports, saved, added) {
  const name = h('input', { type: 'text', name: 'name', 'aria-label': 'Alert name', placeholder: 'Low delivery rate', required: true });
  const source = h('select', { name: 'source', 'aria-label': 'Source' },
    h('optgroup', { label: 'Reports' }, reports.map((r) => h('option', { value: `report:${r.name}` }, r.title))),
    saved.length ? h('optgroup', { label: 'Saved queries' }, saved.map((q) => h('option', { value: `saved:${q.id}` }, q.name))) : null);
  const filters = h('span', { class: 'alert-filters' });
  const metric = h('select', { name: 'metric', 'aria-label': 'Metric' });
  const operator = h('select', { name: 'operator', 'aria-label': 'Condition' }, operators.map(([value, words]) => h('option', { value }, words)));
  const threshold = h('input', { type: 'number', name: 'threshold', step: 'any', value: '0', 'aria-label': 'Threshold' });
  const channel = h('select', { name: 'channel', 'aria-label': 'Channel' }, h('option', { value: 'email' }, 'Email'), h('option', { value: 'webhook' }, 'Webhook'));
  const target = h('input', { type: 'text', name: 'target', placeholder: 'team@example.com or https://…', 'aria-label': 'Addresses or URL', required: true });
  const message = h('div', {});

  const chosen = () => {
    const [kind, ref] = source.value.split(/:(.*)/s);
    return kind === 'report' ? { report: ref } : { saved_query_id: ref };
  };
  // A report's filters, as on its page (its time zone is the workspace's); the metric is one of the numeric columns it gives.
  const sourceChanged = async () => {
    const { report } = chosen();
    const parameters = reports.find((r) => r.name === report)?.parameters.filter((p) => p.name !== 'tz') ?? [];
    replace(filters, parameters.map((p) => h('input', { type: 'text', name: `param-${p.name}`, 'data-param': p.name, placeholder: p.name, title: p.description,
      'aria-label': `Filter ${p.name}` })));
    replace(metric, h('option', { value: '' }, 'first numeric column'));
    try {
      const columns = await api.get('/alerts/metrics', chosen());
      metric.append(...columns.map((column) => h('option', { value: column }, column)));
    } catch (error) {
      replace(message, problem(error));
    }
  };
  source.addEventListener('change', sourceChanged);
  operator.addEventListener('change', () => { threshold.disabled = operator.value === 'no_rows'; });

  const form = h('form', { class: 'alert-form', onsubmit: async (event) => {
    event.preventDefault();
    const parameters = Object.fromEntries([...filters.querySelectorAll('input')].filter((i) => i.value).map((i) => [i.dataset.param, i.value]));
    try {
      const alert = await api.post('/alerts', {
        ...chosen(), name: name.value, parameters, metric: metric.value || undefined, operator: operator.value,
        threshold: operator.value === 'no_rows' ? undefined : Number(threshold.value), channel: channel.value, target: target.value,
      });
      replace(message, h('p', { class: 'note', role: 'status' }, `Added “${alert.name}”: it is checked after each refresh.`,
        alert.secret ? [' Its webhook signing secret, shown this once: ', h('code', {}, alert.secret)] : null));
      await added();
    } catch (error) {
      replace(message, problem(error));
    }
  } },
  h('div', { class: 'alert-fields' }, name, source, filters),
  h('div', { class: 'alert-fields' }, 'When ', metric, ' ', operator, ' ', threshold, ', tell ', channel, ' ', target, ' ',
    h('button', { type: 'submit', class: 'primary' }, 'Add alert')),
  message);
  sourceChanged();
  return h('section', { class: 'card alert-new' }, h('h2', {}, 'Add an alert'),
    h('p', { class: 'muted' }, 'Checked after each refresh: one notification when the condition starts to hold, one when it recovers.'), form);
}

async function alerts(box, admin) {
  const message = h('div', {});
  try {
    const [listed, history] = await Promise.all([api.get('/alerts'), api.get('/alerts/history')]);
    const names = Object.fromEntries(listed.map((a) => [a.id, a.name]));
    const remove = (alert) => async () => {
      try {
        await api.delete(`/alerts/${alert.id}`);
        await alerts(box, admin);
      } catch (error) {
        replace(message, problem(error));
      }
    };
    const rows = listed.map((a) => h('tr', { 'data-alert': a.id },
      h('td', {}, a.name), h('td', {}, a.source === 'report' ? a.source_ref : 'saved query'), h('td', {}, h('code', {}, a.metric || 'first numeric')),
      h('td', {}, condition(a)), h('td', { class: `state state-${stateWord(a.state)}` }, stateWord(a.state)),
      h('td', { class: 'num' }, a.last_checked_as_of ? numberText(a.last_value) : '–'),
      h('td', { class: 'time' }, a.last_checked_as_of ? formatInstant(a.last_checked_as_of) : 'never'),
      h('td', {}, `${a.channel}: ${a.target}`),
      admin ? h('td', {}, h('button', { type: 'button', class: 'link danger', onclick: remove(a) }, 'Remove')) : null));
    replace(box, h('h2', {}, 'Alerts'), message,
      rows.length === 0
        ? h('p', { class: 'muted alerts-none' }, 'No alerts yet.')
        : h('table', { class: 'grid alerts' },
          h('thead', {}, h('tr', {}, ['Name', 'Source', 'Metric', 'Condition', 'State', 'Last value', 'Last check', 'Notify', admin ? '' : null]
            .filter((t) => t !== null).map((t) => h('th', {}, t)))),
          h('tbody', {}, rows)),
      h('h3', {}, 'Notifications'),
      history.length === 0
        ? h('p', { class: 'muted alert-history-none' }, 'No notifications yet.')
        : h('table', { class: 'grid alert-history' },
          h('thead', {}, h('tr', {}, ['Alert', 'As of', 'Change', 'Value', 'Notification', 'Attempts', 'Reason'].map((t) => h('th', {}, t)))),
          h('tbody', {}, history.map((t) => h('tr', { 'data-alert': t.alert_id },
            h('td', {}, names[t.alert_id] ?? t.alert_id), h('td', { class: 'time' }, formatInstant(t.as_of)), h('td', {}, changeWord(t.transition)),
            h('td', { class: 'num' }, numberText(t.value)), h('td', { class: `status-${t.status}` }, t.status), h('td', { class: 'num' }, String(t.attempts)),
            h('td', {}, t.reason ?? ''))))));
  } catch (error) {
    replace(box, h('h2', {}, 'Alerts'), problem(error));
  }
}

export async function render(main) {
  const admin = document.body.dataset.role === 'admin';
  const list = h('section', { class: 'card alert-list' });
  if (!admin) {
    replace(main, h('h1', {}, 'Alerts'), list);
    await alerts(list, admin);
    return;
  }
  const [reports, saved] = await Promise.all([api.get('/reports'), api.get('/saved-queries')]);
  replace(main, h('h1', {}, 'Alerts'), addForm(reports, saved, () => alerts(list, admin)), list);
  await alerts(list, admin);
}
