import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DrillInfo } from '../../console/drill-catalogue';
import type { FreePlayOptions } from '../../console/free-play';
import type { LoadRequest } from '../../console/machine';
import type { CustomRun } from '../../console/custom-scenario';
import { DEFAULT_WARMUP_SECONDS } from '../../console/constants';
import { clockText } from '../../console/format';
import { useSelector } from '@xstate/react';
import { ConsoleReactContext, FrameTicker, panelIntervalMs, useConsoleSelector, type ConsoleValue } from './context';
import { startConsole } from './connect';
import FreePlaySetup from './FreePlaySetup';
import '../../styles/console.css';

// Each stage after the first loads its code while the one before is on screen (the console during the
// warm-up, the end screen and its debrief while the run is judged, a shared run's decoder when the
// address has one), so the page's first paint carries only the setup form and the connection to the
// worker. A stage is shown once its code is in: a key pressed the moment the console appears (N, Space)
// must reach the console's shortcuts, not a placeholder.
const loadBriefing = () => import('./Briefing');
const loadLayout = () => import('./ConsoleLayout');
const loadEndScreen = () => import('./EndScreen');

/** The module `load` gives, once `wanted` has been true and it has arrived; an error if it could not load. */
function useStageCode<T>(load: () => Promise<T>, wanted: boolean): { code: T | null; error: string | null } {
  const [code, setCode] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || code) return;
    let live = true;
    load().then(
      (m) => live && setCode(() => m),
      (e: Error) => live && setError(`This part of the console could not load (${e.message}). Check the connection and reload the page.`),
    );
    return () => {
      live = false;
    };
  }, [load, wanted, code]);
  return { code, error };
}

/** A drill is built in, or (`custom`) a scenario file the learner loaded (/drills/custom/). */
export type ConsoleProps = { mode: 'drill'; drill: DrillInfo; custom?: CustomRun } | { mode: 'free'; options: FreePlayOptions };

/** A fresh seed for a new attempt, or the one in the address (?seed=42) to play a known run again. */
function seedFromAddress(): number {
  const given = Number(new URLSearchParams(location.search).get('seed'));
  if (Number.isInteger(given) && given >= 0 && given < 2 ** 32) return given;
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/** The incident console island: starts the simulation, opens the drill (or a shared run) and shows each stage. */
export default function ConsoleApp(props: ConsoleProps) {
  const [handle] = useState(startConsole);
  const [ticker] = useState(() => new FrameTicker(handle.frames));
  const [focus, setFocus] = useState<{ group: string; n: number } | null>(null);
  const [form, setForm] = useState<{ type: string; n: number } | null>(null);
  const [openProblem, setOpenProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const run = new URLSearchParams(location.search).get('run');
    const load = (request: LoadRequest) => !cancelled && handle.actor.send({ type: 'LOAD', request });
    if (run) {
      (handle.sharedRun ?? import('./sharing').then(({ readSharedRun }) => readSharedRun(run)))
        .then(load)
        .catch((e: Error) => !cancelled && setOpenProblem(e.message));
    } else if (props.mode === 'drill') {
      const source = props.custom ? ({ kind: 'custom', scenario: props.custom.scenario } as const) : ({ kind: 'builtin', id: props.drill.id } as const);
      load({ source, seed: seedFromAddress(), warmupSeconds: DEFAULT_WARMUP_SECONDS });
    }
    return () => {
      cancelled = true;
    };
  }, [handle, props]);

  const speed = useSelector(handle.actor, (s) => s.context.clock.speed);
  useEffect(() => {
    ticker.minIntervalMs = panelIntervalMs(speed);
  }, [ticker, speed]);

  useEffect(
    () => () => {
      ticker.stop();
      handle.stop();
    },
    [handle, ticker],
  );

  const value = useMemo<ConsoleValue>(
    () => ({
      actor: handle.actor,
      frames: handle.frames,
      ticker,
      mode: props.mode,
      focusCharts: (group) => setFocus((f) => ({ group, n: (f?.n ?? 0) + 1 })),
      openForm: (type) => setForm((f) => ({ type, n: (f?.n ?? 0) + 1 })),
    }),
    [handle, ticker, props.mode],
  );

  return (
    <ConsoleReactContext.Provider value={value}>
      <div className="console-app" data-mode={props.mode}>
        {openProblem && (
          <div className="notice notice--error" role="alert">
            <p>{openProblem}</p>
            <p>
              <a href={location.pathname}>Start a new run instead</a>
            </p>
          </div>
        )}
        <Stage props={props} focus={focus} form={form} />
      </div>
    </ConsoleReactContext.Provider>
  );
}

function Stage({ props, focus, form }: { props: ConsoleProps; focus: { group: string; n: number } | null; form: { type: string; n: number } | null }) {
  const stage = useConsoleSelector((s) => (s.matches('session') ? 'session' : (s.value as string)));
  const error = useConsoleSelector((s) => s.context.error);
  const drill = props.mode === 'drill';
  const started = stage !== 'idle';
  const briefing = useStageCode(loadBriefing, started && drill);
  const layout = useStageCode(loadLayout, started);
  const end = useStageCode(loadEndScreen, stage === 'finishing' || stage === 'debrief');
  const codeError = briefing.error ?? layout.error ?? end.error;
  if (codeError) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{codeError}</p>
      </div>
    );
  }
  const warming = <Waiting text="Warming up: the system runs 30 simulated minutes of normal traffic so every chart opens with a baseline…" />;
  switch (stage) {
    case 'idle':
      return props.mode === 'free' ? <FreePlaySetup options={props.options} /> : <Waiting text="Starting the simulation…" />;
    case 'loading':
    case 'loaded':
      return <LoadProgress fallback={warming} />;
    case 'briefing': {
      const Briefing = briefing.code?.default;
      // The briefing waits for the console's code too: Start must open the console at once.
      return props.mode === 'drill' ? (Briefing && layout.code ? <Briefing drill={props.drill} /> : warming) : <Waiting text="Opening…" />;
    }
    case 'session': {
      const Layout = layout.code?.default;
      return Layout ? <Layout focus={focus} form={form} freePlay={props.mode === 'free' ? props.options : null} /> : <Waiting text="Opening the console…" />;
    }
    case 'finishing':
      return <Waiting text="The run is over: judging it…" />;
    case 'debrief': {
      const EndScreen = end.code?.default;
      // A custom scenario's id is its author's: it is never recorded under a built-in drill's name.
      return EndScreen ? (
        <EndScreen drillId={props.mode === 'drill' && !props.custom ? props.drill.id : null} freePlay={props.mode === 'free' ? props.options : null} custom={props.mode === 'drill' ? (props.custom ?? null) : null} />
      ) : (
        <Waiting text="The run is over: judging it…" />
      );
    }
    default:
      return (
        <div className="notice notice--error" role="alert">
          <p>The simulation could not start: {error ?? 'unknown error'}</p>
          <p>
            <a href={location.pathname}>Reload without the shared run</a>
          </p>
        </div>
      );
  }
}

/** A shared run's replay, as far as it has computed (the worker sends its frames in batches); else `fallback`. */
function LoadProgress({ fallback }: { fallback: ReactNode }) {
  const loadedTo = useConsoleSelector((s) => s.context.loadedTo);
  const request = useConsoleSelector((s) => s.context.request);
  if (loadedTo === null || !request?.replay) return fallback;
  const { warmupSeconds } = request;
  const end = request.replay.reachedSeconds;
  return (
    <div className="console-waiting console-waiting--replay" role="status">
      <span className="console-spinner" aria-hidden="true" />
      <label>
        Replaying the shared run: {loadedTo < warmupSeconds ? 'warm-up' : clockText(loadedTo, warmupSeconds)} of {clockText(end, warmupSeconds)} computed
        <progress max={end} value={loadedTo} />
      </label>
    </div>
  );
}

function Waiting({ text }: { text: string }) {
  return (
    <p className="console-waiting" role="status">
      <span className="console-spinner" aria-hidden="true" />
      {text}
    </p>
  );
}
