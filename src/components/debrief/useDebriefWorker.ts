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
  /** Every action's effect, once all are measured. */
  effects: ActionEffect[] | null;
  /** The effects measured so far, by index in the log (shown as they arrive). */
  measured: Readonly<Record<number, ActionEffect>>;
  postmortem: PostmortemDraft | null;
  error: string | null;
}

const EMPTY: DebriefState = { progress: null, learner: null, references: null, noPar: false, effects: null, measured: {}, postmortem: null, error: null };

interface Channel {
  send(m: ToDebrief): void;
  close(): void;
}

function open(onMessage: (m: FromDebrief) => void, name: string): Channel | null {
  try {
    const worker = new Worker(new URL('../../console/debrief/worker.ts', import.meta.url), { type: 'module', name });
    worker.addEventListener('message', (e: MessageEvent<FromDebrief>) => onMessage(e.data));
    worker.addEventListener('error', (e) => onMessage({ type: 'error', id: -1, message: `The debrief worker failed: ${e.message || 'unknown error'}` }));
    return { send: (m) => worker.postMessage(m), close: () => worker.terminate() };
  } catch {
    return null;
  }
}

const NO_WORKERS = 'This browser could not start the debrief: it needs module Web Workers (any current Chrome, Edge, Firefox or Safari).';

/** A second worker only where there is a second core to run it. */
function wantsHelper(): boolean {
  return typeof navigator !== 'undefined' && (navigator.hardwareConcurrency ?? 1) >= 2;
}

/**
 * The lead worker does the whole debrief; with a second core a helper worker measures part of the
 * actions (the replays are independent), and its effects are handed to the lead for the postmortem.
 * If the helper fails, the lead measures its part too.
 */
export function useDebriefWorker(request: Omit<DebriefRequest, 'type' | 'id'> | null): DebriefState {
  const [state, setState] = useState<DebriefState>(EMPTY);
  const lead = useRef<Channel | null>(null);
  const helper = useRef<Channel | null>(null);
  const current = useRef(0);
  /** Each worker's progress for the current request (lead, helper). */
  const parts = useRef<[{ done: number; total: number } | null, { done: number; total: number } | null]>([null, null]);

  useEffect(() => {
    const showProgress = () => {
      const [a, b] = parts.current;
      if (!a && !b) return;
      const sum = { done: (a?.done ?? 0) + (b?.done ?? 0), total: (a?.total ?? 0) + (b?.total ?? 0) };
      setState((s) => ({ ...s, progress: sum }));
    };
    const fromLead = (m: FromDebrief) => {
      if (m.id !== current.current && m.id !== -1) return;
      switch (m.type) {
        case 'progress':
          parts.current[0] = { done: m.done, total: m.total };
          return showProgress();
        case 'references':
          return setState((s) => ({ ...s, learner: m.learner, references: { par: m.par, doNothing: m.doNothing, grade: m.grade } }));
        case 'no-par':
          return setState((s) => ({ ...s, learner: m.learner, noPar: true }));
        case 'effect':
          return setState((s) => ({ ...s, measured: { ...s.measured, [m.effect.index]: m.effect } }));
        case 'effects':
          return setState((s) => ({ ...s, effects: m.effects, postmortem: m.postmortem }));
        case 'error':
          return setState((s) => ({ ...s, error: m.message }));
        case 'part':
          return;
      }
    };
    const fromHelper = (m: FromDebrief) => {
      const id = current.current;
      if (m.id !== id && m.id !== -1) return;
      switch (m.type) {
        case 'progress':
          parts.current[1] = { done: m.done, total: m.total };
          return showProgress();
        case 'effect':
          return setState((s) => ({ ...s, measured: { ...s.measured, [m.effect.index]: m.effect } }));
        case 'part':
          return lead.current?.send({ type: 'effects-from', id, part: 1, effects: m.effects });
        case 'error':
          // The lead measures the helper's part itself; the helper's count leaves the bar.
          parts.current[1] = null;
          showProgress();
          return lead.current?.send({ type: 'effects-from', id, part: 1, effects: null });
        default:
          return;
      }
    };
    lead.current = open(fromLead, 'blast-radius-debrief');
    helper.current = lead.current && wantsHelper() ? open(fromHelper, 'blast-radius-debrief-helper') : null;
    return () => {
      lead.current?.close();
      helper.current?.close();
      lead.current = null;
      helper.current = null;
    };
  }, []);

  useEffect(() => {
    if (!request) return;
    const id = ++current.current;
    parts.current = [null, null];
    setState(EMPTY);
    if (!lead.current) {
      queueMicrotask(() => setState((s) => ({ ...s, error: NO_WORKERS })));
      return;
    }
    if (helper.current) {
      lead.current.send({ type: 'debrief', id, ...request, share: { part: 0, parts: 2 } });
      helper.current.send({ type: 'debrief', id, ...request, share: { part: 1, parts: 2 } });
    } else {
      lead.current.send({ type: 'debrief', id, ...request });
    }
  }, [request]);

  return state;
}
