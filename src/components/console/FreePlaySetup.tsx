import { useState, type FormEvent } from 'react';
import { DEFAULT_WARMUP_SECONDS } from '../../console/constants';
import { composeFreePlay, VERSION_NOTES, type FreePlayOptions } from '../../console/free-play';
import { useConsole } from './context';

/** Free play's setup: which system (topology preset) and how busy; the run opens paused after the warm-up. */
export default function FreePlaySetup({ options, onDone }: { options: FreePlayOptions; onDone?: () => void }) {
  const { actor } = useConsole();
  const [preset, setPreset] = useState(options.presets[0]!.id);
  const [traffic, setTraffic] = useState(options.traffic[1]?.id ?? options.traffic[0]!.id);
  const start = (e: FormEvent) => {
    e.preventDefault();
    const scenario = composeFreePlay(options, preset, traffic);
    const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
    actor.send({ type: 'LOAD', request: { source: { kind: 'custom', scenario }, seed, warmupSeconds: DEFAULT_WARMUP_SECONDS, skipBriefing: true } });
    onDone?.();
  };
  return (
    <form className="setup card" onSubmit={start} aria-labelledby="setup-heading">
      <h2 id="setup-heading">Choose a system</h2>
      <fieldset className="setup__choices">
        <legend>Topology</legend>
        {options.presets.map((p) => (
          <label key={p.id} className="setup__choice">
            <input type="radio" name="preset" value={p.id} checked={preset === p.id} onChange={() => setPreset(p.id)} />
            <span>
              <strong>{p.title}</strong>
              <span className="muted"> {p.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="setup__choices setup__choices--row">
        <legend>Traffic</legend>
        {options.traffic.map((t) => (
          <label key={t.id} className="setup__choice">
            <input type="radio" name="traffic" value={t.id} checked={traffic === t.id} onChange={() => setTraffic(t.id)} />
            <span>
              <strong>{t.title}</strong> <span className="muted">~{t.rate} req/s</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted">
        The system runs 30 simulated minutes of normal traffic first, so the charts have a baseline. Then deploy ({VERSION_NOTES}), inject any fault and try every action.
      </p>
      <div className="setup__actions">
        <button type="submit" className="button">
          Start free play
        </button>
        {onDone && (
          <button type="button" className="button button--quiet" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
