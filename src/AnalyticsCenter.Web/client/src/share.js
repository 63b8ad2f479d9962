// A shared report (/share/{token}): its rows with the link's fixed filters, read-only. The page has no key and no
// cookie: it can fetch its own rows and nothing else.
import { h, replace } from './lib/dom.js';
import { grid } from './lib/grid.js';

async function start() {
  const box = document.getElementById('share-rows');
  try {
    const response = await fetch(`${window.location.pathname}/rows`, { headers: { Accept: 'application/json' }, credentials: 'omit' });
    if (!response.ok) {
      const details = await response.json().catch(() => ({}));
      replace(box, h('div', { class: 'problem', role: 'alert' }, h('strong', {}, `${details.title ?? 'The report could not run'}:`), ' ',
        details.detail ?? response.statusText));
      return;
    }
    replace(box, grid(await response.json()));
  } catch (error) {
    replace(box, h('div', { class: 'problem', role: 'alert' }, String(error)));
  }
}

start();
