import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import Editor, { DiffEditor, type OnMount } from '@monaco-editor/react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { monaco } from './monaco';
import Terminal, { type TerminalHandle } from './Terminal';
import Checklist from './Checklist';
import { RunnerConnect, RunnerLimits } from './RunnerConnect';
import { getProgressStore } from '../progress/client';
import { useProgress } from '../progress/useProgress';
import { effectiveTheme, onThemeChange } from '../site/theme';
import type { SandboxSource } from '../../sandbox/checks/workspace';
import { learnerFileMatcher, pickLearnerFiles, type FileMap } from '../../sandbox/files';
import { clearDraft, loadDraft, saveDraft } from '../../sandbox/drafts';
import { LocalRuntime } from '../../sandbox/local';
import { WebContainerRuntime } from '../../sandbox/webcontainer';
import { SandboxSession, probeLocalRunner, resolveRuntime, type RuntimeKind, type SessionState } from '../../sandbox/session';
import type { Task } from '../../sandbox/runtime';

interface Props {
  source: SandboxSource;
}

type FileEntry = { path: string; editable: boolean; group: 'yours' | 'support' | 'checks' | 'scripts' };

const RUNTIME_NAME: Record<RuntimeKind, string> = { local: 'Local runner', webcontainer: 'In the browser (WebContainer)' };
const STEPS = [
  { phase: 'booting', label: 'Booting' },
  { phase: 'mounting', label: 'Mounting files' },
  { phase: 'running', label: 'Running' },
] as const;

function uriFor(sandboxId: string, path: string) {
  return `file:///${sandboxId}/${path}`;
}

function languageOf(path: string) {
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  return 'javascript';
}

function useMediaQuery(query: string) {
  return useSyncExternalStore(
    (cb) => {
      const m = matchMedia(query);
      m.addEventListener('change', cb);
      return () => m.removeEventListener('change', cb);
    },
    () => matchMedia(query).matches,
    () => false,
  );
}

function useSiteTheme() {
  return useSyncExternalStore(onThemeChange, effectiveTheme, () => 'light' as const);
}

/** The sandbox: files in monaco, checks and a terminal, run on the local runner or a WebContainer. */
export default function Workbench({ source }: Props) {
  const manifest = source.manifest;
  const sandboxId = manifest.id;
  const progress = useProgress();
  const theme = useSiteTheme();
  const narrow = useMediaQuery('(max-width: 820px)');
  const editable = useMemo(() => learnerFileMatcher(manifest.files), [manifest.files]);
  const starter = useMemo(() => pickLearnerFiles(source.starter, manifest.files), [source, manifest.files]);

  const entries = useMemo<FileEntry[]>(() => {
    const list: FileEntry[] = [];
    for (const path of Object.keys(source.starter).sort()) list.push({ path, editable: editable(path), group: editable(path) ? 'yours' : 'support' });
    for (const path of Object.keys(source.checks).sort()) list.push({ path, editable: false, group: 'checks' });
    for (const path of Object.keys(source.scripts).sort()) list.push({ path, editable: false, group: 'scripts' });
    const order = { yours: 0, support: 1, checks: 2, scripts: 3 };
    return list.sort((a, b) => order[a.group] - order[b.group]);
  }, [source, editable]);
  const allText = useMemo<FileMap>(() => ({ ...source.starter, ...source.checks, ...source.scripts }), [source]);

  // The learner's files: the saved draft if there is one, else the starter.
  const initial = useMemo(() => {
    const loaded = loadDraft(localStorage, sandboxId, editable);
    return {
      files: loaded.kind === 'draft' ? { ...starter, ...loaded.draft.files } : starter,
      notice: loaded.kind === 'unreadable' ? 'Your saved edits could not be read, so the starter files are shown. The unreadable copy was kept in this browser’s storage.' : null,
      restored: loaded.kind === 'draft',
    };
  }, [sandboxId, editable, starter]);
  const [files, setFiles] = useState<FileMap>(initial.files);
  const filesRef = useRef(files);
  filesRef.current = files;
  const [active, setActive] = useState(entries.find((e) => e.editable)?.path ?? entries[0]!.path);
  const [comparing, setComparing] = useState(false);
  const [undo, setUndo] = useState<{ files: FileMap; action: 'apply' | 'reset' } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [message, setMessage] = useState<string | null>(initial.notice);
  const [announce, setAnnounce] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const terminal = useRef<TerminalHandle>(null);
  const demosRef = useRef<HTMLDetailsElement>(null);

  // One model per file, made up front so programmatic changes (reset, apply, undo) keep each file's undo stack.
  useEffect(() => {
    const disposers: (() => void)[] = [];
    for (const { path, editable: canEdit } of entries) {
      const uri = monaco.Uri.parse(uriFor(sandboxId, path));
      const text = canEdit ? initial.files[path]! : allText[path]!;
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, languageOf(path), uri);
      if (model.getValue() !== text) model.setValue(text);
      if (canEdit) {
        const sub = model.onDidChangeContent(() => setFiles((prev) => (prev[path] === model.getValue() ? prev : { ...prev, [path]: model.getValue() })));
        disposers.push(() => sub.dispose());
      }
    }
    return () => disposers.forEach((d) => d());
  }, [entries, sandboxId, allText, initial]);

  // Autosave, a moment after the last keystroke. Files back at the starter need no draft.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (Object.keys(starter).every((path) => files[path] === starter[path])) {
        clearDraft(localStorage, sandboxId);
        setSaveError(null);
      } else {
        setSaveError(saveDraft(localStorage, sandboxId, files));
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [files, sandboxId, starter]);

  // Replace files' text the way an edit would, so Ctrl+Z in the editor can take it back.
  const replaceFiles = useCallback(
    (next: FileMap) => {
      for (const [path, text] of Object.entries(next)) {
        const model = monaco.editor.getModel(monaco.Uri.parse(uriFor(sandboxId, path)));
        if (!model || model.getValue() === text) continue;
        model.pushStackElement();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        model.pushStackElement();
      }
      setFiles((prev) => ({ ...prev, ...next }));
    },
    [sandboxId],
  );

  // The runtime session, created once per sandbox.
  const localProbe = useRef<Promise<boolean> | null>(null);
  const localAvailable = useCallback(() => (localProbe.current ??= probeLocalRunner()), []);
  const session = useMemo(
    () =>
      new SandboxSession({
        source,
        createRuntime: (kind) => (kind === 'local' ? new LocalRuntime() : new WebContainerRuntime()),
        localAvailable,
      }),
    [source, localAvailable],
  );
  const state = useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.state,
    () => session.state,
  );
  const setting = progress?.settings.runtime ?? 'auto';
  const startedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!progress || startedFor.current === setting) return;
    startedFor.current = setting;
    void (async () => {
      const kind = resolveRuntime(setting, await localAvailable());
      terminal.current?.write(`\x1b[2m${RUNTIME_NAME[kind]}: starting…\x1b[0m\r\n`);
      await session.start(kind, filesRef.current);
    })();
  }, [progress, setting, session, localAvailable]);
  useEffect(() => () => void session.dispose(), [session]);

  // Progress lines from the runtime go to the terminal too, so a slow boot is visible there.
  const lastProgress = useRef<string | null>(null);
  useEffect(() => {
    const line = state.progress?.message;
    if (line && line !== lastProgress.current && state.progress?.phase !== 'running') {
      lastProgress.current = line;
      terminal.current?.write(`\x1b[2m${line}\x1b[0m\r\n`);
    }
  }, [state.progress]);
  useEffect(() => {
    if (state.error) terminal.current?.write(`\x1b[31m${state.error.message}\x1b[0m\r\n`);
  }, [state.error]);

  const run = useCallback(
    async (task: Task) => {
      terminal.current?.write(`\r\n\x1b[1m$ node ${task.kind === 'checks' ? '--test checks' : manifest.demos.find((d) => d.id === task.id)?.script}\x1b[0m\r\n`);
      setAnnounce(task.kind === 'checks' ? 'Running the checks.' : 'Running the demo.');
      const result = await session.run(task, filesRef.current, (text) => terminal.current?.write(text));
      if (!result) return;
      const { exit, checklist } = result;
      if (exit.timedOut) terminal.current?.write(`\r\n\x1b[31mStopped: the run passed the sandbox's ${manifest.timeoutMs / 1000} s limit.\x1b[0m\r\n`);
      if (checklist) {
        getProgressStore().recordSandboxRun(sandboxId, checklist.passed, checklist.failed, checklist.allPassed);
        setAnnounce(checklist.allPassed ? `All ${checklist.passed} checks pass. Sandbox complete.` : `${checklist.passed} of ${checklist.items.length} checks pass.`);
      } else {
        setAnnounce(exit.timedOut ? 'The demo was stopped at the time limit.' : `The demo finished with exit code ${exit.exitCode}.`);
      }
    },
    [session, sandboxId, manifest],
  );
  const runChecks = useCallback(() => void run({ kind: 'checks' }), [run]);
  const runChecksRef = useRef(runChecks);
  runChecksRef.current = runChecks;

  const onMount: OnMount = (editor) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runChecksRef.current());
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
    setAnnounce(next ? 'Tab now moves focus out of the editor. Press Control M to indent with Tab again.' : 'Tab now inserts a tab in the editor. Press Control M to move focus with Tab.');
  }

  function applySolution() {
    setUndo({ files: { ...filesRef.current }, action: 'apply' });
    replaceFiles(source.solution);
    setComparing(false);
    setAnnounce('The solution replaced your files. Use “Undo apply solution” to get your version back.');
  }

  function undoLast() {
    if (!undo) return;
    replaceFiles(undo.files);
    setUndo(null);
    setAnnounce('Your files are back.');
  }

  function reset() {
    setUndo({ files: { ...filesRef.current }, action: 'reset' });
    replaceFiles(starter);
    setConfirmReset(false);
    setAnnounce('The files are back to the starter. “Undo reset” restores your version.');
  }

  const running = state.status === 'running';
  const activeEntry = entries.find((e) => e.path === active)!;
  const passedAt = progress?.sandboxes[sandboxId]?.passedAt;
  const groups: { key: FileEntry['group']; label: string }[] = [
    { key: 'yours', label: 'Your files' },
    { key: 'support', label: 'Harness (read-only)' },
    { key: 'checks', label: 'Checks (read-only)' },
    { key: 'scripts', label: 'Demos (read-only)' },
  ];

  function onTabKey(event: React.KeyboardEvent<HTMLButtonElement>, index: number) {
    const delta = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (event.key === 'Home' || event.key === 'End' || delta) {
      event.preventDefault();
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? entries.length - 1 : (index + delta + entries.length) % entries.length;
      setActive(entries[next]!.path);
      document.getElementById(`file-tab-${sandboxId}-${next}`)?.focus();
    }
  }

  const editorPane = (
    <div className="wb-editor">
      <div className="wb-tabs" role="tablist" aria-label="Files">
        {groups.map((g) => {
          const inGroup = entries.filter((e) => e.group === g.key);
          if (inGroup.length === 0) return null;
          return (
            <div key={g.key} className="wb-tabs__group" role="presentation">
              <span className="wb-tabs__label" aria-hidden="true">{g.label}</span>
              {inGroup.map((entry) => {
                const index = entries.indexOf(entry);
                const changed = entry.editable && files[entry.path] !== starter[entry.path];
                return (
                  <button
                    key={entry.path}
                    id={`file-tab-${sandboxId}-${index}`}
                    role="tab"
                    type="button"
                    aria-selected={entry.path === active}
                    aria-controls={`file-panel-${sandboxId}`}
                    tabIndex={entry.path === active ? 0 : -1}
                    className="wb-tab"
                    data-file={entry.path}
                    onClick={() => setActive(entry.path)}
                    onKeyDown={(e) => onTabKey(e, index)}
                  >
                    {entry.path}
                    {!entry.editable && (
                      <svg className="wb-tab__lock" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                        <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
                      </svg>
                    )}
                    {!entry.editable && <span className="visually-hidden"> (read-only)</span>}
                    {changed && <span className="wb-tab__dot" aria-label="edited" />}
                  </button>
                );
              })}
            </div>
          );
        })}
      </div>
      <div onKeyDownCapture={onEditorKeyDownCapture} id={`file-panel-${sandboxId}`} role="tabpanel" aria-labelledby={`file-tab-${sandboxId}-${entries.indexOf(activeEntry)}`} className="wb-editor__surface">
        {comparing ? (
          <DiffEditor
            original={files[active] ?? allText[active] ?? ''}
            modified={source.solution[active] ?? files[active] ?? ''}
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

  const sidePane = (
    <Group orientation="vertical" className="wb-side">
      <Panel defaultSize="55" minSize="15" className="wb-panel wb-panel--scroll">
        <Checklist checklist={state.checklist} running={running} checkNames={manifest.checks.map((c) => c.name)} />
      </Panel>
      <Separator className="wb-separator wb-separator--h" aria-label="Resize checks and terminal" />
      <Panel defaultSize="45" minSize="15" className="wb-panel">
        <Terminal ref={terminal} label="Sandbox output" />
      </Panel>
    </Group>
  );

  const currentStep = state.status === 'running' ? 'running' : state.progress?.phase;
  return (
    <div className="workbench" data-status={state.status} data-runtime={state.runtime ?? ''} data-passed={passedAt ? 'true' : undefined}>
      <div className="wb-toolbar" role="toolbar" aria-label="Sandbox actions">
        <button type="button" className="button" onClick={runChecks} disabled={running || state.status === 'starting'} aria-keyshortcuts="Control+Enter Meta+Enter">
          ▶ Run checks
        </button>
        {running && (
          <button type="button" className="button button--quiet" onClick={() => session.stop()}>
            ■ Stop
          </button>
        )}
        {manifest.demos.length > 0 && (
          <details className="wb-demos" ref={demosRef}>
            <summary className="button button--quiet">Demos ({manifest.demos.length})</summary>
            <div className="wb-demos__menu">
              {manifest.demos.map((demo) => (
                <button
                  key={demo.id}
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    demosRef.current?.removeAttribute('open');
                    void run({ kind: 'demo', id: demo.id });
                  }}
                  disabled={running || state.status === 'starting'}
                  data-demo={demo.id}
                >
                  <span>
                    {demo.title}
                    {demo.description && <small>{demo.description}</small>}
                  </span>
                </button>
              ))}
            </div>
          </details>
        )}
        <span className="wb-toolbar__spacer" />
        <button type="button" className="button button--quiet" aria-pressed={comparing} onClick={() => setComparing((c) => !c)} disabled={!activeEntry.editable}>
          Compare with solution
        </button>
        {undo ? (
          <button type="button" className="button button--quiet" onClick={undoLast}>
            {undo.action === 'apply' ? 'Undo apply solution' : 'Undo reset'}
          </button>
        ) : (
          <button type="button" className="button button--quiet" onClick={applySolution}>
            Apply solution
          </button>
        )}
        {confirmReset ? (
          <span className="wb-confirm" role="group" aria-label="Confirm reset">
            Discard your edits?{' '}
            <button type="button" className="button button--quiet" onClick={reset}>
              Yes, reset
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirmReset(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirmReset(true)}>
            Reset…
          </button>
        )}
      </div>

      <div className="wb-status">
        <ol className="wb-steps" aria-label="Runtime progress">
          {STEPS.map((step) => (
            <li key={step.phase} data-current={currentStep === step.phase ? 'true' : undefined}>
              {step.label}
            </li>
          ))}
        </ol>
        <label className="wb-runtime">
          Runs on{' '}
          <select value={setting} onChange={(e) => getProgressStore().setRuntime(e.target.value as 'auto' | RuntimeKind)} data-testid="runtime-select">
            <option value="auto">Automatic{state.runtime ? ` (${RUNTIME_NAME[state.runtime]})` : ''}</option>
            <option value="local">{RUNTIME_NAME.local}</option>
            <option value="webcontainer">{RUNTIME_NAME.webcontainer}</option>
          </select>
        </label>
        <span className="wb-status__line" data-testid="runtime-status">
          {statusLine(state)}
        </span>
        {passedAt && <span className="badge badge--done" data-sandbox-complete>✓ Sandbox complete</span>}
        {state.runtime === 'local' && <RunnerLimits />}
      </div>

      {state.error && (
        <div className="notice notice--error wb-error" role="alert" data-runtime-error={state.error.code}>
          <p>{state.error.message}</p>
          {state.error.code === 'not-connected' && <RunnerConnect onConnected={() => void session.start('local', filesRef.current)} />}
          {state.error.fallback && (
            <button type="button" className="button" onClick={() => {
                // Remember the choice: the learner picked this runtime over the one that failed.
                const fallback = state.error!.fallback!;
                startedFor.current = fallback;
                getProgressStore().setRuntime(fallback);
                void session.start(fallback, filesRef.current);
              }}>
              Use {state.error.fallback === 'local' ? 'the local runner' : 'the in-browser runtime'} instead
            </button>
          )}
        </div>
      )}
      {(message || saveError) && (
        <p className="notice" role="status">
          {message ?? saveError}{' '}
          <button type="button" className="linklike" onClick={() => { setMessage(null); setSaveError(null); }}>Dismiss</button>
        </p>
      )}
      {initial.restored && <p className="visually-hidden" role="status">Your saved edits were restored.</p>}

      <div className="wb-body">
        <Group orientation={narrow ? 'vertical' : 'horizontal'} className="wb-group">
          <Panel defaultSize={narrow ? '55' : '58'} minSize="20" className="wb-panel">
            {editorPane}
          </Panel>
          <Separator className={`wb-separator ${narrow ? 'wb-separator--h' : 'wb-separator--v'}`} aria-label="Resize editor and checks" />
          <Panel defaultSize={narrow ? '45' : '42'} minSize="20" className="wb-panel">
            {sidePane}
          </Panel>
        </Group>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}

function statusLine(state: SessionState): string {
  if (state.status === 'failed') return 'Not running: see the message above.';
  if (state.status === 'starting') return state.progress?.message ?? 'Starting…';
  if (state.status === 'running') return state.running?.kind === 'checks' ? 'Running the checks…' : 'Running the demo…';
  if (state.status === 'ready') return state.runtime ? `Ready: ${RUNTIME_NAME[state.runtime]}` : 'Ready';
  return 'Not started';
}
