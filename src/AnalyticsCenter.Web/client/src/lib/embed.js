// Inside a host platform's frame (an embed session): follow the host's accent colour and the person's time zone, keep
// the session's ticket on links when the browser drops the frame's cookie, and tell the host how tall the page is, so it can size the frame. The height goes to the host's configured origin only
// (the server names it in <meta name="embed-origin">); with none configured nothing is posted.
import { choose } from './timezone.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';

export const embedded = () => document.body.dataset.embed === 'embedded';

export function setUpEmbed() {
  if (!embedded()) return;
  const accent = meta('accent');
  if (accent) document.documentElement.style.setProperty('--accent', accent);
  const zone = meta('user-time-zone');
  try {
    if (zone && !localStorage.getItem('ac.time-zone')) choose(zone);
  } catch {
    // Storage may be blocked in a third-party frame: the workspace's zone applies.
  }
  const session = meta('embed-session');
  if (session) {
    // The browser drops the frame's cookie: links within the tab carry the session's ticket instead.
    document.addEventListener('click', (event) => {
      const link = event.target.closest?.('a[href]');
      if (!link) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.searchParams.has('embed_session')) return;
      url.searchParams.set('embed_session', session);
      link.href = url.toString();
    }, true);
  }
  const origin = meta('embed-origin');
  if (!origin || window.parent === window) return;
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'analytics-center:height', height }, origin);
  };
  new ResizeObserver(report).observe(document.body);
  report();
}
