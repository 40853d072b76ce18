/**
 * The whole debrief of one run as data: the learner's figures beside par's and doing nothing's,
 * the grade, and the measured effect of each action. The page computes it in the worker; the CLI
 * (`npm run sim -- <scenario> --actions f.json --debrief --json`) prints it.
 */
import type { SimulationSummary } from '../../sim/index';
import type { LoggedAction } from '../protocol';
import { CHECKPOINT_EVERY_SECONDS } from '../checkpoints';
import { ConsoleRun, resolveScenario, type RunSettings } from '../run';
import { measureEffectsNow, type ActionEffect } from './effects';
import { grade, runFigures, type GradeResult, type RunFigures } from './figures';
import { draftPostmortem, type PostmortemDraft } from './postmortem';
import { referenceRuns } from './references';

export interface DebriefReport {
  scenario: string;
  seed: number;
  warmupSeconds: number;
  learner: RunFigures;
  par: RunFigures;
  doNothing: RunFigures;
  grade: GradeResult;
  effects: ActionEffect[];
  rootCause: string;
  contributingFactors: string[];
}

/** Plays the learner's log to the end and judges it: par, doing nothing and a replay per system action, each from a checkpoint. */
export function debriefReport(settings: RunSettings): { report: DebriefReport; summary: SimulationSummary; log: LoggedAction[]; postmortem: PostmortemDraft } {
  const scenario = resolveScenario(settings.source);
  // Checkpoints kept on the way let the replays below start from them, as the page's do.
  const { run } = ConsoleRun.load(settings, Infinity, { frames: false, checkpointEvery: CHECKPOINT_EVERY_SECONDS });
  const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
  const learner = runFigures(summary);
  const references = referenceRuns(settings, run.checkpoints);
  const par = runFigures(references.par());
  const doNothing = runFigures(references.doNothing());
  const effects = measureEffectsNow(settings, run.log, run.end, summary, run.checkpoints);
  const report: DebriefReport = {
    scenario: scenario.id,
    seed: settings.seed,
    warmupSeconds: settings.warmupSeconds,
    learner,
    par,
    doNothing,
    grade: grade(learner, par, doNothing),
    effects,
    rootCause: scenario.rootCause.summary,
    contributingFactors: scenario.rootCause.contributingFactors,
  };
  const postmortem = draftPostmortem({
    title: scenario.title,
    warmupSeconds: settings.warmupSeconds,
    summary,
    log: run.log,
    effects,
    rootCause: scenario.rootCause.summary,
    contributingFactors: scenario.rootCause.contributingFactors,
  });
  return { report, summary, log: run.log, postmortem };
}
