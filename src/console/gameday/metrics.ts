/**
 * The metrics a game day's hypothesis and abort conditions can name: the simulator's alertable
 * metrics (src/sim/scenarios/metrics.ts), read from the console's frames, each with the unit a
 * person writes thresholds in. Ratios are written as percentages in forms and stored as 0-1 in
 * scenario files, like alert rules.
 */
import { metricNames, type MetricName } from '../../sim/scenarios/metrics';
import { COMPARATORS, type Comparator } from '../../sim/scenarios/game-day';
import type { Frame } from '../protocol';

export { metricNames, type MetricName };
export { COMPARATORS, type Comparator };

export interface MetricInfo {
  label: string;
  /** The unit a form shows; `scale` turns a stored value into it (ratios: 100, as %). */
  unit: string;
  scale: number;
}

export const GAME_DAY_METRICS: Record<MetricName, MetricInfo> = {
  'edge.errorRatio': { label: 'Error rate at the edge', unit: '%', scale: 100 },
  'edge.p99Ms': { label: 'p99 latency at the edge', unit: 'ms', scale: 1 },
  'edge.rate': { label: 'Requests per second at the edge', unit: 'req/s', scale: 1 },
  'service.cpu': { label: 'Service CPU', unit: '%', scale: 100 },
  'service.queue': { label: 'Requests queued in the service', unit: 'requests', scale: 1 },
  'db.poolWaiting': { label: 'Queries waiting for a pooled connection', unit: 'queries', scale: 1 },
  'mq.depth': { label: 'Order queue depth', unit: 'messages', scale: 1 },
  'cache.hitRatio': { label: 'Cache hit rate', unit: '%', scale: 100 },
  'db.staleReadRatio': { label: 'Stale reads', unit: '%', scale: 100 },
  'outbox.backlog': { label: 'Messages waiting in the outbox', unit: 'messages', scale: 1 },
};

/** A metric's value in one frame (NaN when the system has no such part or nothing was measured). */
export function metricValue(frame: Frame, metric: MetricName): number {
  switch (metric) {
    case 'edge.errorRatio':
      return frame.edge.rate > 0 ? frame.edge.errors / frame.edge.rate : NaN;
    case 'edge.p99Ms':
      return frame.edge.rate > 0 ? frame.edge.p99Ms : NaN;
    case 'edge.rate':
      return frame.edge.rate;
    case 'db.poolWaiting':
      return frame.database ? frame.database.pool.reduce((sum, p) => sum + p.waiting, 0) : NaN;
    default:
      return frame.metrics[metric] ?? NaN;
  }
}

export function compare(value: number, op: Comparator, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/** A stored value in the metric's display unit, e.g. 0.012 -> "1.2%". */
export function valueText(metric: MetricName, value: number): string {
  const info = GAME_DAY_METRICS[metric];
  const shown = Number((value * info.scale).toPrecision(3));
  return info.unit === '%' ? `${shown}%` : `${shown} ${info.unit}`;
}

/** "Error rate at the edge < 1%". */
export function conditionText(c: { metric: MetricName; op: Comparator; threshold: number }): string {
  return `${GAME_DAY_METRICS[c.metric].label} ${c.op} ${valueText(c.metric, c.threshold)}`;
}
