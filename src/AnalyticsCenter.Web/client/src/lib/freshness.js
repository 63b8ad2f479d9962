// How fresh the workspace's data is, in words: "refreshed 2 minutes ago, as of 14:03 UTC", from the status API; and, for a
// workspace with no data yet, a guide to sending its first events instead of empty tables.
import { formatNumber, h } from './dom.js';
import { describeInstant } from './timezone.js';

const minute = 60_000;

/** "just now", "2 minutes ago", "3 hours ago", "5 days ago". */
export function ago(instant, now = Date.now()) {
  const minutes = Math.max(0, Math.round((now - new Date(instant).getTime()) / minute));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

/** One line: when the data was refreshed and up to when it holds events. */
export function freshnessText(status) {
  if (!status.as_of) return 'Not refreshed yet';
  const refreshed = status.refreshed_at ? `Refreshed ${ago(status.refreshed_at)}` : 'Refreshed';
  return `${refreshed}, as of ${describeInstant(status.as_of)}`;
}

/** The freshness line with the next refresh and the events waiting for it. */
export function freshness(status) {
  const next = status.next_refresh_at ? `next refresh at ${describeInstant(status.next_refresh_at)}` : 'refreshed on demand';
  const waiting = status.events_waiting ? ` · ${formatNumber(status.events_waiting)} events wait for the next refresh` : '';
  return h('p', { class: 'freshness', title: status.refreshed_at ? `refreshed at ${describeInstant(status.refreshed_at)}` : undefined },
    `${freshnessText(status)} · ${next}`, waiting);
}

export const isEmpty = (status) => !status.sessions && !status.deployments;

/** What to do in a workspace with no data: send events over HTTP or point the WhatsApp webhook here. */
export function firstEventsGuide(status) {
  const origin = window.location.origin;
  const example = JSON.stringify({
    event_id: 'ev-1', type: 'message.inbound', occurred_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), workspace_id: status.workspace,
    line: { number: '5215550001111' }, user: { phone: '573001234567' }, message: { id: 'wamid.1', kind: 'text', text: 'Hola' },
  });
  const curl = `curl -X POST ${origin}/api/v1/events \\\n  -H "Authorization: Bearer $INGEST_KEY" \\\n` +
    `  -H "Content-Type: application/x-ndjson" \\\n  --data-binary '${example}'`;
  const waiting = status.events_waiting
    ? h('p', {}, h('strong', {}, `${formatNumber(status.events_waiting)} events are stored and wait for the next refresh`),
      status.next_refresh_at ? ` (at ${describeInstant(status.next_refresh_at)}).` : ' (run one from Settings or the API).')
    : null;
  return h('section', { class: 'card guide', 'aria-label': 'Send the first events' },
    h('h2', {}, `No data in “${status.workspace}” yet`),
    h('p', {}, 'Reports, tables and the dashboard fill in once events arrive and the next refresh has turned them into sessions and deployments. ',
      freshnessText(status), '.'),
    waiting,
    h('h3', {}, '1. Send events over HTTP'),
    h('p', {}, 'POST NDJSON (one event a line) with a key that may ingest:'),
    h('pre', { class: 'code-block' }, curl),
    h('h3', {}, '2. Or connect WhatsApp'),
    h('p', {}, 'Set the WhatsApp Cloud API app’s webhook to ', h('code', { class: 'webhook-url' }, `${origin}/webhooks/whatsapp`),
      ' (the server needs its app secret and verify token).'),
    h('h3', {}, '3. Or load a file'),
    h('pre', { class: 'code-block' }, 'analytics ingest events.ndjson'),
    h('p', {}, 'Every event type, its fields and an example line: ', h('a', { href: '/api/docs/events' }, 'the event contract'), '.'));
}
