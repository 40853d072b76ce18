/**
 * "What healthy looks like", measured on the warm-up: the numbers a briefing shows so the player
 * knows normal before anything breaks.
 */
import type { Frame } from './protocol';

export interface Baseline {
  requestsPerSecond: number;
  errorRatio: number;
  /** Median over the seconds of each second's p99: a typical p99, not the worst one. */
  p99Ms: number;
  cpu: number;
  cacheHitRatio: number | null;
  seconds: number;
}

export function baseline(frames: readonly Frame[], lastSeconds = 600): Baseline | null {
  const window = frames.slice(-lastSeconds);
  if (window.length === 0) return null;
  let requests = 0;
  let errors = 0;
  let cpu = 0;
  let hits = 0;
  let hitN = 0;
  const p99s: number[] = [];
  for (const f of window) {
    requests += f.edge.rate;
    errors += f.edge.errors;
    cpu += f.metrics['service.cpu'] ?? 0;
    if (Number.isFinite(f.edge.p99Ms)) p99s.push(f.edge.p99Ms);
    if (f.cache && Number.isFinite(f.cache.hitRatio)) {
      hits += f.cache.hitRatio;
      hitN++;
    }
  }
  p99s.sort((a, b) => a - b);
  return {
    requestsPerSecond: requests / window.length,
    errorRatio: requests > 0 ? errors / requests : 0,
    p99Ms: p99s.length ? p99s[p99s.length >> 1]! : NaN,
    cpu: cpu / window.length,
    cacheHitRatio: hitN ? hits / hitN : null,
    seconds: window.length,
  };
}
