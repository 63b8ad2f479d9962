// "Subscribe": deliver a saved query or a report on a schedule by email or signed webhook. Admins only: the API says so
// to anyone else, and the form shows its words.
import { api } from './api.js';
import { h, problem, replace } from './dom.js';

function form(source, box) {
  const name = h('input', { type: 'text', name: 'name', value: source.name, 'aria-label': 'Subscription name', required: true });
  const schedule = h('input', {
    type: 'text', name: 'schedule', value: 'daily 08:00', 'aria-label': 'Schedule',
    title: 'daily 08:00, weekly mon 08:00 or a cron expression, in the workspace’s time zone',
  });
  const channel = h('select', { name: 'channel', 'aria-label': 'Channel' }, h('option', { value: 'email' }, 'Email'), h('option', { value: 'webhook' }, 'Webhook'));
  const target = h('input', { type: 'text', name: 'target', placeholder: 'team@example.com or https://…', 'aria-label': 'Addresses or URL', required: true });
  const message = h('div', {});
  return h('form', { class: 'subscribe-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const added = await api.post('/subscriptions', { ...source.body, name: name.value, schedule: schedule.value, channel: channel.value, target: target.value });
      replace(box, h('p', { class: 'note', role: 'status' }, `Subscribed: the next delivery is at ${added.next_slot ?? 'no future time'}.`,
        added.secret ? [' Its webhook signing secret, shown this once: ', h('code', {}, added.secret)] : null));
    } catch (error) {
      replace(message, problem(error));
    }
  } }, name, ' ', schedule, ' ', channel, ' ', target, ' ', h('button', { type: 'submit', class: 'primary' }, 'Save subscription'), message);
}

/** A "Subscribe" button that opens the form for { name, body }: body names the saved query or the report and its filters. */
export function subscribeButton(source) {
  const box = h('div', { class: 'subscribe' });
  const button = h('button', { type: 'button', class: 'link', 'aria-label': `Subscribe to ${source.name}`, onclick: () => replace(box, form(source, box)) },
    'Subscribe');
  return h('span', { class: 'subscribe-action' }, button, box);
}
