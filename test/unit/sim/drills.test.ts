/**
 * Every drill (a scenario with drill metadata) is checked: doing nothing fails its success criteria
 * and its reference play ("par") meets them, on two seeds, so a drill is neither unwinnable nor won
 * by waiting. The property runs per level in drills-<level>.test.ts (parallel workers); this file
 * makes sure no registered drill falls outside those levels.
 */
import { expect, it } from 'vitest';
import { getScenario, SCENARIO_IDS } from '../../../src/sim/index';
import { drillsAt } from './drill-property';

it('checks every registered drill and checkpoint, each at one level', () => {
  // Every built-in scenario except the baseline is a drill; none may slip out of the property.
  const checked = (['junior', 'mid', 'senior', 'staff'] as const).flatMap((l) => drillsAt(l));
  expect([...checked].sort()).toEqual(SCENARIO_IDS.filter((id) => id !== 'baseline').sort());
  expect(checked.length).toBeGreaterThanOrEqual(32);
  expect(SCENARIO_IDS.filter((id) => getScenario(id).drill?.checkpoint !== undefined)).toHaveLength(3);
});
