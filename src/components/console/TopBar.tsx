import { useState } from 'react';
import type { FreePlayOptions } from '../../console/free-play';
import { useConsoleSelector } from './context';
import { useDialog } from './hooks';
import FreePlaySetup from './FreePlaySetup';
import RunSharing from './RunSharing';
import RunStatus from './RunStatus';
import Transport from './Transport';

interface Props {
  onPalette(): void;
  onHelp(): void;
  freePlay: FreePlayOptions | null;
  /** Who runs the clock when this page only follows it (a workshop's player, an interview's candidate); false: this page runs it. */
  followClock?: false | 'facilitator' | 'interviewer';
}

/** The console's top bar: what is running, the simulated clock and transport, budget and incident, and the run menu. */
export default function TopBar({ onPalette, onHelp, freePlay, followClock = false }: Props) {
  const title = useConsoleSelector((s) => s.context.scenario?.title ?? '');
  const [setup, setSetup] = useState(false);
  const dialog = useDialog(setup, () => setSetup(false));
  return (
    <div className="topbar">
      <div className="topbar__row">
        <p className="topbar__title" title={title}>
          {title}
        </p>
        <RunStatus />
      </div>
      <div className="topbar__row">
        {followClock ? <p className="muted topbar__follow">The {followClock} runs the clock.</p> : <Transport />}
        <div className="topbar__tools">
          <button type="button" className="button button--quiet button--small" onClick={onPalette} aria-keyshortcuts="Control+K Meta+K">
            Commands <kbd>Ctrl K</kbd>
          </button>
          <button type="button" className="button button--quiet button--small" onClick={onHelp} aria-keyshortcuts="?">
            Keyboard
          </button>
          {!followClock && <RunSharing />}
          {freePlay && (
            <button type="button" className="button button--quiet button--small" onClick={() => setSetup(true)}>
              Change system
            </button>
          )}
        </div>
      </div>
      {freePlay && (
        <dialog ref={dialog} className="console-dialog" aria-labelledby="setup-heading">
          {setup && <FreePlaySetup options={freePlay} onDone={() => setSetup(false)} />}
        </dialog>
      )}
    </div>
  );
}
