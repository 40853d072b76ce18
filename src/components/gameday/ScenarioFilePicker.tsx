import { useEffect, useRef, useState, type DragEvent } from 'react';
import { keepScenarioFile, keptScenarioFile, readScenarioFile } from '../../console/custom-scenario';
import { ScenarioFileError } from '../../console/scenario-file';
import { sessionStore } from './session';
import '../../styles/gameday.css';

interface Problem {
  fileName: string;
  problems: string[];
}

/**
 * "Play a scenario file" on /drills/: pick or drop a JSON or YAML scenario; a playable one opens in
 * the console on /drills/custom/, anything else is listed problem by problem (and nothing kept
 * earlier is replaced).
 */
export default function ScenarioFilePicker() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [kept, setKept] = useState<string | null>(null);
  // True once React has taken the field over: a file chosen before that fires no change handler.
  const [hydrated, setHydrated] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const report = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const k = keptScenarioFile(sessionStore());
    if (k && 'scenario' in k) setKept(k.scenario.title);
    setHydrated(true);
  }, []);
  useEffect(() => {
    if (problem) report.current?.focus();
  }, [problem]);

  async function open(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const read = await readScenarioFile(file);
      keepScenarioFile(sessionStore(), { ...read, origin: 'file' });
      location.assign('/drills/custom/');
    } catch (error) {
      setProblem(error instanceof ScenarioFileError ? { fileName: error.fileName, problems: error.problems } : { fileName: file.name, problems: [(error as Error).message] });
      setBusy(false);
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void open(e.dataTransfer.files[0]);
  };

  return (
    <section className="scenario-picker card" aria-labelledby="scenario-picker-heading" data-hydrated={hydrated ? 'true' : undefined}>
      <h2 id="scenario-picker-heading">Play a scenario file</h2>
      <p className="muted">
        A drill your team wrote, or a game day exported from the <a href="/drills/game-day/">game-day designer</a>: a JSON or YAML scenario file of at most 256 KB. It is
        checked here and plays in your browser like any drill.
      </p>
      <div
        className={`scenario-picker__drop${over ? ' scenario-picker__drop--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="scenario-drop"
      >
        <label className="field" htmlFor="scenario-file">
          <span className="field__label">Scenario file (JSON or YAML), or drop it here</span>
          <input ref={input} id="scenario-file" type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" disabled={busy} onChange={(e) => void open(e.target.files?.[0])} />
        </label>
      </div>
      {busy && <p role="status">Checking the file…</p>}
      {kept && !problem && (
        <p>
          Loaded earlier in this tab: <a href="/drills/custom/">{kept}</a>
        </p>
      )}
      {problem && (
        <div ref={report} tabIndex={-1} className="notice notice--error" role="alert" data-testid="scenario-file-problems">
          <p>
            <strong>{problem.fileName}</strong> cannot be played:
          </p>
          <ul>
            {problem.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>Fix the file and choose it again (the field names its place in the file, e.g. faults.0.type is the first fault's type). Nothing was changed.</p>
        </div>
      )}
    </section>
  );
}
