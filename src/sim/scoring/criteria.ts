import type { SuccessCriterion } from '../scenarios/schema';
import type { MetricName } from '../scenarios/metrics';
import { Histogram } from '../telemetry/histogram';
import { stopIfReviving } from '../checkpoint/blank';

export interface CriterionResult {
  criterion: SuccessCriterion;
  passed: boolean;
  /** The measured value the criterion was judged on (null when it could not be measured). */
  value: number | null;
  detail: string;
}

/**
 * Collects, second by second, what the scenario's success criteria need (client-observed counts and
 * latency histograms over their windows) and judges them at the end.
 */
export class CriteriaTracker {
  private counts: Array<{ total: number; bad: number }>;
  private hists: Array<Histogram | null>;

  constructor(readonly criteria: readonly SuccessCriterion[]) {
    stopIfReviving(this, new.target);
    this.counts = criteria.map(() => ({ total: 0, bad: 0 }));
    this.hists = criteria.map((c) => (c.type === 'p99-latency' ? new Histogram() : null));
  }

  /** Second [t-1, t) closed with these per-second metric values (for `metric-mean`). */
  onMetrics(t: number, value: (metric: MetricName) => number): void {
    this.criteria.forEach((c, i) => {
      if (c.type !== 'metric-mean' || t - 1 < c.from || t > c.to) return;
      this.counts[i]!.total += 1;
      this.counts[i]!.bad += value(c.metric);
    });
  }

  /** Second [t-1, t) closed with these client-observed numbers. */
  onSecond(t: number, total: number, bad: number, latency: Histogram): void {
    this.criteria.forEach((c, i) => {
      if (c.type !== 'availability' && c.type !== 'p99-latency') return;
      if (t - 1 < c.from || t > c.to) return;
      this.counts[i]!.total += total;
      this.counts[i]!.bad += bad;
      this.hists[i]?.merge(latency);
    });
  }

  evaluate(ctx: {
    startedAt: number | null;
    mitigatedAt: number | null;
    budgetBurnedPercent: number;
    now: number;
    /** Duplicate effects counted on a dependency (0 when it has none). */
    duplicates: (dependency: string) => number;
    /** Publishes that failed after their write committed (0 without a message queue). */
    lostMessages: number;
  }): CriterionResult[] {
    return this.criteria.map((c, i): CriterionResult => {
      switch (c.type) {
        case 'availability': {
          const { total, bad } = this.counts[i]!;
          if (ctx.now < c.to) return { criterion: c, passed: false, value: null, detail: `run ended before ${c.to}s` };
          const a = total > 0 ? 1 - bad / total : 1;
          return { criterion: c, passed: a >= c.atLeast, value: a, detail: `availability ${(a * 100).toFixed(3)}% over ${c.from}-${c.to}s (need ${(c.atLeast * 100).toFixed(3)}%)` };
        }
        case 'p99-latency': {
          const h = this.hists[i]!;
          if (ctx.now < c.to) return { criterion: c, passed: false, value: null, detail: `run ended before ${c.to}s` };
          const p99 = h.quantile(0.99) * 1000;
          return { criterion: c, passed: p99 <= c.atMostMs, value: p99, detail: `p99 ${p99.toFixed(1)} ms over ${c.from}-${c.to}s (need <= ${c.atMostMs} ms)` };
        }
        case 'mitigated-within': {
          if (ctx.startedAt === null) return { criterion: c, passed: true, value: null, detail: 'no incident started' };
          if (ctx.mitigatedAt === null) return { criterion: c, passed: false, value: null, detail: 'not mitigated' };
          const d = ctx.mitigatedAt - ctx.startedAt;
          return { criterion: c, passed: d <= c.seconds, value: d, detail: `mitigated after ${d}s (need <= ${c.seconds}s)` };
        }
        case 'metric-mean': {
          // counts[i] holds seconds seen (total) and the metric's running sum (bad).
          if (ctx.now < c.to) return { criterion: c, passed: false, value: null, detail: `run ended before ${c.to}s` };
          const { total, bad: sum } = this.counts[i]!;
          const mean = total > 0 ? sum / total : 0;
          return { criterion: c, passed: mean <= c.atMost, value: mean, detail: `mean ${c.metric} ${+mean.toFixed(4)} over ${c.from}-${c.to}s (need <= ${c.atMost})` };
        }
        case 'max-duplicates': {
          const d = ctx.duplicates(c.dependency);
          return { criterion: c, passed: d <= c.atMost, value: d, detail: `${d} duplicate ${c.dependency} calls (limit ${c.atMost})` };
        }
        case 'max-lost-messages': {
          const n = ctx.lostMessages;
          return { criterion: c, passed: n <= c.atMost, value: n, detail: `${n} committed writes whose message was never published (limit ${c.atMost})` };
        }
        case 'error-budget':
          return {
            criterion: c,
            passed: ctx.budgetBurnedPercent <= c.maxBurnedPercent,
            value: ctx.budgetBurnedPercent,
            detail: `${ctx.budgetBurnedPercent.toFixed(2)}% of the 30-day error budget burned (limit ${c.maxBurnedPercent}%)`,
          };
      }
    });
  }
}
