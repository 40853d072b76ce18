/**
 * Checkpoints on the path: each level's checkpoint drill exists (and is reachable from the path, which
 * links LEVEL_INFO's drills), and "passed" is derived from drill results already in progress.
 */
import { describe, expect, it } from 'vitest';
import { checkpointStatus } from '../../../src/curriculum/checkpoints';
import { LEVEL_INFO } from '../../../src/curriculum/path';
import { emptyProgress, type DrillResult, type Progress } from '../../../src/progress/schema';
import { getScenario, SCENARIO_IDS } from '../../../src/sim/index';

const result = (passed: boolean, at = '2026-12-01T10:00:00.000Z'): DrillResult => ({ at, passed, budgetBurnedPercent: 1.2, mitigatedSeconds: 300, seed: 1 });

function withDrill(p: Progress, id: string, best: DrillResult, last = best): Progress {
  return { ...p, drills: { ...p.drills, [id]: { best, last, attempts: 1 } } };
}

describe('checkpoints on the path', () => {
  it('every checkpoint scenario is the drill its level links to, and every linked drill is that level\'s checkpoint', () => {
    const checkpoints = SCENARIO_IDS.filter((id) => getScenario(id).drill?.checkpoint !== undefined);
    expect(checkpoints.sort()).toEqual(['checkpoint-junior', 'checkpoint-mid', 'checkpoint-senior']);
    for (const [level, info] of Object.entries(LEVEL_INFO)) {
      if (level === 'staff') {
        expect(info.drill).toBeUndefined(); // a game day the learner designs: not a built-in scenario
        continue;
      }
      expect(info.drill, level).toBeDefined();
      expect(getScenario(info.drill!).drill).toMatchObject({ checkpoint: level, level });
    }
  });

  it('is not passed with no progress, no run, or only failed runs', () => {
    const empty = emptyProgress(new Date('2026-12-01T00:00:00Z'));
    expect(checkpointStatus(null, 'junior')).toEqual({ level: 'junior', drill: 'checkpoint-junior', passed: false, passedAt: null });
    expect(checkpointStatus(empty, 'junior').passed).toBe(false);
    expect(checkpointStatus(withDrill(empty, 'checkpoint-junior', result(false)), 'junior').passed).toBe(false);
  });

  it('is passed once the checkpoint drill\'s best run met every criterion, with that run\'s time', () => {
    const empty = emptyProgress(new Date('2026-12-01T00:00:00Z'));
    const p = withDrill(empty, 'checkpoint-junior', result(true, '2026-12-02T09:30:00.000Z'), result(false));
    expect(checkpointStatus(p, 'junior')).toEqual({ level: 'junior', drill: 'checkpoint-junior', passed: true, passedAt: '2026-12-02T09:30:00.000Z' });
    // Passing another level's drill, or an ordinary drill, passes nothing else.
    expect(checkpointStatus(p, 'mid').passed).toBe(false);
    expect(checkpointStatus(withDrill(empty, 'bad-deploy', result(true)), 'junior').passed).toBe(false);
  });

  it('also counts a checkpoint progress already recorded, and staff (no drill) only that way', () => {
    const empty = emptyProgress(new Date('2026-12-01T00:00:00Z'));
    const recorded: Progress = { ...empty, checkpoints: { staff: { passedAt: '2026-12-03T12:00:00.000Z', drill: 'my-game-day' } } };
    expect(checkpointStatus(recorded, 'staff')).toEqual({ level: 'staff', drill: null, passed: true, passedAt: '2026-12-03T12:00:00.000Z' });
    expect(checkpointStatus(empty, 'staff')).toEqual({ level: 'staff', drill: null, passed: false, passedAt: null });
  });
});
