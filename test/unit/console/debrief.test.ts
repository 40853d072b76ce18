import { describe, expect, it } from 'vitest';
import { measureEffectsNow } from '../../../src/console/debrief/effects';
import { grade, runFigures, type RunFigures } from '../../../src/console/debrief/figures';
import { draftPostmortem, eventLog, postmortemMarkdown } from '../../../src/console/debrief/postmortem';
import { ConsoleRun } from '../../../src/console/run';
import { doNothingSummary, parSummary } from '../../../src/console/debrief/references';
import type { SimulationSummary } from '../../../src/sim/index';

const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 5, warmupSeconds: 60 };

function play(actions: { at: number; action: unknown }[]) {
  const { run } = ConsoleRun.load({ ...settings, log: actions }, Infinity);
  return { run, summary: JSON.parse(run.summaryJson()) as SimulationSummary };
}

describe('measured effects', () => {
  it('removing a good action (the rollback) costs failed requests; removing a harmful one (scaling to zero) saves them', () => {
    const { run, summary } = play([
      { at: 700, action: { type: 'acknowledge' } },
      { at: 700, action: { type: 'declare-incident', severity: 2 } },
      { at: 720, action: { type: 'rollback' } },
      { at: 1200, action: { type: 'scale', replicas: 0 } },
    ]);
    const effects = measureEffectsNow(settings, run.log, run.end, summary);
    const by = (type: string) => effects.find((e) => e.type === type)!;
    expect(by('rollback').verdict).toBe('helped');
    expect(by('rollback').failedSaved).toBeGreaterThan(100);
    expect(by('scale').verdict).toBe('hurt');
    expect(by('scale').failedSaved).toBeLessThan(0);
    expect(by('declare-incident')).toMatchObject({ verdict: 'communication', failedSaved: 0 });
  });
});

describe('grade', () => {
  const fig = (budgetBurnedPercent: number, failed: number, passed = true): RunFigures => ({ budgetBurnedPercent, failed, shed: 0, mttd: null, mtta: null, mttm: null, mttr: null, criteria: [], passed });
  it('places the learner between doing nothing and par, and lets par be beaten', () => {
    expect(grade(fig(10, 1000), fig(2, 200), fig(10, 1000)).grade).toBe('F');
    expect(grade(fig(6, 600), fig(2, 200), fig(10, 1000))).toMatchObject({ grade: 'C', position: 0.5 });
    expect(grade(fig(2, 200), fig(2, 200), fig(10, 1000)).grade).toBe('A');
    expect(grade(fig(1, 100), fig(2, 200), fig(10, 1000))).toMatchObject({ grade: 'A+', beatsPar: true });
    expect(grade(fig(1, 100, false), fig(2, 200), fig(10, 1000)).grade).toBe('C');
  });
});

describe('postmortem draft', () => {
  it('lists the run’s event log entry for entry, and says what went well and badly from measured effects', () => {
    const { run, summary } = play([
      { at: 700, action: { type: 'acknowledge' } },
      { at: 710, action: { type: 'status-update', impact: 'Checkout failing for 1 in 5', nextUpdateMinutes: 15 } },
      { at: 720, action: { type: 'rollback' } },
    ]);
    const effects = measureEffectsNow(settings, run.log, run.end, summary);
    const draft = draftPostmortem({ title: 'Bad deploy', warmupSeconds: 60, summary, log: run.log, effects, rootCause: 'v2 fails 20%', contributingFactors: ['no canary analysis'] });
    expect(draft.timeline).toEqual(eventLog({ summary, log: run.log, warmupSeconds: 60 }));
    expect(draft.timeline.filter((e) => e.kind === 'action' || e.kind === 'communication')).toHaveLength(run.log.length);
    expect(draft.timeline.map((e) => e.t)).toEqual([...draft.timeline.map((e) => e.t)].sort((a, b) => a - b));
    expect(draft.wentWell.some((w) => w.startsWith('rollback'))).toBe(true);
    expect(draft.actionItems).toEqual([{ text: 'Address: no canary analysis', factor: 'no canary analysis', owner: '' }]);
    const md = postmortemMarkdown(draft);
    expect(md).toMatch(/^# Postmortem: Bad deploy/);
    expect(md).toContain('| T+11:00 | action: rollback |');
    expect(runFigures(summary).failed).toBe(summary.errors);
  });
});

describe('par and doing nothing, as the console plays them (after the warm-up)', () => {
  it.each(['bad-deploy', 'cache-flush-stampede', 'retry-storm'])('%s: par meets the success criteria and doing nothing does not', (id) => {
    const s = { source: { kind: 'builtin' as const, id }, seed: 3, warmupSeconds: 1800 };
    const par = runFigures(parSummary(s));
    const nothing = runFigures(doNothingSummary(s));
    expect(par.passed).toBe(true);
    expect(nothing.passed).toBe(false);
    expect(grade(par, par, nothing).grade).toBe('A');
    expect(grade(nothing, par, nothing).grade).toBe('F');
  });
});
