import { describe, expect, it } from 'vitest';
import { sampleLog } from '../../../src/interview/live';
import { buildInterviewReport, reportJson, reportMarkdown, REPORT_FORMAT, type InterviewReport } from '../../../src/interview/report';
import { replayInterview } from '../../../src/interview/replay';

const W = 60;
const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 7, warmupSeconds: W };

describe('the interview report', () => {
  const { report, summary, log, effects } = replayInterview(settings, sampleLog(W), {
    candidate: 'Ada',
    generatedAt: '2026-01-05T10:00:00.000Z',
    hints: [{ at: W + 590, text: 'What changed just before the errors started?' }],
    nudges: [],
    notes: 'Thought aloud throughout; checked v1 instances were clean before rolling back.',
  });

  it('has the scores with evidence, time to mitigate, budget burned, hints and notes', () => {
    expect(report).toMatchObject({
      format: REPORT_FORMAT,
      version: 1,
      candidate: 'Ada',
      scenario: { id: 'bad-deploy', title: 'The Friday deploy', seed: 7, warmupSeconds: W },
      maxPoints: 20,
      penalty: 1,
      passed: true,
      notes: expect.stringMatching(/Thought aloud/),
    });
    expect(report.scores.map((s) => [s.id, s.level])).toEqual([
      ['triage', 4],
      ['investigation', 4],
      ['mitigation', 4],
      ['verification', 4],
      ['communication', 4],
    ]);
    expect(report.points).toBe(19);
    expect(report.timeToMitigateSeconds).toBe(summary.incident.mttm);
    expect(report.timeToMitigateSeconds).toBeGreaterThan(0);
    expect(report.budgetBurnedPercent).toBeCloseTo(summary.errorBudget.burnedPercent, 2);
    // The rollback's measured effect is the evidence that the first action stabilised the system.
    const rollback = log.findIndex((l) => l.action.type === 'rollback');
    expect(effects[rollback]!.verdict).toBe('helped');
    expect(report.scores[2]!.evidence).toContainEqual(expect.objectContaining({ logIndex: rollback, t: 630, kind: 'for' }));
  });

  it('exports Markdown with times pointing into the replay', () => {
    const md = reportMarkdown(report, { replayHref: (at) => `/drills/bad-deploy/?seed=7#t=${at}` });
    expect(md).toMatch(/^# Troubleshooting interview: The Friday deploy/);
    expect(md).toContain('**Score: 19 / 20** (1 off for hints and nudges)');
    expect(md).toMatch(/- Time to mitigate: \d+ min \d+ s/);
    expect(md).toContain('| Investigation | 4 · Strong |');
    expect(md).toContain(`[T+10:30](/drills/bad-deploy/?seed=7#t=${W + 630})`);
    expect(md).toContain('hint: What changed just before the errors started?');
    expect(md).toContain('## Interviewer notes\n\nThought aloud throughout');
    expect(reportMarkdown(report)).toContain('- T+10:15 ✓ wrote a hypothesis');
  });

  it('exports JSON that parses back to the same report', () => {
    const back = JSON.parse(reportJson(report)) as InterviewReport;
    expect(back).toEqual(report);
  });

  it('builds from a summary without measured effects (the page can show it before effects finish)', () => {
    const quick = buildInterviewReport({ scenario: report.scenario, seed: 7, warmupSeconds: W, log, summary, generatedAt: report.generatedAt });
    expect(quick.scores[2]!.level).toBe(3);
    expect(quick).toMatchObject({ candidate: 'Candidate', penalty: 0, notes: '', hints: [], nudges: [] });
    expect(reportMarkdown(quick)).toContain('## Interviewer notes\n\n(none)');
  });
});
