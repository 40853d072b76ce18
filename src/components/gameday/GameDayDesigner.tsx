import { useEffect, useRef, useState, type FormEvent } from 'react';
import { keepScenarioFile } from '../../console/custom-scenario';
import { composeGameDay, defaultDesign, readDesign, MAX_MINUTES, MIN_MINUTES, systemFacts, type DesignErrors, type GameDayDesign } from '../../console/gameday/design';
import { exportScenario, type ExportFormat } from '../../console/gameday/export';
import type { FreePlayOptions } from '../../console/free-play';
import { downloadText } from '../progress/client';
import ConditionRows from './ConditionRows';
import FaultRows from './FaultRows';
import { Field } from './fields';
import { sessionStore } from './session';
import '../../styles/console.css';
import '../../styles/gameday.css';

const DRAFT_KEY = 'blast-radius:game-day-draft';

function readDraft(options: FreePlayOptions): GameDayDesign {
  try {
    const raw = sessionStore().getItem(DRAFT_KEY);
    const draft = raw ? readDesign(JSON.parse(raw)) : null;
    if (draft && options.presets.some((p) => p.id === draft.preset) && options.traffic.some((t) => t.id === draft.traffic)) return draft;
  } catch {
    // A draft that does not read back is dropped: the starting design replaces it.
  }
  return defaultDesign(options);
}

/**
 * The Staff checkpoint's designer: a game day as a form (system, traffic, faults, steady-state
 * hypothesis, abort conditions), kept as a draft for this tab. "Run it" plays it in the console on
 * /drills/custom/; "Export" writes the scenario file others load on /drills/.
 */
export default function GameDayDesigner({ options }: { options: FreePlayOptions }) {
  const [design, setDesign] = useState<GameDayDesign>(() => defaultDesign(options));
  const [loaded, setLoaded] = useState(false);
  const [errors, setErrors] = useState<DesignErrors>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const facts = systemFacts(options, design.preset);

  useEffect(() => {
    setDesign(readDraft(options));
    setLoaded(true);
  }, [options]);
  useEffect(() => {
    if (loaded) sessionStore().setItem(DRAFT_KEY, JSON.stringify(design));
  }, [design, loaded]);

  const update = (patch: Partial<GameDayDesign>) => setDesign((d) => ({ ...d, ...patch }));

  /** The scenario, or null after showing every problem next to its field and focusing the summary. */
  function checked() {
    const r = composeGameDay(design, options);
    setErrors(r.errors);
    if (!r.scenario) {
      setStatus(null);
      requestAnimationFrame(() => summary.current?.focus());
    }
    return r.scenario;
  }

  function run(e: FormEvent) {
    e.preventDefault();
    const scenario = checked();
    if (!scenario) return;
    try {
      keepScenarioFile(sessionStore(), { fileName: `${scenario.id}.json`, text: JSON.stringify(scenario), origin: 'game-day' });
      location.assign('/drills/custom/');
    } catch (error) {
      setStatus({ ok: false, text: (error as Error).message });
    }
  }

  function save(format: ExportFormat) {
    const scenario = checked();
    if (!scenario) return;
    try {
      const file = exportScenario(scenario, format);
      downloadText(file.fileName, file.text, file.mediaType);
      setStatus({ ok: true, text: `Saved ${file.fileName}. Run the game day and export it from its end screen to pass the Staff checkpoint.` });
    } catch (error) {
      setStatus({ ok: false, text: `Not exported: ${(error as Error).message}` });
    }
  }

  const count = Object.keys(errors).length;
  return (
    <form className="gameday" onSubmit={run} noValidate aria-label="Design a game day" data-hydrated={loaded ? 'true' : undefined}>
      <div ref={summary} tabIndex={-1} className={count ? 'notice notice--error' : 'visually-hidden'} role="alert" data-testid="gameday-errors">
        {count > 0 && (
          <p>
            {count === 1 ? 'One field needs' : `${count} fields need`} fixing before the game day can run or be exported: each problem is written under its field.
            {errors.form && <> {errors.form}</>}
          </p>
        )}
      </div>
      <fieldset className="gameday__section card">
        <legend>1. System and traffic</legend>
        <div className="gameday__grid">
          <Field id="gd-title" label="Title" error={errors.title}>
            {(a) => <input {...a} type="text" value={design.title} onChange={(e) => update({ title: e.target.value })} />}
          </Field>
          <Field id="gd-preset" label="System">
            {(a) => (
              <select {...a} value={design.preset} onChange={(e) => update({ preset: e.target.value })}>
                {options.presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="gd-traffic" label="Traffic">
            {(a) => (
              <select {...a} value={design.traffic} onChange={(e) => update({ traffic: e.target.value })}>
                {options.traffic.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title} (~{t.rate} req/s)
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="gd-minutes" label={<>Length <span className="muted">(minutes, {MIN_MINUTES}-{MAX_MINUTES})</span></>} error={errors.minutes}>
            {(a) => <input {...a} type="text" inputMode="numeric" value={design.minutes} onChange={(e) => update({ minutes: e.target.value })} />}
          </Field>
        </div>
        <p className="muted">{options.presets.find((p) => p.id === design.preset)?.description}</p>
      </fieldset>
      <fieldset className="gameday__section card">
        <legend>2. Faults to inject</legend>
        <p className="muted">From the simulator's fault table. Times are from the start of play (T+0), after a warm-up of normal traffic.</p>
        <FaultRows rows={design.faults} facts={facts} errors={errors} onChange={(faults) => update({ faults })} />
      </fieldset>
      <fieldset className="gameday__section card">
        <legend>3. Steady-state hypothesis</legend>
        <p className="muted">What "normal" means, as measurable conditions that should keep holding while the faults run. Each minute's mean must meet every condition.</p>
        <ConditionRows kind="hyp" noun="Condition" rows={design.hypothesis} facts={facts} errors={errors} onChange={(hypothesis) => update({ hypothesis })} blank={() => ({ metric: 'edge.p99Ms', op: '<', threshold: '1000' })} />
      </fieldset>
      <fieldset className="gameday__section card">
        <legend>4. Abort conditions</legend>
        <p className="muted">When to stop the experiment: if any of these holds for its duration, fault injection stops and the run ends, saying when and why.</p>
        <ConditionRows kind="abort" noun="Abort condition" rows={design.abort} facts={facts} errors={errors} onChange={(abort) => update({ abort })} blank={() => ({ metric: 'edge.errorRatio', op: '>', threshold: '10', forSeconds: '30' })} />
      </fieldset>
      <div className="gameday__actions">
        <button type="submit" className="button">
          Run the game day
        </button>
        <button type="button" className="button button--quiet" onClick={() => save('yaml')}>
          Export as YAML
        </button>
        <button type="button" className="button button--quiet" onClick={() => save('json')}>
          Export as JSON
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            setDesign(defaultDesign(options));
            setErrors({});
            setStatus(null);
          }}
        >
          Start from the example
        </button>
      </div>
      {status && (
        <p className={`notice ${status.ok ? 'notice--ok' : 'notice--error'}`} role="status">
          {status.text}
        </p>
      )}
    </form>
  );
}
