import { BURN_RATE_RULES } from '../telemetry/alerts';
import type { Scenario } from '../scenarios/schema';
import type { SloTracker } from '../telemetry/slo';
import type { ControlPlane } from './controlplane';
import type { RedSecond } from './types';
import { stopIfReviving } from '../checkpoint/blank';

/** The numbers an alert rule's `metric` can name, for the second that just closed. */
export interface AlertInputs {
  slo: SloTracker;
  edge: RedSecond;
  cpu: number;
  queue: number;
  poolWaiting: number;
  mqDepth: number;
  cacheHitRatio: number;
  staleReadRatio: number;
  outboxBacklog: number;
}

export function metricValue(metric: string, v: AlertInputs): number {
  switch (metric) {
    case 'edge.errorRatio':
      return v.slo.errorRatio(60);
    case 'edge.p99Ms':
      return v.edge.p99Ms;
    case 'edge.rate':
      return v.edge.rate;
    case 'service.cpu':
      return v.cpu;
    case 'service.queue':
      return v.queue;
    case 'db.poolWaiting':
      return v.poolWaiting;
    case 'mq.depth':
      return v.mqDepth;
    case 'cache.hitRatio':
      return v.cacheHitRatio;
    case 'db.staleReadRatio':
      return v.staleReadRatio;
    case 'outbox.backlog':
      return v.outboxBacklog;
    default:
      return NaN;
  }
}

/**
 * Evaluates every alert rule's condition once a second. Conditions change rarely; the alert machines
 * only hear about changes.
 */
export class AlertConditions {
  private on = new Map<string, boolean>();

  constructor(
    private scenario: Scenario,
    private cp: ControlPlane,
  ) {
    stopIfReviving(this, new.target);
  }

  evaluate(v: AlertInputs): void {
    if (this.scenario.alerts.burnRate) {
      for (const r of BURN_RATE_RULES) {
        this.set(r.id, v.slo.burnRate(r.longSeconds) > r.factor && v.slo.burnRate(r.shortSeconds) > r.factor);
      }
    }
    for (const r of this.scenario.alerts.rules) {
      const x = metricValue(r.metric, v);
      this.set(r.id, Number.isFinite(x) && (r.op === '>' ? x > r.threshold : x < r.threshold));
    }
  }

  /** Sets a condition from outside the rules (a fault's noise); same change-only contract. */
  set(id: string, on: boolean): void {
    if ((this.on.get(id) ?? false) === on) return;
    this.on.set(id, on);
    this.cp.setAlertCondition(id, on);
  }
}
