import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import type { Annotations } from '../telemetry/logs';
import { timerActions } from '../machines/timers';
import { alertMachine, type AlertState } from '../machines/alert.machine';

export type AlertActor = Actor<typeof alertMachine>;

export interface AlertRecord {
  id: string;
  severity: 'page' | 'ticket';
  state: AlertState;
  /** Every time it started firing, with when it resolved (null while firing). */
  firings: Array<{ firedAt: number; resolvedAt: number | null }>;
  /** Whether its firing detects the incident (noise does not). */
  detects: boolean;
  /** Silenced until this time (an operator's silence), or null. */
  silencedUntil: number | null;
}

export interface AlertDeps {
  readonly sched: Scheduler;
  readonly annotations: Annotations;
  /** The rule started firing: the incident is detected (if it was not already). */
  alertFired(id: string, at: number): void;
}

/** An alert rule's machine, keeping `record` (what the summary reports) up to date. */
export function createAlertActor(deps: AlertDeps, record: AlertRecord, forSeconds: number, snapshot?: Snapshot<unknown>): AlertActor {
  const { sched, annotations } = deps;
  const { id, severity } = record;
  const machine = alertMachine.provide({
    actions: {
      ...timerActions(sched),
      publish: (_, p) => {
        const now = sched.now;
        const was = record.state;
        record.state = p.state;
        if (p.state === 'firing' && was !== 'firing') {
          record.firings.push({ firedAt: now, resolvedAt: null });
          annotations.add(now, 'alert', `${severity === 'page' ? 'PAGE' : 'ticket'}: ${id} firing`);
          deps.alertFired(id, now);
        } else if (p.state === 'resolved' && was === 'firing') {
          const last = record.firings[record.firings.length - 1];
          if (last) last.resolvedAt = now;
          annotations.add(now, 'alert', `${id} resolved`);
        }
      },
    },
  });
  return createActor(machine, { id: `alert:${id}`, input: { rule: id, severity, forSeconds, keepResolvedSeconds: 300 }, snapshot }).start();
}
