/**
 * Every drill (a scenario with drill metadata): doing nothing fails its success criteria and its
 * reference play ("par") meets them, on two seeds, so a drill is neither unwinnable nor won by
 * waiting. The same property as the every-sandbox test, for the simulator.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, getScenario, parseScenario, SCENARIO_IDS } from '../../../src/sim/index';

const drills = SCENARIO_IDS.filter((id) => parseScenario(getScenario(id)).drill);

function play(id: string, seed: number, par: boolean) {
  const scenario = parseScenario(getScenario(id));
  const sim = createSimulation(scenario, { seed, actions: par ? scenario.par : [] });
  sim.runUntil(scenario.durationSeconds);
  return sim.summary();
}

it('checks every registered drill and checkpoint', () => {
  // Every built-in scenario except the baseline is a drill; none may slip out of this property.
  expect(drills).toEqual(SCENARIO_IDS.filter((id) => id !== 'baseline'));
  expect(drills.length).toBeGreaterThanOrEqual(23);
});

describe.each(drills)('drill %s', (id) => {
  const scenario = parseScenario(getScenario(id));

  it('has success criteria, a par play, a hint ladder and contributing factors', () => {
    expect(scenario.success.length).toBeGreaterThan(0);
    expect(scenario.par.length).toBeGreaterThan(0);
    expect(scenario.rootCause.contributingFactors.length).toBeGreaterThan(0);
    expect(scenario.drill!.doNothing.length).toBeGreaterThan(10);
  });

  it.each([1, 2])('seed %i: doing nothing fails and par passes, burning less of the budget', (seed) => {
    const nothing = play(id, seed, false);
    const par = play(id, seed, true);
    const failing = (s: typeof par) => s.success.filter((c) => !c.passed).map((c) => c.detail);
    expect(failing(nothing).length, 'do-nothing should miss a success criterion').toBeGreaterThan(0);
    expect(failing(par), 'par should meet every success criterion').toEqual([]);
    expect(par.errorBudget.burnedPercent).toBeLessThan(nothing.errorBudget.burnedPercent);
    expect(par.actions.every((a) => a.accepted), JSON.stringify(par.actions)).toBe(true);
    // Four half-hour runs: minutes on a loaded shared machine, so more room than the default 30 s.
  }, 300_000);
});
