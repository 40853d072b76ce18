// Drives a monitor through a scenario on the fake clock:
//   1. healthy history (3 days by default) is recorded second by second, never evaluated,
//      so every window is full of normal traffic at t = 0, as the lesson's numbers assume;
//   2. from t = 0 on, each second is recorded and then the rules are evaluated at the end of it.
// After recording the second [t, t + 1) the clock reads t + 1: an outage that starts at t = 0 has
// 52 bad seconds in its windows when the clock reads 52.
//
// Returns every transition the monitor reported: [{ at, rule, from, to }].

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

export class TooSlowError extends Error {}

/**
 * @param {{ monitor, clock, traffic, until: number, history?: number, every?: number, budgetMs?: number }} options
 *   until: last time to evaluate (seconds); every: evaluation interval in seconds (Prometheus'
 *   evaluation_interval); budgetMs: real time allowed before giving up on a slow monitor.
 */
export function runScenario({ monitor, clock, traffic, until, history = 3 * DAY, every = 1, budgetMs = 4000 }) {
  const transitions = [];
  const started = performance.now();
  for (let t = -history; t < until; t += 1) {
    const { good, bad } = traffic.at(t);
    clock.set(t + 1);
    monitor.record(good, bad);
    if (t + 1 > 0 && (t + 1) % every === 0) {
      const out = monitor.evaluate();
      if (Array.isArray(out)) transitions.push(...out);
    }
    if ((t & 63) === 0 && performance.now() - started > budgetMs) {
      throw new TooSlowError(
        `gave up after ${budgetMs} ms of real time at simulated t = ${t} s (${t + history} of ${until + history} seconds done): ` +
          'recording a second and asking for a window must not walk through every second of the window; keep running totals',
      );
    }
  }
  return transitions;
}

/** The transitions of one rule, as "to@at" strings: ['pending@52', 'firing@172', ...]. */
export function timeline(transitions, rule) {
  return transitions.filter((x) => x.rule === rule).map((x) => `${x.to}@${x.at}`);
}
