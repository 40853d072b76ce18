import { describe, expect, it, vi } from 'vitest';
import { debriefCommand } from '../../../src/cli/debrief';

// Both commands below judge the same run (scenario, seed, log): the real debrief is computed once, by
// whichever test runs first, and the other formats that same result. A test run on its own computes it.
vi.mock('../../../src/console/debrief/report', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/console/debrief/report')>();
  const computed = new Map<string, ReturnType<typeof real.debriefReport>>();
  return {
    ...real,
    debriefReport: (settings: Parameters<typeof real.debriefReport>[0]) => {
      const key = JSON.stringify(settings);
      if (!computed.has(key)) computed.set(key, real.debriefReport(settings));
      return structuredClone(computed.get(key)!);
    },
  };
});

const log = [
  { at: 560, action: { type: 'acknowledge' } },
  { at: 565, action: { type: 'declare-incident', severity: 2 } },
  { at: 600, action: { type: 'rollback' } },
];

// Each command replays whole runs (par, doing nothing, one per action): a shared machine needs more than the default limit.
describe('npm run sim -- <scenario> --debrief / --postmortem', { timeout: 300_000 }, () => {
  it('--debrief --json prints the learner, par and do-nothing figures, the grade and each action’s measured effect', () => {
    const report = JSON.parse(debriefCommand({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 7, log, json: true, postmortem: false }));
    expect(Object.keys(report).sort()).toEqual(['contributingFactors', 'doNothing', 'effects', 'grade', 'learner', 'par', 'rootCause', 'scenario', 'seed', 'warmupSeconds']);
    for (const run of ['learner', 'par', 'doNothing']) {
      expect(Object.keys(report[run]).sort()).toEqual(['budgetBurnedPercent', 'criteria', 'failed', 'mtta', 'mttd', 'mttm', 'mttr', 'passed', 'shed']);
    }
    expect(report.learner.passed).toBe(true);
    expect(report.doNothing.passed).toBe(false);
    expect(['A+', 'A']).toContain(report.grade.grade);
    expect(report.effects.map((e: { type: string; verdict: string }) => [e.type, e.verdict])).toEqual([
      ['acknowledge', 'no measurable effect'],
      ['declare-incident', 'communication'],
      ['rollback', 'helped'],
    ]);
  });

  it('--postmortem prints a Markdown draft whose timeline holds every action', () => {
    const md = debriefCommand({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 7, log, json: false, postmortem: true });
    expect(md).toMatch(/^# Postmortem: The Friday deploy/);
    for (const section of ['## Summary', '## Impact', '## Timeline', '## Root cause', '## Contributing factors', '## What went well', '## What went badly', '## Action items']) expect(md).toContain(section);
    expect(md).toContain('| T+10:00 | action: rollback |');
    expect(md).toContain('| T+09:25 | communication: incident declared, SEV-2 |');
  });
});
