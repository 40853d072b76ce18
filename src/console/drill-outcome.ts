/**
 * A finished drill as the end screen shows it and progress stores it: each success criterion
 * passed or failed, the budget burned, the incident's timings, and what was hidden until now (the
 * root cause and when the faults ran). Times are from the player's join (T+0), as on the clock.
 */
import { durationText, percentText } from './format';
import type { PlayerScenario, Reveal } from './protocol';

type Result = Reveal['summary']['success'][number];

/** The measured value in words, without the simulator's internal times (which include the warm-up). */
function measured(r: Result): string {
  if (r.value === null) return r.criterion.type === 'mitigated-within' && r.detail === 'no incident started' ? 'no incident started' : r.detail.startsWith('run ended') ? 'the run ended before its window' : 'not mitigated';
  switch (r.criterion.type) {
    case 'availability':
      return `measured ${percentText(r.value, 3)}`;
    case 'p99-latency':
      return `measured ${Math.round(r.value)} ms`;
    case 'mitigated-within':
      return `mitigated after ${durationText(r.value)}`;
    case 'error-budget':
      return `${r.value.toFixed(2)}% burned`;
    case 'max-duplicates':
      return `${r.value} duplicate ${r.criterion.dependency} calls`;
    case 'metric-mean':
      return `mean ${r.criterion.metric} ${+r.value.toFixed(4)}`;
    case 'max-lost-messages':
      return `${r.value} orders committed without their message`;
  }
}

export interface CriterionOutcome {
  text: string;
  passed: boolean;
  detail: string;
}

export interface DrillOutcome {
  passed: boolean;
  criteria: CriterionOutcome[];
  budgetBurnedPercent: number;
  /** Seconds from the incident's start until users stopped being hurt; null when they never stopped (or no incident). */
  mitigatedSeconds: number | null;
  timings: { mttd: number | null; mtta: number | null; mttm: number | null; mttr: number | null };
  rootCause: string;
  faults: { type: string; from: number; until: number | null }[];
}

export function drillOutcome(reveal: Reveal, scenario: PlayerScenario): DrillOutcome {
  const s = reveal.summary;
  const warm = scenario.warmupSeconds;
  const criteria = s.success.map((r, i) => ({ text: scenario.successCriteria[i] ?? r.criterion.type, passed: r.passed, detail: measured(r) }));
  return {
    passed: criteria.length > 0 && criteria.every((c) => c.passed),
    criteria,
    budgetBurnedPercent: s.errorBudget.burnedPercent,
    mitigatedSeconds: s.incident.mttm,
    timings: { mttd: s.incident.mttd, mtta: s.incident.mtta, mttm: s.incident.mttm, mttr: s.incident.mttr },
    rootCause: reveal.rootCause.summary,
    faults: reveal.faults.map((f) => ({ type: f.type, from: f.at - warm, until: f.until === null ? null : f.until - warm })),
  };
}

/** What progress keeps of a finished drill (store.recordDrillResult). */
export function drillResult(outcome: DrillOutcome, seed: number): { passed: boolean; budgetBurnedPercent: number; mitigatedSeconds: number | null; seed: number } {
  return { passed: outcome.passed, budgetBurnedPercent: Math.max(0, outcome.budgetBurnedPercent), mitigatedSeconds: outcome.mitigatedSeconds, seed };
}
