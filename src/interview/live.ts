/**
 * The solo troubleshooting interview: one drill with a fixed seed, a time limit and a win condition
 * taken from the scenario itself. The console (src/components/console on its own branch) runs it and
 * hands its log and summary to the result seam (src/components/interview/LiveInterviewResult.tsx).
 */
import type { ConsoleActionInput } from '../console/protocol';
import type { SuccessCriterion } from '../sim/scenarios/schema';

export const LIVE_INTERVIEW = {
  scenario: 'bad-deploy',
  seed: 7,
  /** Simulated seconds of healthy traffic before the candidate joins, so charts open with a baseline. */
  warmupSeconds: 300,
  /** Real minutes the candidate has; the scenario's 30 simulated minutes fit in it at normal speed. */
  timeLimitMinutes: 30,
  /** Each hint in solo mode costs a point (see MAX_HELP_PENALTY). */
  hintCost: 1,
} as const;

/** Where the console opens the interview's drill (the /drills/ route of the incident console, DESIGN.md). */
export function liveDrillHref(): string {
  return `/drills/${LIVE_INTERVIEW.scenario}/?seed=${LIVE_INTERVIEW.seed}&mode=interview`;
}

/** A recorded candidate's run, in seconds since they joined: used to show the report and to test the seam. */
export const SAMPLE_RUN: readonly { t: number; action: ConsoleActionInput }[] = [
  { t: 540, action: { type: 'acknowledge' } },
  { t: 545, action: { type: 'viewed', panel: 'alerts', focus: 'slo-burn-1h-5m firing' } },
  { t: 560, action: { type: 'viewed', panel: 'dashboards', focus: 'error rate and latency' } },
  { t: 580, action: { type: 'viewed', panel: 'timeline', focus: 'deploy of v2 at T+05:00' } },
  { t: 600, action: { type: 'declare-incident', severity: 2, summary: 'A quarter of shop API requests fail since the v2 deploy' } },
  { t: 605, action: { type: 'assign-role', role: 'IC', person: 'candidate' } },
  { t: 610, action: { type: 'viewed', panel: 'logs', focus: 'status 500 by version' } },
  { t: 615, action: { type: 'note', text: 'Hypothesis: v2 causes the 500s. If so, only v2 instances fail and v1 ones are clean.' } },
  { t: 620, action: { type: 'viewed', panel: 'service-map', focus: 'errors by instance version' } },
  { t: 630, action: { type: 'rollback' } },
  {
    t: 640,
    action: { type: 'status-update', impact: 'About 25% of requests fail', scope: 'All shop API users', currentAction: 'Rolling back v2', nextUpdateMinutes: 10 },
  },
  { t: 900, action: { type: 'viewed', panel: 'dashboards', focus: 'error rate after the rollback' } },
  { t: 960, action: { type: 'status-update', impact: 'Error rate back to its baseline since T+13:00', nextUpdateMinutes: 30 } },
  { t: 1000, action: { type: 'resolve-incident' } },
];

/** The same run as a console log (console time includes the warm-up). */
export function sampleLog(warmupSeconds: number = LIVE_INTERVIEW.warmupSeconds): { at: number; action: ConsoleActionInput }[] {
  return SAMPLE_RUN.map((e) => ({ at: e.t + warmupSeconds, action: e.action }));
}

/** A win condition in words (times in the scenario's own seconds, before any warm-up). */
export function describeCriterion(c: SuccessCriterion): string {
  const min = (s: number) => `${Math.round(s / 60)} min`;
  switch (c.type) {
    case 'mitigated-within':
      return `Users stop being hurt within ${min(c.seconds)} of the impact starting.`;
    case 'availability':
      return `Availability of at least ${(c.atLeast * 100).toFixed(1)}% from minute ${Math.round(c.from / 60)} to minute ${Math.round(c.to / 60)}.`;
    case 'error-budget':
      return `No more than ${c.maxBurnedPercent}% of the month's error budget burned.`;
    case 'p99-latency':
      return `p99 latency at most ${c.atMostMs} ms from minute ${Math.round(c.from / 60)} to minute ${Math.round(c.to / 60)}.`;
    case 'max-duplicates':
      return `At most ${c.atMost} duplicate ${c.dependency} calls (one request's effect applied twice).`;
    case 'metric-mean':
      return `${c.metric} averages at most ${c.atMost} from minute ${Math.round(c.from / 60)} to minute ${Math.round(c.to / 60)}.`;
    case 'max-lost-messages':
      return `At most ${c.atMost} orders committed whose message never reached the broker.`;
  }
}
