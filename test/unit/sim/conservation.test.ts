import { describe, expect, it } from 'vitest';
import { createSimulation, getScenario, type ScenarioInput } from '../../../src/sim/index';
import { stopArrivals } from '../../../src/sim/core/dataplane';
import { defaultScenario } from './helpers';

function checkEverySecond(input: ScenarioInput, seed: number, until: number, drainAfter: number) {
  const sim = createSimulation(input, { seed, series: false });
  let seconds = 0;
  const violations: string[] = [];
  sim.onSecond((s) => {
    seconds++;
    const live = sim.dp.logical.countLive();
    if (s.arrived !== s.succeeded + s.failed + s.shed + live) {
      violations.push(`t=${s.t}: arrived ${s.arrived} != ${s.succeeded} + ${s.failed} + ${s.shed} + ${live}`);
    }
    if (live !== s.inFlight) violations.push(`t=${s.t}: table holds ${live} live requests, counter says ${s.inFlight}`);
    if (sim.dp.attempts.countLive() !== s.attemptsInFlight) violations.push(`t=${s.t}: attempt table and counter disagree`);
  });
  stopArrivals(sim.dp, drainAfter);
  sim.runUntil(until);
  return { sim, seconds, violations };
}

describe('conservation: arrived = succeeded + failed + shed + in flight, every simulated second', () => {
  it.each([
    ['retry-storm', 600, 420],
    ['cache-flush-stampede', 900, 800],
    ['bad-deploy', 600, 540],
  ])('%s', (id, until, drainAfter) => {
    const { sim, seconds, violations } = checkEverySecond(getScenario(id), 3, until, drainAfter);
    expect(seconds).toBe(until);
    expect(violations).toEqual([]);
    // After arrivals stop, everything drains: no request or attempt is leaked.
    expect(sim.dp.logical.live).toBe(0);
    expect(sim.dp.attempts.live).toBe(0);
    expect(sim.dp.arrived).toBeGreaterThan(1000);
  });

  it('with crashes, partitions, hangs and failover', () => {
    const s = defaultScenario({
      faults: [
        { type: 'crash-loop', at: 20, duration: 60, uptimeSeconds: 8 },
        { type: 'network-partition', at: 90, duration: 30, between: 'app-db' },
        { type: 'dependency-outage', at: 130, duration: 40, mode: 'hang' },
        { type: 'db-primary-loss', at: 180 },
        { type: 'pool-exhaustion', at: 60, duration: 100, perSecond: 1 },
      ],
    });
    const { sim, violations } = checkEverySecond(s, 8, 320, 260);
    expect(violations).toEqual([]);
    expect(sim.dp.logical.live).toBe(0);
    expect(sim.dp.attempts.live).toBe(0);
    expect(sim.summary().errors).toBeGreaterThan(0);
  });
});
