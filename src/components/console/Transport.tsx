import { SPEEDS, type Speed } from '../../console/constants';
import { useConsole, useConsoleSelector } from './context';

/** Seconds the Rewind button goes back. */
const REWIND_SECONDS = 60;

/** Play/Pause, Step, Speed, run to the next alert, Rewind and skip to the end. */
export default function Transport() {
  const { actor, mode } = useConsole();
  const playing = useConsoleSelector((s) => s.matches({ session: 'playing' }));
  const speed = useConsoleSelector((s) => s.context.clock.speed);
  // Selects a boolean, not the clock: this bar re-renders when rewinding becomes possible, not every frame.
  const canRewind = useConsoleSelector((s) => s.context.clock.t - REWIND_SECONDS >= (s.context.scenario?.warmupSeconds ?? 0));
  const now = () => actor.getSnapshot().context.clock.t;
  // The scenario's duration counts from the player's join; the clock counts the warm-up too.
  const end = () => {
    const scenario = actor.getSnapshot().context.scenario;
    return scenario ? scenario.warmupSeconds + scenario.durationSeconds : 0;
  };
  return (
    <div className="transport">
      <button type="button" className="button button--small transport__play" onClick={() => actor.send({ type: 'TOGGLE' })} aria-keyshortcuts="Space K">
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="button button--quiet button--small" onClick={() => actor.send({ type: 'STEP' })} aria-keyshortcuts="." title="One simulated second, then pause">
        Step
      </button>
      <fieldset className="speed">
        <legend>Speed</legend>
        {SPEEDS.map((s, i) => (
          <label key={s} className="speed__option">
            <input type="radio" name="console-speed" value={s} checked={speed === s} onChange={() => actor.send({ type: 'SPEED', speed: s as Speed })} aria-keyshortcuts={String(i + 1)} />
            <span>{s}x</span>
          </label>
        ))}
      </fieldset>
      <button type="button" className="button button--quiet button--small" onClick={() => actor.send({ type: 'RUN_TO_ALERT' })} aria-keyshortcuts="N">
        Run to next alert
      </button>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => actor.send({ type: 'REWIND', t: now() - REWIND_SECONDS })}
        disabled={!canRewind}
        aria-describedby="rewind-hint"
      >
        Rewind
      </button>
      <span id="rewind-hint" className="visually-hidden">
        Back one simulated minute; actions taken in that minute are undone.
      </span>
      {mode === 'drill' && (
        <button type="button" className="button button--quiet button--small" onClick={() => actor.send({ type: 'STEP', seconds: Math.max(1, end() - now()) })} title="Run the rest of the drill at once and see the result">
          Skip to the end
        </button>
      )}
    </div>
  );
}
