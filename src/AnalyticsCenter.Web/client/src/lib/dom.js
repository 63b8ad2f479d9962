// A tiny element builder: h('a', { href: '/x', class: 'link' }, 'text', child). No innerHTML anywhere, so data is never markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

export function replace(parent, ...children) {
  parent.replaceChildren(...children.flat().filter(Boolean));
}

/** A message box for errors: a title and the API's words. */
export function problem(error) {
  const [first, ...more] = (error.detail ?? String(error)).split('\n');
  // A database's message keeps its lines and columns below its first line: its caret (^) points into the line of SQL above it.
  return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, `${error.title ?? 'Something went wrong'}:`), ' ', first,
    more.length > 0 ? h('pre', { class: 'problem-detail' }, more.join('\n')) : null);
}

export function formatNumber(value, digits = 0) {
  return value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : Number(value).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatPercent(rate) {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '–' : `${(rate * 100).toFixed(1)}%`;
}

/** Seconds as people say them: 48 s, 8 min 3 s, 1 h 6 min. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A change as a signed percentage (+12.5%), or in points (+2.1 pt) for a change of a rate. */
export function formatChange(change, points = false) {
  if (change === null || change === undefined || Number.isNaN(change)) return '–';
  const value = Math.round(change * 1000) / 10;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${Math.abs(value).toFixed(1)}${points ? ' pt' : '%'}`;
}
