/**
 * The interviewer-led interview: the nudge log and live scores (no UI), the report fields they add, and
 * a whole interview in one process: the interviewer's page logic (the workshop's FacilitatorCore with
 * the simulation in-process) hosting a room over a real BroadcastChannel, the candidate's page logic
 * (PlayerLink and its own console machine) joining it, a nudge sent and seen, the candidate's looks and
 * rollback in the interviewer's log, and the report from that log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { FrameStore } from '../../../src/console/frame-store';
import { inProcessConnection } from '../../../src/console/in-process-connection';
import { consoleMachine } from '../../../src/console/machine';
import { ConsoleRun } from '../../../src/console/run';
import { initialInterviewer, interviewerReducer, interviewerReportPart, makeNudge, NUDGES, NudgeError } from '../../../src/interview/interviewer';
import { LIVE_INTERVIEW } from '../../../src/interview/live';
import { hostLocalRoom, joinLocalRoom, newSeatId } from '../../../src/interview/local-room';
import { buildInterviewReport, reportJson, reportMarkdown } from '../../../src/interview/report';
import { DIMENSIONS } from '../../../src/interview/rubric';
import { getScenario, type SimulationSummary } from '../../../src/sim/index';
import { FacilitatorCore } from '../../../src/workshop/facilitator';
import { PlayerLink } from '../../../src/workshop/player';
import { workshopScript } from '../../../src/workshop/script';
import { until } from '../workshop/harness';

const W = 60;

describe('the nudge log and live scores', () => {
  it('has prepared nudges for every rubric dimension', () => {
    for (const d of DIMENSIONS) expect(NUDGES[d].length, d).toBeGreaterThanOrEqual(2);
  });

  it('checks a nudge and says what to change', () => {
    expect(makeNudge('  What changed\n recently? ', 'triage', 400)).toEqual({ at: 400, text: 'What changed recently?', dimension: 'triage' });
    expect(() => makeNudge('   ', null, 400)).toThrow(NudgeError);
    expect(() => makeNudge('   ', null, 400)).toThrow(/empty: choose a prepared one or type/);
    expect(() => makeNudge('x'.repeat(301), null, 400)).toThrow(/301 characters; keep it under 300/);
    expect(() => makeNudge('ok', 'charisma' as never, 400)).toThrow(/no rubric dimension "charisma"/);
  });

  it('logs nudges in order and keeps the interviewer\'s scores, notes and overall notes', () => {
    let s = initialInterviewer();
    s = interviewerReducer(s, { type: 'NUDGED', nudge: makeNudge(NUDGES.investigation[0]!, 'investigation', 700) });
    s = interviewerReducer(s, { type: 'NUDGED', nudge: makeNudge('Take your time.', null, 760) });
    s = interviewerReducer(s, { type: 'SCORED', dimension: 'investigation', level: 2 });
    s = interviewerReducer(s, { type: 'SCORE_NOTE', dimension: 'investigation', note: ' checked only the headline chart ' });
    s = interviewerReducer(s, { type: 'SCORED', dimension: 'communication', level: 4 });
    s = interviewerReducer(s, { type: 'SCORED', dimension: 'communication', level: 3 });
    s = interviewerReducer(s, { type: 'NOTES', notes: 'Calm; narrated well.' });
    const part = interviewerReportPart(s);
    expect(part.nudges).toEqual([
      { at: 700, text: `(Investigation) ${NUDGES.investigation[0]}` },
      { at: 760, text: 'Take your time.' },
    ]);
    // Unscored dimensions are left out; a score keeps its note, trimmed.
    expect(part.interviewerScores).toEqual([
      { id: 'investigation', title: 'Investigation', level: 2, levelName: 'Developing', note: 'checked only the headline chart' },
      { id: 'communication', title: 'Communication and command', level: 3, levelName: 'Solid', note: '' },
    ]);
    expect(part.notes).toBe('Calm; narrated well.');
  });
});

describe('an interviewer-led interview over a BroadcastChannel', () => {
  const closers: { close(): void }[] = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c.close();
  });

  it('the candidate joins, sees a nudge, and their looks and rollback land in the interviewer\'s log and the report', async () => {
    const script = { ...workshopScript(getScenario(LIVE_INTERVIEW.scenario)), injects: [], scenario: {} };
    // The interviewer's page: the facilitator logic around an in-process simulation of the drill itself.
    const core = new FacilitatorCore(script, LIVE_INTERVIEW.seed, W);
    const raw = inProcessConnection();
    const facFrames = new FrameStore();
    const fac = createActor(consoleMachine, { input: { connection: core.wrap(raw), frames: facFrames } }).start();
    core.attach(fac, facFrames);
    const host = hostLocalRoom((m) => core.onRelay(m));
    closers.push(host);
    core.connectRelay(host.send, 'open');
    host.send({ type: 'create' });
    expect(core.getSnapshot().session.room?.code).toBe(host.code);
    fac.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'bad-deploy' }, seed: LIVE_INTERVIEW.seed, warmupSeconds: W, skipBriefing: true } });
    const settle = async () => {
      for (let i = 0; i < 5; i++) await raw.flush();
    };
    await until(() => fac.getSnapshot().matches('session'), 'the interviewer console');

    // The candidate's page: PlayerLink and a console machine, joined over the channel.
    const link = new PlayerLink(host.code, 'Ada');
    const frames = new FrameStore();
    const cand = createActor(consoleMachine, { input: { connection: link.connection(), frames } }).start();
    link.beforeLoaded = () => {
      if (!cand.getSnapshot().matches('loading')) cand.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'interview' }, seed: 0, warmupSeconds: 0, skipBriefing: true } });
    };
    const seat = joinLocalRoom(host.code, newSeatId(), { onOpen: (send) => link.opened(send), onMessage: (m) => link.onRelay(m) });
    closers.push(seat);
    await until(() => cand.getSnapshot().matches('session'), 'the candidate console');
    expect(core.getSnapshot().session.players).toEqual([expect.objectContaining({ name: 'Ada', connected: true })]);
    // The candidate sees the run, never the drill's faults or root cause.
    expect(cand.getSnapshot().context.scenario).toMatchObject({ id: 'bad-deploy', faultsAllowed: false });
    expect(JSON.stringify(cand.getSnapshot().context.scenario)).not.toContain(script.rootCause.summary);

    // Nine minutes in: the errors have started. The interviewer nudges; the candidate sees it.
    for (let i = 0; i < 9; i++) {
      fac.send({ type: 'STEP', seconds: 60 });
      await settle();
    }
    const nudge = makeNudge(NUDGES.triage[1]!, 'triage', fac.getSnapshot().context.clock.t);
    core.stakeholder('Interviewer', nudge.text);
    await until(() => link.getSnapshot().messages.length === 1, 'the nudge in the candidate window');
    expect(link.getSnapshot().messages[0]).toMatchObject({ kind: 'stakeholder', from: 'Interviewer', text: NUDGES.triage[1], at: W + 540 });

    // The candidate looks (as the console records looks), then rolls back.
    cand.send({ type: 'ACT', action: { type: 'viewed', panel: 'timeline', focus: 'recent changes: latest deploy' } });
    cand.send({ type: 'ACT', action: { type: 'viewed', panel: 'dashboards', focus: 'charts: shop-api' } });
    cand.send({ type: 'ACT', action: { type: 'rollback' } });
    await until(() => fac.getSnapshot().context.log.length === 3, 'the candidate actions in the interviewer log');
    expect(fac.getSnapshot().context.log.map((l) => [l.at, l.action.type])).toEqual([
      [W + 540, 'viewed'],
      [W + 540, 'viewed'],
      [W + 540, 'rollback'],
    ]);
    expect(core.getSnapshot().session.timeline.filter((e) => e.kind === 'action').map((e) => e.who)).toEqual(['Ada', 'Ada', 'Ada']);

    // The report from the interviewer's log, replayed on the interview's drill and seed.
    let state = interviewerReducer(initialInterviewer(), { type: 'NUDGED', nudge });
    state = interviewerReducer(state, { type: 'SCORED', dimension: 'triage', level: 2 });
    const part = interviewerReportPart(state);
    const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: LIVE_INTERVIEW.seed, warmupSeconds: W, log: fac.getSnapshot().context.log }, Infinity);
    const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
    const report = buildInterviewReport({ scenario: { id: 'bad-deploy', title: script.title }, seed: 7, warmupSeconds: W, log: run.log, summary, ...part, candidate: 'Ada', generatedAt: '2026-12-04T16:00:00.000Z' });
    expect(report.nudges).toEqual([{ at: W + 540, text: `(Triage and scope) ${NUDGES.triage[1]}` }]);
    expect(report.penalty).toBe(1);
    expect(report.points).toBe(report.scores.reduce((s, d) => s + d.level, 0) - 1);
    expect(report.interviewerScores).toEqual([expect.objectContaining({ id: 'triage', level: 2 })]);
    // The looks count: the timeline and a chart before the rollback.
    expect(report.scores.find((s) => s.id === 'triage')!.level).toBe(3);
    const md = reportMarkdown(report);
    expect(md).toContain(`- T+09:00 nudge: (Triage and scope) ${NUDGES.triage[1]}`);
    expect(md).toContain("## The interviewer's scores");
    expect(md).toContain('| Triage and scope | 2 · Developing | 3 · Solid |  |');
    expect(JSON.parse(reportJson(report))).toEqual(report);
    fac.stop();
    cand.stop();
  }, 60_000);

  it('a candidate window opened before the interviewer\'s gets in once it is there', async () => {
    const code = 'ABCDEF';
    const got: string[] = [];
    const seat = joinLocalRoom(code, newSeatId(), { onOpen: (send) => send({ type: 'join', code, name: 'Early' }), onMessage: (m) => got.push(m.type) });
    closers.push(seat);
    const joinedHost: string[] = [];
    await new Promise((r) => setTimeout(r, 50));
    const host = hostLocalRoom((m) => joinedHost.push(m.type), undefined, code);
    closers.push(host);
    await until(() => got.includes('joined'), 'the retried join', 400);
    expect(joinedHost).toContain('player-joined');
    // A malformed message is answered with an error, not acted on.
    const bc = new BroadcastChannel(`blast-radius-interview-${code}`);
    closers.push(bc);
    bc.postMessage({ to: 'host', from: 'pzz', msg: { type: 'join', code } });
    await new Promise((r) => setTimeout(r, 50));
    expect(joinedHost.filter((t) => t === 'player-joined')).toHaveLength(1);
  });
});
