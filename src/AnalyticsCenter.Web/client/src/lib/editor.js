// The SQL editor: CodeMirror 6 with SQL highlighting, completion of the two tables and their columns (with each column's
// type and meaning; a column is offered bare too, as people write it before FROM), and Ctrl+Enter (Cmd+Enter) to run. It lives in a shadow root: there CodeMirror styles itself with
// constructed style sheets, which the page's Content-Security-Policy (style-src 'self', no inline <style>) allows.
import { completeFromList } from '@codemirror/autocomplete';
import { basicSetup } from 'codemirror';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { PostgreSQL, sql } from '@codemirror/lang-sql';

const look = EditorView.theme({
  '&': { minHeight: '180px', maxHeight: '45vh', fontSize: '14px', backgroundColor: '#ffffff' },
  '&.cm-focused': { outline: '2px solid #bfd3fb' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '180px' },
  '.cm-gutters': { backgroundColor: '#f9fafb', borderRight: '1px solid #e5e7eb', color: '#9ca3af' },
});

export function sqlEditor(host, { text, dictionary, onRun }) {
  const root = host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  root.append(parent);
  const schema = Object.fromEntries(dictionary.tables.map((table) => [
    table.name,
    table.columns.map((column) => ({ label: column.name, type: 'property', detail: column.type, info: column.meaning })),
  ]));
  // lang-sql completes a column only after its table's name; each column is offered on its own as well, once.
  const seen = new Set();
  const columns = Object.values(schema).flat().filter((column) => !seen.has(column.label) && seen.add(column.label));
  const language = sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true });
  const run = () => {
    onRun();
    return true;
  };
  return new EditorView({
    parent,
    root,
    doc: text,
    extensions: [
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run }])),
      basicSetup,
      language,
      language.language.data.of({ autocomplete: completeFromList(columns) }),
      EditorView.lineWrapping,
      look,
      EditorView.contentAttributes.of({ 'aria-label': 'SQL query' }),
    ],
  });
}

export const textOf = (view) => view.state.doc.toString();

export function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
