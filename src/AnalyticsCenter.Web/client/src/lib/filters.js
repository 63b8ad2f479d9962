// The filter bar every data page shares: a day range in the chosen time zone, conversation and version, country, line,
// session type and delivery status. Values live in the page's URL (shareable, kept on reload); the API gets UTC instants.
import { h } from './dom.js';
import { addDays, dayOf, dayStartUtc } from './timezone.js';

const fieldsByName = {
  from: { label: 'From', type: 'date' },
  to: { label: 'To', type: 'date' },
  conversation_id: { label: 'Conversation', type: 'text', placeholder: 'conv_sales' },
  conversation_version: { label: 'Version', type: 'number', placeholder: 'any' },
  country: { label: 'Country', type: 'text', placeholder: '+57' },
  line: { label: 'Line', type: 'text', placeholder: '5215550001111' },
  type: { label: 'Session type', options: ['INBOUND', 'OUTBOUND'] },
  status: { label: 'Delivery status', options: ['Delivered', 'Failed', 'In Process'] },
  grain: { label: 'Period', options: ['week'], emptyLabel: 'day' },
  by: { label: 'Group by', options: ['week', 'conversation', 'country', 'line'], emptyLabel: 'day' },
  window_days: { label: 'Window (days)', type: 'number', placeholder: '7' },
  group_by: { label: 'Group by', options: ['tag'], emptyLabel: 'country' },
  source: { label: 'Source', type: 'text', placeholder: 'instagram' },
  reason: { label: 'Failure reason', type: 'text', placeholder: 'any' },
};

export const allFilters = Object.keys(fieldsByName);

/** The filters in the URL, with the day range defaulting to the 30 days up to the data's as-of day. */
export function readFilters(asOf) {
  const query = new URLSearchParams(window.location.search);
  const values = Object.fromEntries(allFilters.map((name) => [name, query.get(name) ?? '']));
  const lastDay = asOf ? dayOf(asOf) : dayOf(new Date());
  values.to ||= lastDay;
  values.from ||= addDays(values.to, -29);
  return values;
}

/** The filters as the API takes them: an inclusive day range becomes [start of from, start of the day after to) in UTC. */
export function apiFilters(values) {
  const result = {};
  for (const name of allFilters) {
    if (values[name]) result[name] = values[name];
  }
  if (values.from) result.from = dayStartUtc(values.from);
  if (values.to) result.to = dayStartUtc(addDays(values.to, 1));
  return result;
}

/** Writes filter values into the page's URL (kept on reload, shareable); empty ones are removed. */
export function writeFilters(names, next) {
  const query = new URLSearchParams(window.location.search);
  for (const name of names) {
    if (next[name]) query.set(name, next[name]);
    else query.delete(name);
  }
  window.history.replaceState(null, '', `${window.location.pathname}?${query}`);
}

/**
 * A filter bar with the given fields (overrides change a field's label or options, e.g. sessions' own statuses);
 * applying writes the URL and calls onApply(values).
 */
export function filterBar(names, values, onApply, overrides = {}) {
  const inputs = {};
  const controls = names.map((name) => {
    const field = { ...fieldsByName[name], ...overrides[name] };
    const input = field.options
      ? h('select', { name }, h('option', { value: '' }, field.emptyLabel ?? 'Any'), field.options.map((option) => h('option', { value: option }, option)))
      : h('input', { name, type: field.type, placeholder: field.placeholder, inputmode: field.type === 'number' ? 'numeric' : undefined });
    input.value = values[name] ?? '';
    inputs[name] = input;
    return h('label', { class: 'field' }, h('span', {}, field.label), input);
  });
  const form = h('form', { class: 'filters', role: 'search' }, controls, h('button', { type: 'submit', class: 'primary' }, 'Apply'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = { ...values };
    for (const [name, input] of Object.entries(inputs)) next[name] = input.value.trim();
    writeFilters(names, next);
    onApply(next);
  });
  return form;
}
