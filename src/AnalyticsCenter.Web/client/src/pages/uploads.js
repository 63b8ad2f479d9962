// Uploads (admins): the workspace's own tables from CSV, Parquet or XLSX. Choosing a file previews it (the API reads it with
// ?preview=true and keeps nothing): its inferred column types, each of which may be changed, and its first rows; "Keep"
// then uploads the same file. Below, the uploads with their columns, rows, size and time, each deletable, and the
// templates of the tables the reports know.
import { api, url } from '../lib/api.js';
import { formatNumber, h, problem, replace } from '../lib/dom.js';
import { grid } from '../lib/grid.js';
import { formatInstant } from '../lib/timezone.js';

const types = ['text', 'integer', 'decimal', 'date', 'timestamp', 'timestamptz', 'boolean'];
const modes = ['create', 'replace', 'append'];
const templates = ['ad_spend', 'conversions', 'audience_tags'];
const formats = ['csv', 'parquet', 'xlsx'];

/** A table name from a file name, by the API's rule (letters, digits, underscore): "Ad spend 2026.csv" → "ad_spend_2026". */
function nameOf(file) {
  return file.name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
}

function formatOf(file) {
  const extension = file.name.split('.').pop().toLowerCase();
  return formats.includes(extension) ? extension : undefined;
}

function formatBytes(bytes) {
  const units = ['bytes', 'kB', 'MB', 'GB'];
  const power = Math.min(units.length - 1, Math.floor(Math.log10(Math.max(bytes, 1)) / 3));
  return `${formatNumber(bytes / 1000 ** power, power === 0 ? 0 : 1)} ${units[power]}`;
}

function uploadForm(list) {
  const file = h('input', { type: 'file', name: 'file', accept: formats.map((f) => `.${f}`).join(','), 'aria-label': 'File' });
  const name = h('input', { type: 'text', name: 'name', placeholder: 'ad_spend', 'aria-label': 'Table name', pattern: '[A-Za-z0-9_]+', required: true });
  const mode = h('select', { name: 'mode', 'aria-label': 'Mode' }, modes.map((m) => h('option', { value: m }, m)));
  const preview = h('div', { class: 'upload-preview' });
  const message = h('div', {});
  // The type chosen for each column, sent as overrides when it differs from the inferred one.
  let overrides = {};

  const params = (extra) => ({
    format: formatOf(file.files[0]),
    type: Object.entries(overrides).map(([column, type]) => `${column}=${type}`),
    ...extra,
  });

  const show = async () => {
    replace(message);
    if (!file.files[0] || !name.value) return;
    replace(preview, h('p', { class: 'muted' }, 'Reading…'));
    try {
      const seen = await api.put(`/tables/${encodeURIComponent(name.value)}`, params({ preview: 'true' }), file.files[0]);
      const columns = seen.columns.map((column) => {
        const type = h('select', { name: `type-${column.name}`, 'aria-label': `Type of ${column.name}` },
          types.map((t) => h('option', { value: t, selected: t === column.type }, t)));
        type.addEventListener('change', () => {
          overrides = { ...overrides, [column.name]: type.value };
          show();
        });
        return h('tr', { 'data-column': column.name }, h('td', {}, h('code', {}, column.name)), h('td', {}, type));
      });
      const names = seen.columns.map((column) => column.name);
      const rows = seen.first_rows.map((row) => Object.fromEntries(names.map((column, i) => [column, row[i]])));
      replace(preview,
        h('p', {}, h('strong', {}, `${formatNumber(seen.rows)} rows`), `, ${names.length} columns. Nothing is kept until you press Keep.`),
        h('table', { class: 'grid upload-columns' },
          h('thead', {}, h('tr', {}, h('th', {}, 'column'), h('th', {}, 'type'))), h('tbody', {}, columns)),
        h('h3', {}, `First ${rows.length} rows`), grid(rows, names),
        h('button', { type: 'button', class: 'primary upload-keep', onclick: keep }, 'Keep'));
    } catch (error) {
      replace(preview, problem(error));
    }
  };

  async function keep() {
    try {
      const stored = await api.put(`/tables/${encodeURIComponent(name.value)}`, params({ mode: mode.value }), file.files[0]);
      replace(preview);
      replace(message, h('p', { class: 'upload-kept', role: 'status' },
        `Kept “${stored.name}”: ${formatNumber(stored.rows)} rows. Query it by name on the SQL page.`));
      await uploads(list);
    } catch (error) {
      replace(message, problem(error));
    }
  }

  file.addEventListener('change', () => {
    overrides = {};
    if (file.files[0]) name.value = nameOf(file.files[0]);
    show();
  });
  name.addEventListener('change', show);
  return h('section', { class: 'card upload-new' }, h('h2', {}, 'Upload a table'),
    h('p', { class: 'muted' }, 'A CSV, Parquet or XLSX file becomes a table of this workspace, queried by its name next to sessions and deployments. ',
      'Replace swaps an existing table for the file; append adds its rows. Uploads are kept until deleted.'),
    h('div', { class: 'upload-choose' }, file, ' ', name, ' ', mode),
    h('p', { class: 'muted upload-templates' }, 'The reports know these tables; download a template to fill in: ',
      templates.flatMap((t, i) => [i ? ' · ' : '', h('a', { href: url(`/tables/templates/${t}.csv`), download: `${t}.csv` }, `${t}.csv`)])),
    preview, message);
}

async function uploads(box) {
  const message = h('div', {});
  try {
    const list = await api.get('/tables');
    const rows = list.map((upload) => h('tr', { 'data-upload': upload.name },
      h('td', {}, h('code', {}, upload.name)),
      h('td', {}, upload.columns.map((column) => `${column.name} ${column.type}`).join(', ')),
      h('td', { class: 'num' }, formatNumber(upload.rows)), h('td', { class: 'num' }, formatBytes(upload.bytes)),
      h('td', { class: 'time', title: `${upload.uploaded_at} (UTC)` }, formatInstant(upload.uploaded_at)),
      h('td', {}, h('button', { type: 'button', class: 'link danger', onclick: async () => {
        try {
          await api.delete(`/tables/${encodeURIComponent(upload.name)}`);
          await uploads(box);
        } catch (error) {
          replace(message, problem(error));
        }
      } }, 'Delete'))));
    replace(box, h('h2', {}, 'Uploaded tables'), message, rows.length === 0
      ? h('p', { class: 'muted' }, 'No uploads yet.')
      : h('table', { class: 'grid uploads' },
        h('thead', {}, h('tr', {}, ['Name', 'Columns', 'Rows', 'Size', 'Uploaded', ''].map((heading) => h('th', {}, heading)))),
        h('tbody', {}, rows)));
  } catch (error) {
    replace(box, h('h2', {}, 'Uploaded tables'), problem(error));
  }
}

export async function render(main) {
  const list = h('section', { class: 'card upload-list' });
  replace(main, h('h1', {}, 'Uploads'), uploadForm(list), list);
  await uploads(list);
}
