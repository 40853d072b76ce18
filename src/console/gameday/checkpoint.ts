/**
 * The Staff checkpoint: a game day the learner designed, run with its hypothesis judged, and
 * exported as a scenario file others can play. Recorded through the drill-result API under the id
 * below (progress keeps its schema version) and as the staff checkpoint.
 */
import type { GameDayReport } from './monitor';

export const STAFF_CHECKPOINT_ID = 'checkpoint-staff';

export interface CheckpointStore {
  recordDrillResult(drillId: string, result: { passed: boolean; budgetBurnedPercent: number; mitigatedSeconds: number | null; seed: number }): void;
  passCheckpoint(level: 'staff', drillId: string): void;
}

/** Whether a run and an export together pass the checkpoint: the hypothesis was judged (held or not: both teach) and the file was written. */
export function passesStaffCheckpoint(report: GameDayReport | undefined, exported: boolean): boolean {
  return Boolean(report?.hypothesis.evaluated) && exported;
}

/** Records a passed Staff checkpoint; returns false (recording nothing) when the run and export do not pass it. */
export function recordStaffCheckpoint(store: CheckpointStore, report: GameDayReport | undefined, exported: boolean, run: { budgetBurnedPercent: number; mitigatedSeconds: number | null; seed: number }): boolean {
  if (!passesStaffCheckpoint(report, exported)) return false;
  store.recordDrillResult(STAFF_CHECKPOINT_ID, { passed: true, budgetBurnedPercent: Math.max(0, run.budgetBurnedPercent), mitigatedSeconds: run.mitigatedSeconds, seed: run.seed });
  store.passCheckpoint('staff', STAFF_CHECKPOINT_ID);
  return true;
}
