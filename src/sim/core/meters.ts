import type { RedMeter } from '../telemetry/red';
import type { SeriesStore } from '../telemetry/series';
import type { DataPlane } from './dataplane';
import type { RedSecond } from './types';
import { stopIfReviving } from '../checkpoint/blank';

const RED_NAMES = ['rate', 'errors', 'p50Ms', 'p95Ms', 'p99Ms'] as const;

/** This second's rate, errors and latency of each RED meter (edge, service, database, dependencies, workers). */
export interface RedClose {
  edge: RedSecond;
  service: RedSecond;
}

/**
 * Closes the RED meters once a second and writes their series. Series names are built once per
 * prefix, not every second; percentiles cost a histogram walk, so they are skipped when nothing reads them.
 */
export class RedMeters {
  wantPercentiles = true;
  private out: number[] = [0, 0, 0, 0, 0];
  private keys = new Map<string, string[]>();
  private depPrefixes: string[];

  constructor(
    private dp: DataPlane,
    private series: SeriesStore | null,
  ) {
    stopIfReviving(this, new.target);
    this.depPrefixes = dp.deps.map((d) => `dep.${d.config.id}`);
  }

  closeSecond(sec: number): RedClose {
    const dp = this.dp;
    const edge = this.close(dp.edge, 'edge', sec);
    const service = this.close(dp.service, 'service', sec);
    if (dp.db) this.close(dp.dbMeter, 'db', sec);
    for (let i = 0; i < dp.deps.length; i++) this.close(dp.depMeters[i]!, this.depPrefixes[i]!, sec);
    if (dp.mq) {
      this.close(dp.mqMeter, 'worker', sec);
      this.close(dp.brokerMeter, 'broker', sec);
    }
    return { edge, service };
  }

  private keysFor(prefix: string): string[] {
    let k = this.keys.get(prefix);
    if (!k) {
      k = RED_NAMES.map((n) => `${prefix}.${n}`);
      this.keys.set(prefix, k);
    }
    return k;
  }

  private close(m: RedMeter, prefix: string, sec: number): RedSecond {
    const o = this.out;
    m.closeSecond(o, this.wantPercentiles);
    const r: RedSecond = { rate: o[0]!, errors: o[1]!, p50Ms: o[2]! * 1000, p95Ms: o[3]! * 1000, p99Ms: o[4]! * 1000 };
    const s = this.series;
    if (s) {
      const k = this.keysFor(prefix);
      s.put(k[0]!, sec, r.rate);
      s.put(k[1]!, sec, r.errors);
      s.put(k[2]!, sec, r.p50Ms);
      s.put(k[3]!, sec, r.p95Ms);
      s.put(k[4]!, sec, r.p99Ms);
    }
    return r;
  }
}
