import { describe, expect, it } from 'vitest';
import { ConsoleRun } from '../../../src/console/run';
import type { SimulationSummary } from '../../../src/sim/index';
import type { LoggedAction } from '../../../src/console/protocol';
import { RUBRIC, scoreRun, totalPoints, DIMENSIONS, type DimensionScore } from '../../../src/interview/rubric';
import { outcomeOf } from '../../../src/interview/report';
import { sampleLog } from '../../../src/interview/live';
import { ObservationGate, logsFilterFocus } from '../../../src/console/observations';

const W = 60;
const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 7, warmupSeconds: W };

/** Replays a hand-built log (times since the player joined) on bad-deploy and returns the logged run and its outcome. */
function replay(entries: { t: number; action: unknown }[]) {
  const { run } = ConsoleRun.load({ ...settings, log: entries.map((e) => ({ at: e.t + W, action: e.action })) }, Infinity);
  const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
  return { log: run.log, outcome: outcomeOf(summary), summary };
}

const by = (scores: DimensionScore[], id: string) => scores.find((s) => s.id === id)!;

describe('the rubric', () => {
  it('has five dimensions with four anchored levels each', () => {
    expect(RUBRIC.map((d) => d.id)).toEqual([...DIMENSIONS]);
    for (const d of RUBRIC) for (const l of [1, 2, 3, 4] as const) expect(d.levels[l].length, `${d.id} ${l}`).toBeGreaterThan(20);
  });
});

describe('evidence from a run\'s action log (bad-deploy, replayed)', () => {
  // Rolls back at once: no look at anything first.
  const blind = replay([
    { t: 540, action: { type: 'acknowledge' } },
    { t: 545, action: { type: 'rollback' } },
    { t: 560, action: { type: 'resolve-incident' } },
  ]);
  // Looks at the impact, the timeline and the logs, writes a hypothesis, then rolls back.
  const careful = replay(sampleLog(W).map((e) => ({ t: e.at - W, action: e.action })));

  it('a run that rolls back blind scores lower on investigation than one that looked first', () => {
    const a = scoreRun({ log: blind.log, warmupSeconds: W, outcome: blind.outcome });
    const b = scoreRun({ log: careful.log, warmupSeconds: W, outcome: careful.outcome });
    expect(by(a, 'investigation').level).toBe(1);
    expect(by(a, 'investigation').evidence).toEqual([expect.objectContaining({ kind: 'against', t: 545, logIndex: 1, text: expect.stringMatching(/acted blind/) })]);
    expect(by(b, 'investigation').level).toBe(4);
    expect(by(b, 'investigation').level).toBeGreaterThan(by(a, 'investigation').level);
    expect(by(b, 'investigation').evidence.map((e) => e.t)).toEqual([545, 560, 580, 610, 615, 620]);
  });

  it('the looks the console records lift triage and investigation over a blind rollback at the same second', () => {
    // What the console logs when a candidate opens the firing alert, a chart group, the timeline and
    // filters the logs (observations.ts decides; repeats within a minute are dropped), then rolls back.
    const gate = new ObservationGate();
    const clicks = [
      { t: 541, panel: 'alerts' as const, focus: 'SLO burn (1h/5m) firing' },
      { t: 542, panel: 'alerts' as const, focus: 'SLO burn (1h/5m) firing' },
      { t: 548, panel: 'dashboards' as const, focus: 'charts: shop-api' },
      { t: 552, panel: 'timeline' as const, focus: 'recent changes: latest deploy T+05:00 deploy v2' },
      { t: 560, panel: 'logs' as const, focus: logsFilterFocus({ level: 'error' }) },
      { t: 561, panel: 'logs' as const, focus: logsFilterFocus({ level: 'error' }) },
    ];
    const looks = clicks.flatMap((c) => {
      const action = gate.admit({ panel: c.panel, focus: c.focus }, c.t + W);
      return action ? [{ t: c.t, action }] : [];
    });
    expect(looks).toHaveLength(4);
    const rollbackAt = { t: 565, action: { type: 'rollback' } };
    const looked = replay([{ t: 540, action: { type: 'acknowledge' } }, ...looks, rollbackAt]);
    const blindSame = replay([{ t: 540, action: { type: 'acknowledge' } }, rollbackAt]);
    const a = scoreRun({ log: blindSame.log, warmupSeconds: W, outcome: blindSame.outcome });
    const b = scoreRun({ log: looked.log, warmupSeconds: W, outcome: looked.outcome });
    // Same system outcome (looking changes nothing), different judgement of how they worked.
    expect(looked.summary).toEqual(blindSame.summary);
    expect([by(a, 'triage').level, by(a, 'investigation').level]).toEqual([1, 1]);
    expect([by(b, 'triage').level, by(b, 'investigation').level]).toEqual([3, 3]);
    expect(by(b, 'investigation').evidence.map((e) => [e.t, e.kind])).toEqual([
      [541, 'for'],
      [548, 'for'],
      [552, 'for'],
      [560, 'for'],
    ]);
    expect(by(b, 'triage').evidence.map((e) => e.text)).toEqual([
      'checked the impact: looked at alerts (SLO burn (1h/5m) firing)',
      'checked recent changes: looked at timeline (recent changes: latest deploy T+05:00 deploy v2)',
    ]);
  });

  it('scores triage, verification and communication from what the log shows', () => {
    const a = scoreRun({ log: blind.log, warmupSeconds: W, outcome: blind.outcome });
    const b = scoreRun({ log: careful.log, warmupSeconds: W, outcome: careful.outcome });
    expect(a.map((s) => s.level)).toEqual([1, 1, 3, 1, 1]);
    expect(b.map((s) => s.level)).toEqual([4, 4, 3, 4, 4]);
    // The blind run resolved while users were still failing: the rollback takes minutes to roll out.
    expect(blind.outcome.mitigatedAt).toBeGreaterThan(560 + W);
    expect(by(a, 'verification').evidence).toContainEqual(expect.objectContaining({ text: 'resolved while users were still being hurt', kind: 'against' }));
    expect(by(b, 'communication').evidence).toContainEqual(expect.objectContaining({ t: 640, text: 'status update, next promised in 10 min', kind: 'for' }));
  });

  it('mitigation reads the measured harm of each action', () => {
    const log: LoggedAction[] = careful.log;
    const rollback = log.findIndex((l) => l.action.type === 'rollback');
    const helped = log.map((l, index) => ({ index, at: l.at, type: l.action.type, failedSaved: index === rollback ? 30_000 : 0, budgetSaved: 0, verdict: index === rollback ? ('helped' as const) : ('no measurable effect' as const) }));
    expect(by(scoreRun({ log, warmupSeconds: W, outcome: careful.outcome, effects: helped }), 'mitigation').level).toBe(4);
    const hurt = helped.map((e) => (e.index === rollback ? { ...e, failedSaved: -500, verdict: 'hurt' as const } : e));
    const scored = by(scoreRun({ log, warmupSeconds: W, outcome: careful.outcome, effects: hurt }), 'mitigation');
    expect(scored.level).toBe(2);
    expect(scored.evidence).toContainEqual(expect.objectContaining({ kind: 'against', text: expect.stringMatching(/rollback hurt users: 500 more failed requests/) }));
    // Never mitigated: users still hurt at the end.
    const none = replay([{ t: 540, action: { type: 'acknowledge' } }]);
    expect(by(scoreRun({ log: none.log, warmupSeconds: W, outcome: none.outcome }), 'mitigation').level).toBe(1);
  });

  it('a hard-to-undo action, or two changes at once, keeps mitigation below Strong', () => {
    const flush = replay([
      { t: 540, action: { type: 'viewed', panel: 'dashboards' } },
      { t: 545, action: { type: 'rollback' } },
      { t: 550, action: { type: 'flush-cache' } },
    ]);
    const s = by(scoreRun({ log: flush.log, warmupSeconds: W, outcome: flush.outcome }), 'mitigation');
    expect(s.level).toBe(2);
    expect(s.evidence.filter((e) => e.kind === 'against').map((e) => e.text)).toEqual(['flush cache is hard to undo', expect.stringMatching(/less than 60 s after the previous change/)]);
  });

  it('hints and nudges cost a point each, up to five', () => {
    const b = scoreRun({ log: careful.log, warmupSeconds: W, outcome: careful.outcome });
    expect(totalPoints(b, 0)).toEqual({ points: 19, max: 20, penalty: 0 });
    expect(totalPoints(b, 2)).toEqual({ points: 17, max: 20, penalty: 2 });
    expect(totalPoints(b, 9).penalty).toBe(5);
  });
});
