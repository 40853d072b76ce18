import { useEffect } from 'react';
import { monaco } from './monaco';
import type { EditorFiles, FileEntry } from '../../sandbox/editor-files';
import type { FileMap } from '../../sandbox/files';

export function uriFor(sandboxId: string, path: string) {
  return `file:///${sandboxId}/${path}`;
}

export function languageOf(path: string) {
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  return 'javascript';
}

function modelFor(sandboxId: string, path: string) {
  return monaco.editor.getModel(monaco.Uri.parse(uriFor(sandboxId, path)));
}

/**
 * One monaco model per file, made up front and kept in step with the editor-files store both ways:
 * typing in an editable model is an edit in the store; a change made by the store (apply solution,
 * reset, undo) is written into the model the way an edit would be, so Ctrl+Z in the editor can take
 * it back. Read-only files get their shipped text (`shipped`).
 */
export function useMonacoModels(store: EditorFiles, entries: readonly FileEntry[], shipped: FileMap) {
  useEffect(() => {
    const sandboxId = store.sandboxId;
    const disposers: (() => void)[] = [];
    for (const { path, editable } of entries) {
      const uri = monaco.Uri.parse(uriFor(sandboxId, path));
      const text = editable ? store.state.files[path]! : shipped[path]!;
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, languageOf(path), uri);
      if (model.getValue() !== text) model.setValue(text);
      if (editable) {
        const sub = model.onDidChangeContent(() => store.edit(path, model.getValue()));
        disposers.push(() => sub.dispose());
      }
    }
    const editablePaths = entries.filter((e) => e.editable).map((e) => e.path);
    let previous = store.state.files;
    disposers.push(
      store.subscribe(({ files }) => {
        for (const path of editablePaths) {
          const text = files[path];
          if (text === undefined || text === previous[path]) continue;
          const model = modelFor(sandboxId, path);
          if (!model || model.getValue() === text) continue; // the model is where the edit came from
          model.pushStackElement();
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
          model.pushStackElement();
        }
        previous = files;
      }),
    );
    return () => disposers.forEach((dispose) => dispose());
  }, [store, entries, shipped]);
}
