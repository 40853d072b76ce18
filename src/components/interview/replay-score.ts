/**
 * Scores a log off the main thread with the interview's replay worker: the summary first (so the
 * report shows at once), then each action's measured effect. Used by the interviewer's page; the
 * solo page drives the same worker itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionEffect, EffectsProgress } from '../../console/debrief/effects';
import type { LoggedAction } from '../../console/protocol';
import type { RunSummaryPart } from '../../interview/report';
import type { ReplayMessage, ReplayRequest } from '../../interview/solo';

export type Scoring =
  | { phase: 'idle' }
  | { phase: 'replaying' }
  | { phase: 'scored'; summary: RunSummaryPart; log: LoggedAction[]; effects: ActionEffect[] | null; progress: EffectsProgress | null }
  | { phase: 'failed'; message: string };

export function useReplayScore(): { scoring: Scoring; score(request: ReplayRequest): void } {
  const [scoring, setScoring] = useState<Scoring>({ phase: 'idle' });
  const worker = useRef<Worker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  const score = useCallback((request: ReplayRequest) => {
    worker.current?.terminate();
    setScoring({ phase: 'replaying' });
    const w = new Worker(new URL('../../interview/replay-worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-interview-replay' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<ReplayMessage>) => {
      const m = event.data;
      if (m.type === 'played') setScoring({ phase: 'scored', summary: m.summary, log: m.log, effects: null, progress: null });
      else if (m.type === 'progress') setScoring((s) => (s.phase === 'scored' ? { ...s, progress: m.progress } : s));
      else if (m.type === 'effects') {
        setScoring((s) => (s.phase === 'scored' ? { ...s, effects: m.effects, progress: null } : s));
        w.terminate();
      } else setScoring({ phase: 'failed', message: `The run could not be replayed: ${m.message}` });
    };
    w.onerror = () => setScoring({ phase: 'failed', message: 'The run could not be replayed in this browser (the scoring worker failed to start). Reload the page and try again.' });
    w.postMessage(request);
  }, []);
  return { scoring, score };
}
