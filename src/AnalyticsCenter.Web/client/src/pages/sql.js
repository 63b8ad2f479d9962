// SQL: write one SELECT over sessions and deployments, run it (Ctrl+Enter), see a table or a chart, download CSV or
// Parquet, and keep queries by name for the workspace. The sandbox's refusals are shown in its own words.
import { api, ApiError, embedHeaders } from '../lib/api.js';
import { rowsChart } from '../lib/chart.js';
import { h, problem, replace } from '../lib/dom.js';
import { sqlEditor, setText, textOf } from '../lib/editor.js';
import { loadCountries } from '../lib/format.js';
import { columnsOf, grid } from '../lib/grid.js';
import { subscribeButton } from '../lib/subscribe.js';

const shownRows = 1000;
const starter = `-- Sessions by day and type
SELECT CAST(session_started_timestamp AS DATE) AS day, session_type, count(*) AS sessions
FROM sessions
GROUP BY ALL
ORDER BY day, session_type`;

/** POSTs the query for a file and hands it to the browser as a download (the POST carries the anti-forgery token). */
async function download(sqlText, format) {
  const response = await fetch('/api/v1/query', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-CSRF-TOKEN': document.querySelector('meta[name="csrf-token"]').content,
      ...embedHeaders(),
    },
    body: JSON.stringify({ sql: sqlText, format }),
  });
  if (!response.ok) {
    const details = await response.json().catch(() => ({}));
    throw new ApiError(response.status, details.title ?? `HTTP ${response.status}`, details.detail ?? response.statusText);
  }
  const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `query.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function chartPanel(rows) {
  const columns = columnsOf(rows);
  const numeric = columns.filter((column) => rows.some((row) => typeof row[column] === 'number'));
  const kind = h('select', { 'aria-label': 'Chart type' }, h('option', { value: 'bar' }, 'Bar'), h('option', { value: 'line' }, 'Line'));
  const x = h('select', { 'aria-label': 'X axis' }, columns.map((column) => h('option', { value: column }, column)));
  x.value = columns.find((column) => !numeric.includes(column)) ?? columns[0];
  // The obvious measure: the first number column that is not an identifier or a version (conversation_version, step…).
  const measure = numeric.find((column) => !/(^|_)(id|version|step|number)$/.test(column)) ?? numeric[0];
  const ys = numeric.map((column) => h('input', { type: 'checkbox', value: column, checked: column === measure }));
  const canvas = h('div', { class: 'chart' });
  const draw = () => rowsChart(canvas, rows.slice(0, shownRows), {
    kind: kind.value, x: x.value, ys: ys.filter((box) => box.checked).map((box) => box.value),
  });
  [kind, x, ...ys].forEach((control) => control.addEventListener('change', draw));
  const panel = h('div', {},
    h('div', { class: 'chart-controls' },
      h('label', { class: 'field' }, h('span', {}, 'Chart'), kind),
      h('label', { class: 'field' }, h('span', {}, 'X'), x),
      h('fieldset', { class: 'field ys' }, h('legend', {}, 'Y'),
        numeric.length ? ys.map((box) => h('label', { class: 'check' }, box, box.value)) : h('span', { class: 'muted' }, 'no number columns'))),
    canvas);
  return { panel, draw };
}

function showResults(container, rows, elapsed) {
  const note = `${rows.length.toLocaleString()} row${rows.length === 1 ? '' : 's'} in ${elapsed} ms` +
    (rows.length > shownRows ? ` (showing the first ${shownRows.toLocaleString()}; download for all)` : '');
  const table = grid(rows.slice(0, shownRows));
  const chart = chartPanel(rows);
  const view = h('div', {}, table);
  const toggle = (name) => () => {
    asTable.setAttribute('aria-pressed', String(name === 'table'));
    asChart.setAttribute('aria-pressed', String(name === 'chart'));
    replace(view, name === 'table' ? table : chart.panel);
    if (name === 'chart') chart.draw();
  };
  const asTable = h('button', { type: 'button', 'aria-pressed': 'true', onclick: toggle('table') }, 'Table');
  const asChart = h('button', { type: 'button', 'aria-pressed': 'false', onclick: toggle('chart'), disabled: !rows.length }, 'Chart');
  replace(container, h('div', { class: 'results-head' }, h('span', { class: 'muted' }, note), h('div', { class: 'segmented' }, asTable, asChart)), view);
}

function savedList(container, editor, name) {
  const refresh = async () => {
    const saved = await api.get('/saved-queries');
    replace(container, saved.length
      ? h('ul', { class: 'saved' }, saved.map((query) => h('li', {},
        h('button', { type: 'button', class: 'link', title: query.sql, onclick: () => { setText(editor, query.sql); name.value = query.name; } }, query.name),
        h('button', { type: 'button', class: 'link danger', 'aria-label': `Delete ${query.name}`, onclick: async () => { await api.delete(`/saved-queries/${query.id}`); refresh(); } }, '✕'),
        subscribeButton({ name: query.name, body: { saved_query_id: query.id } }),
        query.changed_by ? h('span', { class: 'muted saved-by' }, ` by ${query.changed_by}`) : null)))
      : h('p', { class: 'muted' }, 'None yet: name a query and save it.'));
  };
  return refresh;
}

/** The text to start with: a report's exact query (?report=NAME&filters), a saved query (?saved=ID), or an example. */
async function initialText() {
  const query = new URLSearchParams(window.location.search);
  const report = query.get('report');
  if (report) {
    query.delete('report');
    return (await api.get(`/reports/${encodeURIComponent(report)}/sql`, Object.fromEntries(query))).sql;
  }
  return starter;
}

export async function render(main) {
  const [dictionary, text] = await Promise.all([api.get('/dictionary'), initialText(), loadCountries()]);
  const editorHost = h('div', { class: 'editor' });
  const results = h('div', { class: 'results' });
  const name = h('input', { type: 'text', placeholder: 'Name this query', 'aria-label': 'Query name', maxlength: 100 });
  const savedHost = h('div');
  const message = h('span', { class: 'muted', role: 'status' });
  let editor;

  const run = async () => {
    replace(results, h('p', { class: 'muted' }, 'Running…'));
    const started = performance.now();
    try {
      const rows = await api.post('/query', { sql: textOf(editor) });
      showResults(results, rows, Math.round(performance.now() - started));
    } catch (error) {
      replace(results, problem(error));
    }
  };
  const guarded = (action) => async () => {
    try {
      replace(message);
      await action();
    } catch (error) {
      replace(results, problem(error));
    }
  };
  editor = sqlEditor(editorHost, { text, dictionary, onRun: run });
  const refreshSaved = savedList(savedHost, editor, name);

  const columns = dictionary.tables.map((table) => h('details', { class: 'schema', open: table.name === 'sessions' },
    h('summary', {}, table.name),
    h('ul', {}, table.columns.map((column) => h('li', { title: column.meaning.replace(/`/g, '') },
      h('code', {}, column.name), h('span', { class: 'muted' }, ` ${column.type}`))))));

  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'SQL'),
      h('p', { class: 'muted' }, 'One read-only SELECT over sessions and deployments of this workspace. Times are UTC in SQL. Ctrl+Enter runs.')),
    h('div', { class: 'sql-layout' },
      h('div', { class: 'sql-main' },
        editorHost,
        h('div', { class: 'toolbar' },
          h('button', { type: 'button', class: 'primary', onclick: run }, 'Run ▸'),
          h('button', { type: 'button', onclick: guarded(() => download(textOf(editor), 'csv')) }, 'CSV'),
          h('button', { type: 'button', onclick: guarded(() => download(textOf(editor), 'parquet')) }, 'Parquet'),
          h('span', { class: 'spacer' }),
          name,
          h('button', {
            type: 'button',
            onclick: guarded(async () => {
              await api.post('/saved-queries', { name: name.value, sql: textOf(editor) });
              replace(message, `Saved “${name.value.trim()}”.`);
              await refreshSaved();
            }),
          }, 'Save'),
          message),
        results),
      h('aside', { class: 'sql-side' }, h('h2', {}, 'Saved queries'), savedHost, h('h2', {}, 'Tables'), columns)));
  await refreshSaved();
  editor.focus();
}
