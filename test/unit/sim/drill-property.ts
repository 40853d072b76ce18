/**
 * The every-drill property (see drills-*.test.ts): doing nothing fails a drill's success criteria
 * and its par play meets them, on seeds 1 and 2. Split over one test file per level so vitest runs
 * the levels in parallel workers; this module holds the shared check.
 *
 * Cheaper than two full runs per seed: series are off (the summary does not need them), and the
 * do-nothing run stops as soon as its verdict is decided, that is when a criterion that can no longer
 * change has failed.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, getScenario, SCENARIO_IDS, type Scenario } from '../../../src/sim/index';

type Summary = ReturnType<ReturnType<typeof createSimulation>['summary']>;
type Level = NonNullable<Scenario['drill']>['level'];

/** Registered drills (scenarios with drill metadata) at `level`. */
export function drillsAt(level: Level): string[] {
  return SCENARIO_IDS.filter((id) => getScenario(id).drill?.level === level);
}

/**
 * Criteria whose failure is final: a window that has closed, a count already over its limit (counts
 * only grow), or no mitigation yet while users were hurt after the deadline (mitigation is dated at
 * the last second that hurt users, so it can only come later than that). The budget is not final:
 * more healthy traffic lowers the error ratio it is computed from.
 */
function failedForGood(summary: Summary, now: number, lastHurtAt: number): boolean {
  return summary.success.some((r) => {
    if (r.passed) return false;
    const c = r.criterion;
    if (c.type === 'availability' || c.type === 'p99-latency' || c.type === 'metric-mean') return now >= c.to;
    if (c.type === 'max-duplicates' || c.type === 'max-lost-messages') return true;
    if (c.type === 'mitigated-within') {
      const started = summary.incident.startedAt;
      return started !== null && summary.incident.mitigatedAt === null && lastHurtAt > started + c.seconds;
    }
    return false;
  });
}

/** The end of the last second that hurt users (the incident watch's own record, read for the check above). */
function lastHurtAt(sim: ReturnType<typeof createSimulation>): number {
  return (sim as unknown as { watch: { lastHurtAt: number } }).watch.lastHurtAt;
}

/** Do nothing until the verdict is decided (checked every minute and at each window's end), or the run ends. */
function doNothing(scenario: Scenario, seed: number): { summary: Summary; until: number } {
  const sim = createSimulation(scenario, { seed, series: false });
  const end = scenario.durationSeconds;
  const windowEnds = scenario.success.flatMap((c) => ('to' in c ? [c.to] : []));
  const stops = [...new Set([...windowEnds, ...Array.from({ length: Math.floor(end / 60) }, (_, k) => (k + 1) * 60)])].filter((t) => t < end).sort((a, b) => a - b);
  for (const t of stops) {
    sim.runUntil(t);
    const summary = sim.summary();
    if (failedForGood(summary, t, lastHurtAt(sim))) return { summary, until: t };
  }
  sim.runUntil(end);
  return { summary: sim.summary(), until: end };
}

/**
 * The par play to the end, with its budget burn at `at` (to compare with doing nothing then). Not
 * branched from the do-nothing run's checkpoint: a restored run is slower than a fresh one (its
 * objects are rebuilt field by field), more than the shared prefix would save.
 */
function par(scenario: Scenario, seed: number, at: number): { summary: Summary; burnedAt: number } {
  const sim = createSimulation(scenario, { seed, series: false, actions: scenario.par });
  sim.runUntil(at);
  const burnedAt = sim.summary().errorBudget.burnedPercent;
  sim.runUntil(scenario.durationSeconds);
  return { summary: sim.summary(), burnedAt };
}

const failing = (s: Summary) => s.success.filter((c) => !c.passed).map((c) => c.detail);

/** The property for every drill at `level`. */
export function checkDrills(level: Level, atLeast: number): void {
  const drills = drillsAt(level);

  it(`finds the ${level} drills`, () => {
    expect(drills.length).toBeGreaterThanOrEqual(atLeast);
  });

  describe.each(drills)('drill %s', (id) => {
    const scenario = getScenario(id);

    it('has success criteria, a par play, a hint ladder and contributing factors', () => {
      expect(scenario.success.length).toBeGreaterThan(0);
      expect(scenario.par.length).toBeGreaterThan(0);
      expect(scenario.rootCause.contributingFactors.length).toBeGreaterThan(0);
      expect(scenario.drill!.doNothing.length).toBeGreaterThan(10);
    });

    it.each([1, 2])('seed %i: doing nothing fails and par passes, burning no more of the budget', (seed) => {
      const nothing = doNothing(scenario, seed);
      const played = par(scenario, seed, nothing.until);
      expect(failing(nothing.summary).length, 'do-nothing should miss a success criterion').toBeGreaterThan(0);
      expect(failing(played.summary), 'par should meet every success criterion').toEqual([]);
      // Some harm is not errors (a stuck queue, stale reads): there par burns about the same as doing
      // nothing (both near zero), so allow a hundredth of a percent of the budget, never more.
      expect(played.burnedAt).toBeLessThanOrEqual(nothing.summary.errorBudget.burnedPercent + 0.01);
      expect(played.summary.actions.every((a) => a.accepted), JSON.stringify(played.summary.actions)).toBe(true);
      // Runs take seconds each, minutes on a loaded shared machine: more room than the default 5 s.
    }, 300_000);
  });
}
