// Values in the units people think in, chosen by what a column means (its name): rates and shares as percentages,
// durations in h/min/s, country calling codes as country names, absent labels as "(none)". Downloads stay raw.
import { api } from './api.js';
import { formatDuration, formatNumber, formatPercent } from './dom.js';

const percentColumn = /(^|_)(rate|share)$/;
const durationColumn = /(^|_)duration_s$/;
const countryColumn = /^(user_country_code|country)$/;

/** What a column holds, by its name: 'percent', 'duration', 'country' or 'plain'. */
export function kindOf(column) {
  if (percentColumn.test(column)) return 'percent';
  if (durationColumn.test(column)) return 'duration';
  if (countryColumn.test(column)) return 'country';
  return 'plain';
}

// Calling code (+52) → region (MX), from the server's numbering plan; names from the browser's Intl data.
let regions = {};
let regionsLoaded;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Loads the calling codes once; pages call it before formatting countries. */
export function loadCountries() {
  regionsLoaded ??= api.get('/calling-codes').then((map) => { regions = map; }).catch(() => {});
  return regionsLoaded;
}

/** "Mexico" for +52; the code itself when no region is known. */
export function countryName(code) {
  if (code === null || code === undefined) return '(none)';
  const region = regions[code];
  if (!region) return String(code);
  try {
    return regionNames.of(region) ?? String(code);
  } catch {
    return String(code);
  }
}

/** A column's value as text for people, or null when the value is absent. */
export function formatValue(column, value) {
  if (value === null || value === undefined) return null;
  switch (kindOf(column)) {
    case 'percent': return typeof value === 'number' ? formatPercent(value) : String(value);
    case 'duration': return typeof value === 'number' ? formatDuration(value) : String(value);
    case 'country': return `${countryName(value)} (${value})`;
    default: return typeof value === 'number' ? formatNumber(value, Number.isInteger(value) ? 0 : 2) : null;
  }
}

/** A column's name as a heading: avg_duration_s → "Avg duration", delivery_rate → "Delivery rate". */
export function columnTitle(column) {
  const words = column.replace(/_s$/, '').replace(/^user_country_code$/, 'country').replace(/^roas$/, 'ROAS').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value formatter for a kind of column: in full for tooltips, compact for an axis's ticks (8 min, 1.5 h). */
export function axisFormatter(kind, compact = false) {
  if (kind === 'percent') return (value) => `${Math.round(value * 1000) / 10}%`;
  if (kind === 'duration' && compact) {
    return (value) => {
      if (value < 60) return `${value} s`;
      if (value < 3600) return `${Math.round(value / 60)} min`;
      return `${Math.round(value / 360) / 10} h`;
    };
  }
  if (kind === 'duration') return (value) => formatDuration(value);
  return (value) => formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

const durationSteps = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** What a value axis of a kind needs beyond its type: ticks at whole minutes or hours for durations, a top at 100% for rates. */
export function axisScale(kind, values) {
  if (kind === 'percent') return { min: 0, max: 1 };
  if (kind !== 'duration') return {};
  const top = Math.max(0, ...values.filter((value) => typeof value === 'number'));
  const step = durationSteps.find((candidate) => top / candidate <= 5) ?? 86400;
  return { min: 0, interval: step };
}
