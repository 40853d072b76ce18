import { useEffect, useState } from 'react';
import { load } from 'js-yaml';
import { customDrillInfo, keptScenarioFile, type StoredScenarioFile } from '../../console/custom-scenario';
import type { Scenario } from '../../sim/scenarios/schema';
import ConsoleApp from '../console/ConsoleApp';
import { sessionStore } from './session';

type State = { kind: 'reading' } | { kind: 'none' } | { kind: 'invalid'; fileName: string; problems: string[] } | { kind: 'ready'; file: StoredScenarioFile; scenario: Scenario };

/**
 * /drills/custom/: the scenario file kept for this tab (so a reload keeps it), played as a drill:
 * briefing, play, end screen and debrief. Its faults are its author's, so nothing here is secret,
 * but the flow is a drill's.
 */
export default function CustomScenario() {
  const [state, setState] = useState<State>({ kind: 'reading' });
  useEffect(() => {
    const kept = keptScenarioFile(sessionStore());
    if (kept === null) setState({ kind: 'none' });
    else if ('error' in kept) setState({ kind: 'invalid', fileName: kept.error.fileName, problems: kept.error.problems });
    else setState({ kind: 'ready', file: kept.file, scenario: kept.scenario });
  }, []);

  switch (state.kind) {
    case 'reading':
      return <p role="status">Reading the scenario file…</p>;
    case 'none':
      return (
        <div className="notice">
          <h1>No scenario file loaded</h1>
          <p>
            Choose one under "Play a scenario file" on <a href="/drills/">Drills</a>, or design a <a href="/drills/game-day/">game day</a> and run it.
          </p>
        </div>
      );
    case 'invalid':
      return (
        <div className="notice notice--error" role="alert">
          <h1>{state.fileName} cannot be played</h1>
          <ul>
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>
            Fix the file and load it again on <a href="/drills/">Drills</a>.
          </p>
        </div>
      );
    case 'ready': {
      const { file, scenario } = state;
      return (
        <>
          <nav aria-label="Breadcrumb" className="crumbs">
            <a href="/drills/">Drills</a> / {file.origin === 'game-day' ? <a href="/drills/game-day/">Game day</a> : 'Scenario file'}
          </nav>
          <h1>{scenario.title}</h1>
          <p className="muted">
            From {file.origin === 'game-day' ? 'your game-day design' : <code>{file.fileName}</code>}. Kept for this tab: a reload starts it again.
          </p>
          <ConsoleApp
            mode="drill"
            drill={customDrillInfo(scenario)}
            custom={{ scenario, raw: load(file.text), fileName: file.fileName, origin: file.origin }}
          />
        </>
      );
    }
  }
}
