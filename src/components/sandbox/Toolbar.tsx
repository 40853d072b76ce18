import { useRef, useState } from 'react';
import type { Sandbox } from '../../schemas/sandbox';
import type { UndoableAction } from '../../sandbox/editor-files';
import type { Task } from '../../sandbox/runtime';

interface Props {
  demos: Sandbox['demos'];
  /** A run is going: Stop shows, and nothing else may start. */
  running: boolean;
  /** The runtime is starting: nothing may run yet. */
  starting: boolean;
  onRun(task: Task): void;
  onStop(): void;
  comparing: boolean;
  /** Compare is offered for the learner's files only. */
  canCompare: boolean;
  onToggleCompare(): void;
  /** The action Undo takes back; while there is one, it replaces "Apply solution". */
  undo: UndoableAction | null;
  onApplySolution(): void;
  onUndo(): void;
  onReset(): void;
}

/** Run checks and demos, compare with or apply the solution, undo, and reset (asked first). */
export default function Toolbar({ demos, running, starting, onRun, onStop, comparing, canCompare, onToggleCompare, undo, onApplySolution, onUndo, onReset }: Props) {
  const [confirmReset, setConfirmReset] = useState(false);
  return (
    <div className="wb-toolbar" role="toolbar" aria-label="Sandbox actions">
      <button type="button" className="button" onClick={() => onRun({ kind: 'checks' })} disabled={running || starting} aria-keyshortcuts="Control+Enter Meta+Enter">
        ▶ Run checks
      </button>
      {running && (
        <button type="button" className="button button--quiet" onClick={onStop}>
          ■ Stop
        </button>
      )}
      {demos.length > 0 && <DemoMenu demos={demos} disabled={running || starting} onRun={onRun} />}
      <span className="wb-toolbar__spacer" />
      <button type="button" className="button button--quiet" aria-pressed={comparing} onClick={onToggleCompare} disabled={!canCompare}>
        Compare with solution
      </button>
      {undo ? (
        <button type="button" className="button button--quiet" onClick={onUndo}>
          {undo === 'apply' ? 'Undo apply solution' : 'Undo reset'}
        </button>
      ) : (
        <button type="button" className="button button--quiet" onClick={onApplySolution}>
          Apply solution
        </button>
      )}
      {confirmReset ? (
        <span className="wb-confirm" role="group" aria-label="Confirm reset">
          Discard your edits?{' '}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              onReset();
              setConfirmReset(false);
            }}
          >
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
  );
}

/** The sandbox's demos in a disclosure menu, which closes when one starts. */
function DemoMenu({ demos, disabled, onRun }: { demos: Sandbox['demos']; disabled: boolean; onRun(task: Task): void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details className="wb-demos" ref={menu}>
      <summary className="button button--quiet">Demos ({demos.length})</summary>
      <div className="wb-demos__menu">
        {demos.map((demo) => (
          <button
            key={demo.id}
            type="button"
            className="button button--quiet"
            onClick={() => {
              menu.current?.removeAttribute('open');
              onRun({ kind: 'demo', id: demo.id });
            }}
            disabled={disabled}
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
  );
}
