import { describe, expect, it } from 'vitest';
import { getScenario, SCENARIO_IDS } from '../../../src/sim/index';
import { parseScenario } from '../../../src/sim/index';
import type { Frame } from '../../../src/console/protocol';
import { describeRequest, readPlayerRequest } from '../../../src/workshop/player-requests';
import { CATCH_UP_FRAMES, CATCH_UP_FULL_SECONDS, CATCH_UP_MAX_CHARS, CATCH_UP_STRIDE, catchUp, forPlayers, framesInParts, framesWithin, FRAMES_PER_MESSAGE } from '../../../src/workshop/player-view';
import { parseFromPlayer, parseToPlayer } from '../../../src/workshop/protocol';
import { workshopScript, workshopScripts } from '../../../src/workshop/script';
import { dueInjects, initialSession, mayAct, publicSession, sessionReducer } from '../../../src/workshop/session';

describe('workshop scripts', () => {
  it('turn every drill\'s faults into injects and leave a scenario the simulator accepts without them', () => {
    const scripts = workshopScripts();
    // Every built-in scenario with faults (the drills and checkpoints) can be run as a workshop.
    const drills = SCENARIO_IDS.filter((id) => getScenario(id).faults.length > 0).sort();
    expect(drills.length).toBeGreaterThan(30);
    expect(scripts.map((s) => s.id).sort()).toEqual(drills);
    for (const s of scripts) {
      expect(s.injects.length).toBeGreaterThan(0);
      const parsed = parseScenario(s.scenario);
      expect(parsed.faults).toEqual([]);
      expect(s.rootCause.summary.length).toBeGreaterThan(10);
    }
    const bad = workshopScript(getScenario('bad-deploy'));
    expect(bad.injects[0]).toMatchObject({ id: 'v2-errors', at: 300, fault: { type: 'bad-deploy', version: 'v2', errorRate: 0.25 } });
    expect(bad.injects[0]!.fault).not.toHaveProperty('at');
  });
});

describe('the session reducer', () => {
  const script = workshopScript(getScenario('bad-deploy'));
  const start = () => initialSession(script.id, 1, 100, script.injects);

  it('fires, delays and skips injects only while they are scheduled', () => {
    let s = start();
    expect(dueInjects(s, 399)).toEqual([]);
    expect(dueInjects(s, 400).map((i) => i.id)).toEqual(['v2-errors']);
    s = sessionReducer(s, { type: 'DELAY', id: 'v2-errors', seconds: 60, t: 150 });
    expect(dueInjects(s, 400)).toEqual([]);
    expect(dueInjects(s, 460)).toHaveLength(1);
    s = sessionReducer(s, { type: 'FIRED', id: 'v2-errors', t: 460 });
    const again = sessionReducer(s, { type: 'SKIP', id: 'v2-errors', t: 470 });
    expect(again).toBe(s);
    expect(s.timeline.map((e) => e.text)).toEqual(['fault v2-errors delayed by 1 min', expect.stringMatching(/^fault v2-errors fired: bad-deploy/)]);
  });

  it('puts injects fired after a rewind point back on the schedule', () => {
    let s = sessionReducer(start(), { type: 'FIRED', id: 'v2-errors', t: 400 });
    s = sessionReducer(s, { type: 'REWOUND', t: 450 });
    expect(s.injects[0]!.status).toBe('fired');
    s = sessionReducer(s, { type: 'REWOUND', t: 350 });
    expect(s.injects[0]).toMatchObject({ status: 'scheduled', firedAt: null });
  });

  it('tracks players and roles, and shows players only names and roles', () => {
    let s = sessionReducer(start(), { type: 'PLAYER_JOINED', playerId: 'p1', name: 'Ada', t: 100, rejoined: false });
    s = sessionReducer(s, { type: 'PLAYER_JOINED', playerId: 'p2', name: 'Linus', t: 100, rejoined: false });
    s = sessionReducer(s, { type: 'ASSIGN_ROLE', playerId: 'p1', role: 'IC', t: 101 });
    s = sessionReducer(s, { type: 'NOTE', t: 102, text: 'secret note' });
    s = sessionReducer(s, { type: 'PLAYER_LEFT', playerId: 'p2', t: 103 });
    expect(s.players).toEqual([
      { playerId: 'p1', name: 'Ada', connected: true, role: 'IC' },
      { playerId: 'p2', name: 'Linus', connected: false, role: null },
    ]);
    const pub = publicSession(s, false);
    expect(pub).toEqual({ kind: 'session', roles: { p1: 'IC' }, names: { p1: 'Ada', p2: 'Linus' }, ended: false, discussion: null });
    expect(parseToPlayer(pub)).toEqual(pub);
  });

  it('decides who may act', () => {
    expect(mayAct(null, 'status-update')).toEqual({ ok: true });
    expect(mayAct('Comms', 'status-update')).toEqual({ ok: true });
    expect(mayAct('IC', 'status-update')).toMatchObject({ ok: false, reason: expect.stringContaining('Comms') });
    expect(mayAct('Observer', 'acknowledge')).toMatchObject({ ok: false });
    expect(mayAct('Ops', 'rollback')).toEqual({ ok: true });
  });
});

describe('the players\' view', () => {
  it('drops the debrief, errors and injected faults, and caps a catch-up', () => {
    const clock = { t: 5, playing: false, speed: 1 as const, ended: false };
    expect(forPlayers({ type: 'finished', reveal: {} as never, clock })).toBeNull();
    expect(forPlayers({ type: 'error', message: 'x' })).toBeNull();
    expect(forPlayers({ type: 'acted', record: { at: 1, action: { type: 'inject-fault', fault: { type: 'cache-flush' } } as never, accepted: true, message: 'fault injected' }, clock })).toBeNull();
    const acted = { type: 'acted' as const, record: { at: 1, action: { type: 'acknowledge' } as never, accepted: true, message: 'ok' }, clock };
    expect(forPlayers(acted)).toBe(acted);
  });

  it('compacts a catch-up: the last minute whole, five minutes before it one frame in five without logs, no annotation lost', () => {
    // Mid-incident frames: 7 kB of log lines each; an annotation every 7 s.
    const frame = (t: number) => ({ t, logs: [{ line: 'x'.repeat(7000) }], annotations: t % 7 === 0 ? [{ t, kind: 'action', text: `a${t}`, hidden: false }] : [] }) as unknown as Frame;
    const frames = Array.from({ length: 400 }, (_, i) => frame(i));
    const out = catchUp({ scenario: { warmupSeconds: 0 } as never, clock: { t: 399, playing: false, speed: 1, ended: false }, frames, log: [] });
    if (out.type !== 'loaded') throw new Error('a catch-up is a loaded message');
    const size = JSON.stringify(out).length;
    expect(size).toBeLessThan(CATCH_UP_MAX_CHARS);
    // Five minutes (300 s): 60 whole + 240 thinned to 48.
    const ts = out.frames.map((f) => f.t);
    expect(ts.slice(-CATCH_UP_FULL_SECONDS)).toEqual(Array.from({ length: 60 }, (_, i) => 340 + i));
    expect(ts.slice(0, -CATCH_UP_FULL_SECONDS)).toEqual(Array.from({ length: 48 }, (_, i) => 104 + CATCH_UP_STRIDE * i));
    expect(out.frames.slice(0, 48).every((f) => f.logs.length === 0)).toBe(true);
    expect(out.frames.slice(-60).every((f) => f.logs.length === 1)).toBe(true);
    // Every annotation of the five minutes is there, in order, none before its time.
    const annotations = out.frames.flatMap((f) => f.annotations.map((a) => [a.text, a.t <= f.t]));
    expect(annotations.map(([text]) => text)).toEqual(frames.slice(-CATCH_UP_FRAMES).flatMap((f) => f.annotations.map((a) => a.text)));
    expect(annotations.every(([, before]) => before)).toBe(true);
    // The 1.5 MB catch-up of before is under 0.6 MB now.
    expect(size).toBeLessThan(600_000);
  });

  it('still drops the oldest frames when even the compacted history is over the cap', () => {
    const frame = (t: number) => ({ t, logs: [], annotations: [], metrics: { m: 'y'.repeat(20_000) } }) as unknown as Frame;
    const out = catchUp({ scenario: { warmupSeconds: 0 } as never, clock: { t: 399, playing: false, speed: 1, ended: false }, frames: Array.from({ length: 400 }, (_, i) => frame(i)), log: [] });
    if (out.type !== 'loaded') throw new Error('a catch-up is a loaded message');
    expect(JSON.stringify(out).length).toBeLessThan(CATCH_UP_MAX_CHARS + 25_000);
    expect(out.frames.at(-1)!.t).toBe(399);
    expect(out.frames.length).toBeLessThan(60);
    // Small frames: five minutes of them; one huge frame still goes (the newest is never dropped).
    expect(framesWithin(Array.from({ length: 400 }, (_, i) => ({ t: i }) as unknown as Frame)).length).toBe(400);
    expect(framesWithin([frame(1)], 100)).toHaveLength(1);
  });

  it('sends a long step in parts the relay accepts, each with its own clock, ending only with the last', () => {
    const frames = Array.from({ length: FRAMES_PER_MESSAGE * 2 + 5 }, (_, i) => ({ t: 1000 + i }) as unknown as Frame);
    const clock = { t: 1000 + frames.length - 1, playing: false, speed: 60, ended: true } as never;
    const parts = framesInParts({ type: 'frames', frames, clock });
    expect(parts.map((p) => p.frames.length)).toEqual([FRAMES_PER_MESSAGE, FRAMES_PER_MESSAGE, 5]);
    expect(parts.flatMap((p) => p.frames)).toEqual(frames);
    expect(parts.map((p) => [p.clock.t, p.clock.ended])).toEqual([
      [1000 + FRAMES_PER_MESSAGE - 1, false],
      [1000 + FRAMES_PER_MESSAGE * 2 - 1, false],
      [1000 + frames.length - 1, true],
    ]);
    // A step with no new frame still carries the clock (a pause, the end).
    expect(framesInParts({ type: 'frames', frames: [], clock })).toEqual([{ type: 'frames', frames: [], clock }]);
  });

  it("judges a player's request: the schema, the team's rules, the console's own action schema", () => {
    let s = initialSession('bad-deploy', 1, 60, []);
    s = sessionReducer(s, { type: 'PLAYER_JOINED', playerId: 'p1', name: 'Ada', t: 60, rejoined: false });
    s = sessionReducer(s, { type: 'PLAYER_JOINED', playerId: 'p2', name: 'Obi', t: 60, rejoined: false });
    s = sessionReducer(s, { type: 'ASSIGN_ROLE', playerId: 'p2', role: 'Observer', t: 60 });
    expect(readPlayerRequest(s, 'p1', { kind: 'catch-up' })).toEqual({ kind: 'catch-up' });
    expect(readPlayerRequest(s, 'p1', { kind: 'act', action: { type: 'scale', replicas: 3 } })).toEqual({ kind: 'act', action: { type: 'scale', replicas: 3 } });
    expect(readPlayerRequest(s, 'p1', { kind: 'act' })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('could not read') });
    expect(readPlayerRequest(s, 'p1', { kind: 'act', action: { type: 'inject-fault', fault: {} } })).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/do not inject faults/) });
    expect(readPlayerRequest(s, 'p2', { kind: 'act', action: { type: 'rollback' } })).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/Observers/) });
    expect(readPlayerRequest(s, 'p1', { kind: 'act', action: { type: 'scale', replicas: 'many' } })).toMatchObject({ kind: 'refused' });
    expect(describeRequest({ type: 'scale', replicas: 3, note: '', extra: { deep: 1 } })).toBe('scale (replicas 3)');
    expect(describeRequest({ type: 'rollback' })).toBe('rollback');
  });

  it('reads only well-formed player messages', () => {
    expect(parseFromPlayer({ kind: 'catch-up' })).toEqual({ ok: true, message: { kind: 'catch-up' } });
    expect(parseFromPlayer({ kind: 'act' })).toMatchObject({ ok: false, error: expect.stringContaining('action') });
    expect(parseFromPlayer({ kind: 'catch-up', extra: 1 })).toMatchObject({ ok: false });
    expect(parseToPlayer({ kind: 'nonsense' })).toBeNull();
  });
});

describe('the approval queue (session reducer)', () => {
  it('queues, decides once, and keeps both on the timeline; the setting is logged when it changes', () => {
    let s = initialSession('bad-deploy', 1, 60, []);
    s = sessionReducer(s, { type: 'APPROVAL', on: true, t: 60 });
    expect(sessionReducer(s, { type: 'APPROVAL', on: true, t: 61 })).toBe(s);
    s = sessionReducer(s, { type: 'QUEUED', item: { id: 'q1', playerId: 'p1', name: 'Ada', action: { type: 'rollback' }, t: 70, text: 'rollback' } });
    s = sessionReducer(s, { type: 'QUEUED', item: { id: 'q2', playerId: 'p2', name: 'Linus', action: { type: 'scale', replicas: 3 }, t: 71, text: 'scale (replicas 3)' } });
    expect(s.queue.map((q) => q.id)).toEqual(['q1', 'q2']);
    s = sessionReducer(s, { type: 'DECIDED', id: 'q2', approved: false, reason: 'not yet', t: 80 });
    expect(s.queue.map((q) => q.id)).toEqual(['q1']);
    expect(sessionReducer(s, { type: 'DECIDED', id: 'q2', approved: true, reason: '', t: 81 })).toBe(s);
    expect(s.timeline.filter((e) => e.kind === 'approval').map((e) => e.text)).toEqual([
      'asks to rollback (waiting for approval)',
      'asks to scale (replicas 3) (waiting for approval)',
      "rejected Linus's scale (replicas 3): not yet",
    ]);
    expect(s.approval).toBe(true);
  });
});
