/**
 * The numbers a debrief compares runs on: user harm (error budget, failed and shed requests), the
 * incident's timings and the scenario's success criteria. Taken from a run's summary.
 */
import type { SimulationSummary } from '../../sim/index';

export interface RunFigures {
  budgetBurnedPercent: number;
  failed: number;
  shed: number;
  /** Seconds, or null when the milestone never happened. */
  mttd: number | null;
  mtta: number | null;
  mttm: number | null;
  mttr: number | null;
  criteria: { text: string; passed: boolean; detail: string }[];
  passed: boolean;
}

export function runFigures(summary: SimulationSummary): RunFigures {
  const criteria = summary.success.map((c) => ({ text: c.criterion.type, passed: c.passed, detail: c.detail }));
  return {
    budgetBurnedPercent: summary.errorBudget.burnedPercent,
    failed: summary.errors,
    shed: summary.shed,
    mttd: summary.incident.mttd,
    mtta: summary.incident.mtta,
    mttm: summary.incident.mttm,
    mttr: summary.incident.mttr,
    criteria,
    passed: criteria.length > 0 && criteria.every((c) => c.passed),
  };
}

export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F';

export interface GradeResult {
  grade: Grade;
  /**
   * Where the learner landed on user harm between doing nothing (0) and the reference play (1);
   * above 1 beats it. Harm is error budget burned; failed requests break ties.
   */
  position: number;
  beatsPar: boolean;
  explanation: string;
}

/**
 * The grade follows from harm avoided, not from which buttons were pressed: a learner who found a
 * different fix that hurt users less than the reference play beats par.
 */
export function grade(learner: RunFigures, par: RunFigures, doNothing: RunFigures): GradeResult {
  const span = doNothing.budgetBurnedPercent - par.budgetBurnedPercent;
  let position: number;
  if (span > 1e-9) position = (doNothing.budgetBurnedPercent - learner.budgetBurnedPercent) / span;
  else {
    // Par and doing nothing burn the same budget: compare failed requests instead.
    const failedSpan = doNothing.failed - par.failed;
    position = failedSpan > 0 ? (doNothing.failed - learner.failed) / failedSpan : learner.failed <= par.failed ? 1 : 0;
  }
  position = Math.round(position * 1000) / 1000;
  const beatsPar = learner.budgetBurnedPercent < par.budgetBurnedPercent - 1e-9 || (learner.budgetBurnedPercent <= par.budgetBurnedPercent + 1e-9 && learner.failed < par.failed);
  const g: Grade = beatsPar && learner.passed ? 'A+' : position >= 0.9 ? 'A' : position >= 0.7 ? 'B' : position >= 0.45 ? 'C' : position >= 0.2 ? 'D' : 'F';
  // A run that misses the scenario's success criteria is capped, whatever it saved.
  const capped: Grade = !learner.passed && (g === 'A+' || g === 'A' || g === 'B') ? 'C' : g;
  const pct = (x: number) => `${x.toFixed(2)}%`;
  const explanation =
    `Doing nothing burns ${pct(doNothing.budgetBurnedPercent)} of the error budget; the reference play burns ${pct(par.budgetBurnedPercent)}; ` +
    `your run burned ${pct(learner.budgetBurnedPercent)}, ${Math.round(Math.max(0, position) * 100)}% of the way from doing nothing to par` +
    (beatsPar ? ', better than par.' : '.') +
    (capped !== g ? ' Capped at C: the success criteria were not all met.' : '');
  return { grade: capped, position, beatsPar, explanation };
}
