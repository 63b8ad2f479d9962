// Data is UTC; people read it in a time zone of their choice: the workspace's default, this browser's, UTC, or any IANA
// zone. The choice is kept in this browser. Days are bucketed by the server in that zone (reports take tz), and instants
// are shown in it with Intl.DateTimeFormat, so daylight-saving changes follow the zone's own rules.
const storageKey = 'ac.time-zone';
let workspaceZone = 'UTC';

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function setWorkspaceZone(zone) {
  workspaceZone = zone || 'UTC';
}

/** What the person chose: 'workspace', 'browser', or a zone name. */
export const choice = () => localStorage.getItem(storageKey) || 'workspace';

export function choose(value) {
  localStorage.setItem(storageKey, value);
}

/** The IANA zone in force. */
export function zone() {
  const chosen = choice();
  if (chosen === 'workspace') return workspaceZone;
  if (chosen === 'browser') return browserZone();
  return chosen;
}

export function choices() {
  const named = [
    { value: 'workspace', label: `Workspace default (${workspaceZone})` },
    { value: 'browser', label: `This browser (${browserZone()})` },
    { value: 'UTC', label: 'UTC' },
  ];
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return { named, all: all.filter((name) => name !== 'UTC') };
}

// A formatter costs far more to build than to use, and a result grid formats thousands of instants in one zone.
const formats = new Map();

function parts(epochMs, timeZone) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(epochMs, timeZone) {
  const p = parts(epochMs, timeZone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(epochMs / 1000) * 1000;
}

/** The UTC instant (RFC 3339) at which a calendar day (YYYY-MM-DD) begins in the zone. */
export function dayStartUtc(dateText, timeZone = zone()) {
  const [year, month, day] = dateText.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day);
  // The offset at the day's start may differ from the offset at UTC midnight (a DST change in between): ask again there.
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone)).toISOString().replace('.000Z', 'Z');
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the zone. */
export function dayOf(instant, timeZone = zone()) {
  const p = parts(new Date(instant).getTime(), timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function addDays(dateText, days) {
  const date = new Date(`${dateText}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** An instant as local wall time in the zone: 2026-11-20 09:03:11. */
export function formatInstant(instant, timeZone = zone()) {
  if (!instant) return '';
  const p = parts(new Date(instant).getTime(), timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** An instant for a sentence: 20 Nov 2026, 09:03 GMT-5. */
export function describeInstant(instant, timeZone = zone()) {
  if (!instant) return 'never';
  return new Intl.DateTimeFormat(undefined, {
    timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  }).format(new Date(instant));
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const looksLikeInstant = (value) => typeof value === 'string' && isoInstant.test(value);
