import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import Terminal, { type TerminalHandle } from './Terminal';
import Checklist from './Checklist';
import EditorPane from './EditorPane';
import Notices from './Notices';
import StatusBar from './StatusBar';
import Toolbar from './Toolbar';
import { useMediaQuery } from './hooks';
import { useMonacoModels } from './useMonacoModels';
import { useSandboxSession } from './useSandboxSession';
import { getProgressStore } from '../progress/client';
import type { SandboxSource } from '../../sandbox/checks/workspace';
import { EditorFiles, fileEntries, shippedText } from '../../sandbox/editor-files';
import '../../styles/sandbox.css';

interface Props {
  source: SandboxSource;
}

const UNREADABLE_DRAFT = 'Your saved edits could not be read, so the starter files are shown. The unreadable copy was kept in this browser’s storage.';

/** The sandbox: files in monaco, checks and a terminal, run on the local runner or a WebContainer. */
export default function Workbench({ source }: Props) {
  const manifest = source.manifest;
  const sandboxId = manifest.id;
  const narrow = useMediaQuery('(max-width: 820px)');

  // The learner's files: their saved draft or the starter, autosaved as they change.
  const store = useMemo(() => new EditorFiles({ source, storage: localStorage }), [source]);
  const files = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  useEffect(() => () => store.flush(), [store]);
  const entries = useMemo(() => fileEntries(source), [source]);
  const shipped = useMemo(() => shippedText(source), [source]);
  useMonacoModels(store, entries, shipped);

  const [active, setActive] = useState(entries.find((e) => e.editable)?.path ?? entries[0]!.path);
  const [comparing, setComparing] = useState(false);
  const [message, setMessage] = useState<string | null>(files.draft === 'unreadable' ? UNREADABLE_DRAFT : null);
  const [announce, setAnnounce] = useState('');
  const terminal = useRef<TerminalHandle>(null);
  const learnerFiles = useCallback(() => store.state.files, [store]);
  const sandbox = useSandboxSession({ source, learnerFiles, terminal, announce: setAnnounce });
  const { state } = sandbox;
  const running = state.status === 'running';
  const runChecks = () => void sandbox.run({ kind: 'checks' });

  function applySolution() {
    store.applySolution();
    setComparing(false);
    setAnnounce('The solution replaced your files. Use “Undo apply solution” to get your version back.');
  }

  function undoLast() {
    if (!store.state.undo) return;
    store.undo();
    setAnnounce('Your files are back.');
  }

  function reset() {
    store.reset();
    setAnnounce('The files are back to the starter. “Undo reset” restores your version.');
  }

  return (
    <div className="workbench" data-status={state.status} data-runtime={state.runtime ?? ''} data-passed={sandbox.passedAt ? 'true' : undefined}>
      <Toolbar
        demos={manifest.demos}
        running={running}
        starting={state.status === 'starting'}
        onRun={(task) => void sandbox.run(task)}
        onStop={sandbox.stop}
        comparing={comparing}
        canCompare={entries.find((e) => e.path === active)!.editable}
        onToggleCompare={() => setComparing((c) => !c)}
        undo={files.undo}
        onApplySolution={applySolution}
        onUndo={undoLast}
        onReset={reset}
      />
      <StatusBar state={state} setting={sandbox.setting} onSetting={(setting) => getProgressStore().setRuntime(setting)} complete={Boolean(sandbox.passedAt)} />
      <Notices
        error={state.error}
        onFallback={sandbox.switchToFallback}
        onConnected={sandbox.reconnectLocal}
        message={message ?? files.saveError}
        onDismiss={() => {
          setMessage(null);
          store.dismissSaveError();
        }}
        restored={files.draft === 'restored'}
      />

      <div className="wb-body">
        <Group orientation={narrow ? 'vertical' : 'horizontal'} className="wb-group">
          <Panel defaultSize={narrow ? '55' : '58'} minSize="20" className="wb-panel">
            <EditorPane
              sandboxId={sandboxId}
              entries={entries}
              active={active}
              onSelect={setActive}
              files={files.files}
              changed={files.changed}
              shipped={shipped}
              solution={source.solution}
              comparing={comparing}
              narrow={narrow}
              onRunChecks={runChecks}
              announce={setAnnounce}
            />
          </Panel>
          <Separator className={`wb-separator ${narrow ? 'wb-separator--h' : 'wb-separator--v'}`} aria-label="Resize editor and checks" />
          <Panel defaultSize={narrow ? '45' : '42'} minSize="20" className="wb-panel">
            <Group orientation="vertical" className="wb-side">
              <Panel defaultSize="55" minSize="15" className="wb-panel wb-panel--scroll">
                <Checklist checklist={state.checklist} running={running} checkNames={manifest.checks.map((c) => c.name)} />
              </Panel>
              <Separator className="wb-separator wb-separator--h" aria-label="Resize checks and terminal" />
              <Panel defaultSize="45" minSize="15" className="wb-panel">
                <Terminal ref={terminal} label="Sandbox output" />
              </Panel>
            </Group>
          </Panel>
        </Group>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}
