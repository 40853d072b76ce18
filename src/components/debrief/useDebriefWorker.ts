/**
 * Starts the debrief's own worker (src/console/debrief/worker.ts) and asks it to judge a finished
 * run; answers for an older run are dropped. The references (par, the root cause's scenario) exist
 * only in the worker's bundle, never in the page's: without module workers the debrief says why.
 */
import { useEffect, useRef, useState } from 'react';
import type { ActionEffect } from '../../console/debrief/effects';
import type { GradeResult, RunFigures } from '../../console/debrief/figures';
import type { DebriefRequest, FromDebrief, ToDebrief } from '../../console/debrief/host';
import type { PostmortemDraft } from '../../console/debrief/postmortem';

export interface DebriefState {
  progress: { done: number; total: number } | null;
  learner: RunFigures | null;
  references: { par: RunFigures; doNothing: RunFigures; grade: GradeResult } | null;
  /** True for a scenario without a reference play (free play). */
  noPar: boolean;
  effects: ActionEffect[] | null;
  postmortem: PostmortemDraft | null;
  error: string | null;
}

const EMPTY: DebriefState = { progress: null, learner: null, references: null, noPar: false, effects: null, postmortem: null, error: null };

interface Channel {
  send(m: ToDebrief): void;
  close(): void;
}

function open(onMessage: (m: FromDebrief) => void): Channel {
  try {
    const worker = new Worker(new URL('../../console/debrief/worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-debrief' });
    worker.addEventListener('message', (e: MessageEvent<FromDebrief>) => onMessage(e.data));
    worker.addEventListener('error', (e) => onMessage({ type: 'error', id: -1, message: `The debrief worker failed: ${e.message || 'unknown error'}` }));
    return { send: (m) => worker.postMessage(m), close: () => worker.terminate() };
  } catch {
    const message = 'This browser could not start the debrief: it needs module Web Workers (any current Chrome, Edge, Firefox or Safari).';
    return { send: (m) => m.type === 'debrief' && queueMicrotask(() => onMessage({ type: 'error', id: m.id, message })), close: () => {} };
  }
}

export function useDebriefWorker(request: Omit<DebriefRequest, 'type' | 'id'> | null): DebriefState {
  const [state, setState] = useState<DebriefState>(EMPTY);
  const channel = useRef<Channel | null>(null);
  const current = useRef(0);

  useEffect(() => {
    const c = open((m) => {
      if (m.id !== current.current && m.id !== -1) return;
      setState((s) => {
        switch (m.type) {
          case 'progress':
            return { ...s, progress: { done: m.done, total: m.total } };
          case 'references':
            return { ...s, learner: m.learner, references: { par: m.par, doNothing: m.doNothing, grade: m.grade } };
          case 'no-par':
            return { ...s, learner: m.learner, noPar: true };
          case 'effects':
            return { ...s, effects: m.effects, postmortem: m.postmortem };
          case 'error':
            return { ...s, error: m.message };
        }
      });
    });
    channel.current = c;
    return () => {
      c.close();
      channel.current = null;
    };
  }, []);

  useEffect(() => {
    if (!request || !channel.current) return;
    const id = ++current.current;
    setState(EMPTY);
    channel.current.send({ type: 'debrief', id, ...request });
  }, [request]);

  return state;
}
