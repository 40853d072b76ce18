import { useEffect, useId, useRef, useState } from 'react';
import type { ActionEffect, EffectsProgress } from '../../console/debrief/effects';
import type { LoggedAction } from '../../console/protocol';
import { encodeRun, type RunRecord } from '../../console/share';
import { elapsedMs, isExpired, isPaused, pauseCountdown, remainingMs, resumeCountdown, startCountdown, type Countdown as Clock } from '../../interview/countdown';
import type { Help, RunSummaryPart } from '../../interview/report';
import { hintAt, readRun, type ReplayMessage, type ReplayRequest } from '../../interview/solo';
import Countdown from './Countdown';
import LiveInterviewResult from './LiveInterviewResult';

interface Props {
  scenario: { id: string; title: string };
  seed: number;
  warmupSeconds: number;
  timeLimitMinutes: number;
  /** The drill's hint ladder, in order. */
  hints: string[];
  drillHref: string;
}

interface Session {
  clock: Clock | null;
  hints: Help[];
}

type Scoring =
  | { phase: 'idle' }
  | { phase: 'replaying' }
  | { phase: 'scored'; summary: RunSummaryPart; log: LoggedAction[]; effects: ActionEffect[] | null; progress: EffectsProgress | null; replayHref: string }
  | { phase: 'failed'; message: string };

// The clock and the hints taken survive a reload of this tab (the candidate may wander off to the console).
const SESSION_KEY = 'blast-radius:interview:solo';

function loadSession(): Session {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (raw) {
      const data = JSON.parse(raw) as Session;
      if (Array.isArray(data.hints)) return data;
    }
  } catch {
    // Unreadable or blocked storage: start a fresh session.
  }
  return { clock: null, hints: [] };
}

/** The solo interview: the clock, the hint ladder (each hint costs a point), and scoring the run brought back from the console. */
export default function SoloInterview({ scenario, seed, warmupSeconds, timeLimitMinutes, hints, drillHref }: Props) {
  const id = useId();
  const [session, setSession] = useState<Session>({ clock: null, hints: [] });
  const [now, setNow] = useState(() => Date.now());
  const [link, setLink] = useState('');
  const [scoring, setScoring] = useState<Scoring>({ phase: 'idle' });
  const worker = useRef<Worker | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => {
    setSession(loadSession());
    setHydrated(true);
    return () => worker.current?.terminate();
  }, []);
  useEffect(() => {
    if (!hydrated) return;
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch {
      // Not kept across a reload; nothing else depends on it.
    }
  }, [session, hydrated]);

  const clock = session.clock;
  const running = clock !== null && !isPaused(clock) && !isExpired(clock, now);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);

  function toggleClock() {
    const t = Date.now();
    setNow(t);
    setSession((s) => ({ ...s, clock: s.clock === null ? startCountdown(timeLimitMinutes * 60_000, t) : isPaused(s.clock) ? resumeCountdown(s.clock, t) : pauseCountdown(s.clock, t) }));
  }

  function takeHint() {
    const next = hints[session.hints.length];
    if (!next) return;
    setSession((s) => ({ ...s, hints: [...s.hints, hintAt(s.clock ? elapsedMs(s.clock, Date.now()) : 0, next, warmupSeconds)] }));
  }

  function startOver() {
    worker.current?.terminate();
    setSession({ clock: null, hints: [] });
    setScoring({ phase: 'idle' });
    setLink('');
  }

  async function score(text: string) {
    worker.current?.terminate();
    let record: RunRecord;
    try {
      record = await readRun(text);
    } catch (error) {
      setScoring({ phase: 'failed', message: (error as Error).message });
      return;
    }
    setScoring({ phase: 'replaying' });
    const replayHref = `/drills/${scenario.id}/?run=${await encodeRun(record)}`;
    const w = new Worker(new URL('../../interview/replay-worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-interview-replay' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<ReplayMessage>) => {
      const m = event.data;
      if (m.type === 'played') {
        setScoring({ phase: 'scored', summary: m.summary, log: m.log, effects: null, progress: null, replayHref });
        requestAnimationFrame(() => resultRef.current?.focus());
      } else if (m.type === 'progress') setScoring((s) => (s.phase === 'scored' ? { ...s, progress: m.progress } : s));
      else if (m.type === 'effects') {
        setScoring((s) => (s.phase === 'scored' ? { ...s, effects: m.effects, progress: null } : s));
        w.terminate();
      } else setScoring({ phase: 'failed', message: `The run could not be replayed: ${m.message}` });
    };
    w.onerror = () => setScoring({ phase: 'failed', message: 'The run could not be replayed in this browser (the scoring worker failed to start). Reload the page and try again.' });
    const request: ReplayRequest = { scenario: scenario.id, seed: record.seed, warmupSeconds: record.warmupSeconds, log: record.log };
    w.postMessage(request);
  }

  async function onFile(file: File | undefined) {
    if (file) await score(await file.text());
  }

  const left = clock ? remainingMs(clock, now) : timeLimitMinutes * 60_000;
  const clockLabel = clock === null ? 'Start the interview clock' : isPaused(clock) ? 'Resume the clock' : 'Pause the clock';

  return (
    <section className="solo card" aria-labelledby={`${id}-title`} data-hydrated={hydrated ? 'true' : undefined}>
      <h2 id={`${id}-title`}>Your solo interview</h2>
      <ol className="solo__steps">
        <li>
          <h3>Start the clock</h3>
          <div className="solo__clock">
            <Countdown remainingMs={left} paused={clock !== null && isPaused(clock)} label="Interview time left" />
            <button type="button" className="button" onClick={toggleClock} disabled={clock !== null && isExpired(clock, now)}>
              {clockLabel}
            </button>
          </div>
        </li>
        <li>
          <h3>Play the drill and think aloud</h3>
          <p>
            <a href={drillHref} target="_blank" rel="noopener">
              Open the interview drill (new tab)
            </a>
            . Write each hypothesis as a note before you act on it, declare, post updates. When you are done, use <strong>Export run</strong> (or{' '}
            <strong>Share run</strong>) in the console.
          </p>
        </li>
        <li>
          <h3>Stuck? Take a hint</h3>
          <p className="muted">Each hint costs a point on the report.</p>
          {session.hints.length > 0 && (
            <ol className="solo__hints" aria-label="Hints taken">
              {session.hints.map((h, i) => (
                <li key={i}>{h.text}</li>
              ))}
            </ol>
          )}
          <button type="button" className="button button--quiet" onClick={takeHint} disabled={session.hints.length >= hints.length}>
            {session.hints.length >= hints.length ? 'No hints left' : `Take hint ${session.hints.length + 1} of ${hints.length} (costs a point)`}
          </button>
        </li>
        <li>
          <h3>Bring back your run to be scored</h3>
          <div className="solo__import">
            <label htmlFor={`${id}-file`}>Run file exported from the console</label>
            <input id={`${id}-file`} type="file" accept=".json,application/json" onChange={(e) => void onFile(e.target.files?.[0])} />
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void score(link);
              }}
            >
              <label htmlFor={`${id}-link`}>Or the run's share link</label>
              <div className="estimate__row">
                <input id={`${id}-link`} type="text" inputMode="url" spellCheck={false} autoComplete="off" value={link} onChange={(e) => setLink(e.target.value)} />
                <button type="submit" className="button">
                  Score this run
                </button>
              </div>
            </form>
          </div>
          <div aria-live="polite">
            {scoring.phase === 'replaying' && <p role="status">Replaying your run on seed {seed}…</p>}
            {scoring.phase === 'failed' && (
              <p className="notice notice--error" data-testid="solo-error">
                {scoring.message}
              </p>
            )}
          </div>
        </li>
      </ol>
      {scoring.phase === 'scored' && (
        <div className="solo__result" ref={resultRef} tabIndex={-1} aria-label="Your interview report">
          <p className="muted" aria-live="polite" data-testid="effects-status">
            {scoring.effects
              ? 'Each action’s effect is measured (the run replayed without it).'
              : scoring.progress
                ? `Measuring each action’s effect: replay ${scoring.progress.done} of ${scoring.progress.total}…`
                : 'Measuring each action’s effect…'}
          </p>
          <LiveInterviewResult
            scenario={scenario}
            seed={seed}
            warmupSeconds={warmupSeconds}
            log={scoring.log}
            summary={scoring.summary}
            effects={scoring.effects}
            hints={session.hints}
            replayHref={scoring.replayHref}
          />
        </div>
      )}
      <p>
        <button type="button" className="button button--quiet" onClick={startOver}>
          Start over
        </button>
      </p>
    </section>
  );
}
