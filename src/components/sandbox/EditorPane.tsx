import { useRef, useState } from 'react';
import Editor, { DiffEditor, type OnMount } from '@monaco-editor/react';
import { monaco, startLanguageServicesSoon } from './monaco';
import FileTabs, { panelId, tabId } from './FileTabs';
import { useSiteTheme } from './hooks';
import { languageOf, uriFor } from './useMonacoModels';
import type { FileEntry } from '../../sandbox/editor-files';
import type { FileMap } from '../../sandbox/files';

interface Props {
  sandboxId: string;
  entries: readonly FileEntry[];
  active: string;
  onSelect(path: string): void;
  /** The learner's files now, and which of them differ from the starter. */
  files: FileMap;
  changed: readonly string[];
  /** The shipped text of every file, and the solution's of the learner's files. */
  shipped: FileMap;
  solution: FileMap;
  /** Show the active file against the solution, in monaco's diff editor. */
  comparing: boolean;
  narrow: boolean;
  onRunChecks(): void;
  announce(text: string): void;
}

/** The file tabs, the editor (or the diff with the solution) and the keyboard hint below it. */
export default function EditorPane({ sandboxId, entries, active, onSelect, files, changed, shipped, solution, comparing, narrow, onRunChecks, announce }: Props) {
  const theme = useSiteTheme();
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const runChecksRef = useRef(onRunChecks);
  runChecksRef.current = onRunChecks;
  const activeEntry = entries.find((e) => e.path === active)!;

  const onMount: OnMount = (editor) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runChecksRef.current());
    startLanguageServicesSoon(editor);
  };

  // Ctrl+M (Ctrl, not Cmd, on every platform) switches Tab between indenting and moving focus. Caught
  // before monaco's own binding so the page knows the mode and can announce it.
  function onEditorKeyDownCapture(event: React.KeyboardEvent) {
    if (event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === 'm') {
      event.preventDefault();
      event.stopPropagation();
      toggleTab();
    }
  }

  function toggleTab() {
    const next = !tabMovesFocus;
    setTabMovesFocus(next); // reaches monaco through the editor's tabFocusMode option
    announce(next ? 'Tab now moves focus out of the editor. Press Control M to indent with Tab again.' : 'Tab now inserts a tab in the editor. Press Control M to move focus with Tab.');
  }

  return (
    <div className="wb-editor">
      <FileTabs sandboxId={sandboxId} entries={entries} active={active} changed={changed} onSelect={onSelect} />
      <div onKeyDownCapture={onEditorKeyDownCapture} id={panelId(sandboxId)} role="tabpanel" aria-labelledby={tabId(sandboxId, entries.indexOf(activeEntry))} className="wb-editor__surface">
        {comparing ? (
          <DiffEditor
            original={files[active] ?? shipped[active] ?? ''}
            modified={solution[active] ?? files[active] ?? ''}
            language={languageOf(active)}
            theme={theme === 'dark' ? 'vs-dark' : 'vs'}
            options={{ readOnly: true, renderSideBySide: !narrow, originalEditable: false, automaticLayout: true, fontSize: 14 }}
          />
        ) : (
          <Editor
            path={uriFor(sandboxId, active)}
            language={languageOf(active)}
            theme={theme === 'dark' ? 'vs-dark' : 'vs'}
            onMount={onMount}
            loading={<p className="muted">Loading the editor…</p>}
            options={{
              readOnly: !activeEntry.editable,
              readOnlyMessage: { value: 'This file is part of the sandbox and is read-only. Your files are under “Your files”.' },
              minimap: { enabled: false },
              // Faded "unused" code falls below text contrast; the diagnostics still list it.
              showUnused: false,
              fontSize: 14,
              automaticLayout: true,
              scrollBeyondLastLine: false,
              tabSize: 2,
              tabFocusMode: tabMovesFocus,
              ariaLabel: `${active}${activeEntry.editable ? '' : ' (read-only)'}. Press Control M to make Tab ${tabMovesFocus ? 'indent' : 'move focus'}. Control Enter runs the checks.`,
            }}
          />
        )}
      </div>
      <p className="wb-editor__hint">
        <button type="button" className="linklike" onClick={toggleTab} aria-pressed={tabMovesFocus}>
          Tab moves focus
        </button>{' '}
        <kbd>Ctrl</kbd>+<kbd>M</kbd> · <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> runs the checks
        {comparing && <span> · Comparing {active} with the solution (left: yours, right: solution)</span>}
      </p>
    </div>
  );
}
