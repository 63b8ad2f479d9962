// The SQL editor: CodeMirror 6 with SQL highlighting, completion of the two tables and their columns (with each column's
// type and meaning), and Ctrl+Enter (Cmd+Enter) to run.
import { basicSetup } from 'codemirror';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { PostgreSQL, sql } from '@codemirror/lang-sql';

export function sqlEditor(parent, { text, dictionary, onRun }) {
  const schema = Object.fromEntries(dictionary.tables.map((table) => [
    table.name,
    table.columns.map((column) => ({ label: column.name, type: 'property', detail: column.type, info: column.meaning })),
  ]));
  const run = () => {
    onRun();
    return true;
  };
  return new EditorView({
    parent,
    doc: text,
    extensions: [
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run }])),
      basicSetup,
      sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'SQL query' }),
    ],
  });
}

export const textOf = (view) => view.state.doc.toString();

export function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
