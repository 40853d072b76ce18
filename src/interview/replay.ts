/**
 * Builds an interview report headless from a recorded log: plays it to the end on its scenario and
 * seed, measures each action's effect by replaying without it, and scores it. Slow (one full run per
 * system action), so the browser does this in the console's worker; tests and the build call it directly.
 */
import { measureEffectsNow, type ActionEffect } from '../console/debrief/effects';
import type { LoggedAction } from '../console/protocol';
import { ConsoleRun, type RunSettings } from '../console/run';
import type { SimulationSummary } from '../sim/index';
import { buildInterviewReport, type InterviewReport, type InterviewReportInput } from './report';

/** Plays a recorded log to the end, measures each action's effect and builds the report. Slow: one run per system action. */
export function replayInterview(
  settings: RunSettings & { source: { kind: 'builtin'; id: string } },
  log: readonly { at: number; action: unknown }[],
  extras: Omit<InterviewReportInput, 'scenario' | 'seed' | 'warmupSeconds' | 'log' | 'summary' | 'effects'>,
): { report: InterviewReport; summary: SimulationSummary; log: LoggedAction[]; effects: ActionEffect[] } {
  const { run } = ConsoleRun.load({ ...settings, log }, Infinity);
  const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
  const effects = measureEffectsNow(settings, run.log, run.end, summary);
  const report = buildInterviewReport({
    ...extras,
    scenario: { id: run.scenario.id, title: run.scenario.title },
    seed: settings.seed,
    warmupSeconds: settings.warmupSeconds,
    log: run.log,
    summary,
    effects,
  });
  return { report, summary, log: run.log, effects };
}
