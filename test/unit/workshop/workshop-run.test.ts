/**
 * A facilitator and two players through the real relay: the facilitator's simulation is the only
 * one, players see its frames, injects fire on schedule (or when the facilitator says), players'
 * actions are applied and attributed, roles are enforced, and nothing hidden reaches a player.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getScenario } from '../../../src/sim/index';
import { startRelay, type Relay } from '../../../src/server/workshop/relay';
import { workshopScript } from '../../../src/workshop/script';
import { startFacilitator, startPlayer, until } from './harness';

const WARMUP = 120;
let relay: Relay;
let sockets: { close(): void }[] = [];

beforeEach(async () => {
  relay = await startRelay({ port: 0 });
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await relay.close();
});

async function workshop(id = 'bad-deploy') {
  const script = workshopScript(getScenario(id));
  const fac = await startFacilitator(relay.url, script, 7, WARMUP);
  const ada = await startPlayer(relay.url, fac.code, 'Ada');
  const linus = await startPlayer(relay.url, fac.code, 'Linus');
  sockets.push(fac.ws, ada.ws, linus.ws);
  /** Runs the facilitator's clock a minute at a time (one relay message per minute of frames). */
  const step = async (seconds: number) => {
    for (let done = 0; done < seconds; done += 60) {
      fac.actor.send({ type: 'STEP', seconds: Math.min(60, seconds - done) });
      await fac.settle();
    }
    const t = fac.frames.latest!.t;
    await until(() => ada.frames.latest?.t === t && linus.frames.latest?.t === t, `players at t=${t}`);
  };
  return { script, fac, ada, linus, step };
}

describe('a workshop run', () => {
  it('streams the facilitator run to players, fires the scripted fault, and attributes players\' actions', async () => {
    const { script, fac, ada, linus, step } = await workshop();
    expect(script.injects.map((i) => i.id)).toEqual(['v2-errors']);
    // Players opened on the facilitator's run: same scenario, same clock, recent frames.
    expect(ada.actor.getSnapshot().context.scenario).toMatchObject({ id: 'bad-deploy', faultsAllowed: false });
    expect(ada.frames.latest!.t).toBe(WARMUP);
    expect(fac.core.getSnapshot().session.players.map((p) => p.name)).toEqual(['Ada', 'Linus']);

    // The scripted fault is due at T+5 min; the facilitator's page fires it when the clock gets there.
    await step(300);
    await until(() => fac.core.getSnapshot().session.injects[0]!.status === 'fired', 'the inject');
    expect(fac.core.getSnapshot().session.injects[0]!.firedAt).toBe(WARMUP + 300);
    // Its effect reaches players as frames: the page alert fires on both consoles.
    let firing = false;
    for (let i = 0; i < 20 && !firing; i++) {
      await step(60);
      firing = ada.frames.latest!.alerts.some((a) => a.state === 'firing' && a.severity === 'page');
    }
    expect(firing).toBe(true);
    expect(linus.frames.latest!.alerts).toEqual(ada.frames.latest!.alerts);
    // The same frame as the facilitator's (JSON turns a missing measurement, NaN, into null; charts treat both as a gap).
    expect(linus.frames.latest).toEqual(JSON.parse(JSON.stringify(fac.frames.latest)));

    // Ada acknowledges, Linus rolls back: applied by the facilitator's simulation, attributed.
    ada.actor.send({ type: 'ACT', action: { type: 'acknowledge' } });
    linus.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await until(() => fac.actor.getSnapshot().context.log.length === 3, 'both actions in the facilitator log');
    const log = fac.actor.getSnapshot().context.log.map((l) => l.action.type);
    expect(log).toEqual(['inject-fault', 'acknowledge', 'rollback']);
    const timeline = fac.core.getSnapshot().session.timeline.filter((e) => e.kind === 'action');
    expect(timeline.map((e) => [e.who, e.text.split(':')[0]])).toEqual([
      ['Ada', 'acknowledge'],
      ['Linus', 'rollback'],
    ]);
    // Both players see both actions, with who took them, and the injected fault in neither log.
    await until(() => ada.link.getSnapshot().feed.length === 2 && linus.link.getSnapshot().feed.length === 2, 'the feeds');
    expect(ada.link.getSnapshot().feed.map((f) => f.who)).toEqual(['Ada', 'Linus']);
    expect(ada.actor.getSnapshot().context.log.map((l) => l.action.type)).toEqual(['acknowledge', 'rollback']);
    await step(120);
    expect(ada.frames.latest!.acknowledged).toBe(true);

    // The export holds the attributed timeline and a log that replays.
    const exported = JSON.parse(fac.core.exportJson());
    expect(exported).toMatchObject({ format: 'blast-radius-workshop', script: { id: 'bad-deploy' }, seed: 7, warmupSeconds: WARMUP });
    expect(exported.players.map((p: { name: string }) => p.name)).toEqual(['Ada', 'Linus']);
    expect(exported.log.map((l: { action: { type: string } }) => l.action.type)).toEqual(['inject-fault', 'acknowledge', 'rollback']);
  });

  it('lets the facilitator fire early, delay or skip, and send stakeholder messages players see', async () => {
    const { fac, ada, step } = await workshop('cache-flush-stampede');
    fac.core.delay('flush', 120);
    expect(fac.core.getSnapshot().session.injects[0]!.at).toBe(720);
    fac.core.fire('flush');
    await fac.settle();
    expect(fac.core.getSnapshot().session.injects[0]).toMatchObject({ status: 'fired', firedAt: WARMUP });
    await until(() => fac.actor.getSnapshot().context.log.length === 1, 'the injected fault');
    fac.core.stakeholder('VP Engineering', 'Customers report slow pages. ETA?');
    await until(() => ada.link.getSnapshot().messages.length === 1, 'the stakeholder message');
    expect(ada.link.getSnapshot().messages[0]).toMatchObject({ kind: 'stakeholder', from: 'VP Engineering', text: 'Customers report slow pages. ETA?' });
    await step(60);
    // Skipping an inject that already fired changes nothing.
    fac.core.skip('flush');
    expect(fac.core.getSnapshot().session.injects[0]!.status).toBe('fired');
  });

  it('enforces roles: Observers do not act, status updates belong to Comms, players never inject', async () => {
    const { fac, ada, linus } = await workshop();
    const [a, l] = fac.core.getSnapshot().session.players;
    fac.core.assignRole(a!.playerId, 'Observer');
    fac.core.assignRole(l!.playerId, 'Ops');
    await until(() => ada.link.getSnapshot().role === 'Observer' && linus.link.getSnapshot().role === 'Ops', 'roles reach the players');
    ada.actor.send({ type: 'ACT', action: { type: 'acknowledge' } });
    linus.actor.send({ type: 'ACT', action: { type: 'status-update', impact: 'errors', nextUpdateMinutes: 15 } });
    linus.ws.send(JSON.stringify({ type: 'action', action: { kind: 'act', action: { type: 'inject-fault', fault: { type: 'cache-flush' } } } }));
    await until(() => ada.link.getSnapshot().messages.length === 1 && linus.link.getSnapshot().messages.length === 2, 'the refusals');
    expect(ada.link.getSnapshot().messages[0]!.text).toMatch(/Observers/);
    expect(linus.link.getSnapshot().messages.map((m) => m.text)).toEqual([expect.stringMatching(/Comms role/), expect.stringMatching(/do not inject faults/)]);
    expect(fac.actor.getSnapshot().context.log).toEqual([]);
    fac.core.assignRole(l!.playerId, 'Comms');
    linus.actor.send({ type: 'ACT', action: { type: 'status-update', impact: 'errors', nextUpdateMinutes: 15 } });
    await until(() => fac.actor.getSnapshot().context.log.length === 1, 'the status update');
    expect(fac.core.getSnapshot().session.timeline.filter((e) => e.kind === 'refused').map((e) => e.who)).toEqual(['Ada', 'Linus', 'Linus']);
  });

  it('holds players\' actions for approval when the facilitator asks: waiting, then applied and attributed, or rejected with a reason', async () => {
    const { fac, ada, linus, step } = await workshop();
    await step(60);
    fac.core.setApproval(true);
    ada.actor.send({ type: 'ACT', action: { type: 'scale', replicas: 6 } });
    linus.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await until(() => fac.core.getSnapshot().session.queue.length === 2, 'both actions queued');
    await until(() => ada.link.getSnapshot().waiting.length === 1 && linus.link.getSnapshot().waiting.length === 1, 'both players told they wait');
    expect(ada.link.getSnapshot().waiting[0]!.text).toBe('scale (replicas 6)');
    await step(60);
    // Nothing applied while waiting.
    expect(fac.actor.getSnapshot().context.log).toEqual([]);
    // A reload keeps the wait in sight: the catch-up says it again (once).
    ada.link.requestCatchUp();
    await step(60);
    expect(ada.link.getSnapshot().waiting).toHaveLength(1);

    const [scale, rollback] = fac.core.getSnapshot().session.queue;
    fac.core.approve(scale!.id);
    fac.core.reject(rollback!.id, 'Find out what changed first.');
    await until(() => fac.actor.getSnapshot().context.log.length === 1, 'the approved action applied');
    expect(fac.actor.getSnapshot().context.log[0]!.action).toMatchObject({ type: 'scale', replicas: 6 });
    expect(fac.core.getSnapshot().session.queue).toEqual([]);
    expect(fac.core.getSnapshot().session.timeline.filter((e) => e.kind === 'action').map((e) => e.who)).toEqual(['Ada']);
    await until(() => ada.link.getSnapshot().messages.length === 1 && linus.link.getSnapshot().messages.length === 1, 'the outcomes');
    expect(ada.link.getSnapshot()).toMatchObject({ waiting: [], messages: [{ kind: 'approval', text: 'approved your scale (replicas 6)' }] });
    expect(linus.link.getSnapshot()).toMatchObject({ waiting: [], messages: [{ kind: 'approval', text: 'rejected your rollback: Find out what changed first.' }] });
    // A decided action cannot be decided again; with approval off, actions apply at once.
    fac.core.approve(rollback!.id);
    fac.core.setApproval(false);
    linus.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await until(() => fac.actor.getSnapshot().context.log.length === 2, 'the direct action');
    expect(fac.actor.getSnapshot().context.log.map((l) => l.action.type)).toEqual(['scale', 'rollback']);
  });

  it('resumes the facilitator\'s run after a reload: the kept log replays to the same frame, the room and its players carry on', async () => {
    const { script, fac, ada, step } = await workshop();
    await step(360);
    ada.actor.send({ type: 'ACT', action: { type: 'acknowledge' } });
    await until(() => fac.actor.getSnapshot().context.log.length === 2, 'the fault and the acknowledgement');
    fac.core.note('PRIVATE-NOTE before the reload');
    await step(60);
    const kept = JSON.parse(JSON.stringify(fac.core.keepable()));
    const before = JSON.parse(JSON.stringify(fac.frames.latest));
    // The page goes away (its socket closes); a new page starts from what was kept.
    fac.ws.close();
    fac.actor.stop();
    await until(() => ada.link.getSnapshot().status === 'facilitator-away', 'players told the facilitator left');
    const again = await startFacilitator(relay.url, script, 7, WARMUP, kept);
    sockets.push(again.ws);
    expect(again.code).toBe(fac.code);
    expect(JSON.parse(JSON.stringify(again.frames.latest))).toEqual(before);
    expect(again.actor.getSnapshot().context.log.map((l) => l.action.type)).toEqual(['inject-fault', 'acknowledge']);
    const session = again.core.getSnapshot().session;
    expect(session.injects[0]!.status).toBe('fired');
    expect(session.timeline.some((e) => e.text === 'PRIVATE-NOTE before the reload')).toBe(true);
    expect(session.attribution.map((a) => a.who)).toEqual(['Facilitator (v2-errors)', 'Ada']);
    // The replay is not new actions: nothing was attributed twice, the timeline did not grow.
    const actions = (tl: { kind: string }[]) => tl.filter((e) => e.kind === 'action' || e.kind === 'inject').length;
    expect(actions(session.timeline)).toBe(actions(kept.session.timeline));
    await until(() => ada.link.getSnapshot().status === 'joined', 'players see the facilitator back');
    // And the run carries on for everyone: players get frames from the resumed run.
    again.actor.send({ type: 'STEP', seconds: 60 });
    await again.settle();
    const t = again.frames.latest!.t;
    await until(() => ada.frames.latest?.t === t, 'the next minute reaching Ada');
    expect(t).toBe(before.t + 60);
  });

  it('catches a reconnecting player up, and a malformed message changes nothing', async () => {
    const { fac, ada, step } = await workshop();
    await step(120);
    const late = await startPlayer(relay.url, fac.code, 'Grace');
    sockets.push(late.ws);
    expect(late.frames.latest).toEqual(JSON.parse(JSON.stringify(fac.frames.latest)));
    late.ws.send(JSON.stringify({ type: 'action', action: { kind: 'teleport' } }));
    late.ws.send('{"type":');
    await until(() => late.link.getSnapshot().messages.length === 2, 'both refusals');
    await step(60);
    expect(ada.frames.latest!.t).toBe(WARMUP + 180);
  });

  it('sends a contingency only when the team has not acted in time, and pauses everyone for a discussion', async () => {
    const { fac, ada, linus, step } = await workshop();
    await step(420);
    // Acknowledged in time (par T+10, nudge at T+12); nobody rolls back, so at T+13 the VP asks for an ETA.
    ada.actor.send({ type: 'ACT', action: { type: 'acknowledge' } });
    await until(() => fac.actor.getSnapshot().context.log.some((l) => l.action.type === 'acknowledge'), 'the acknowledgement');
    await step(300);
    expect(fac.core.getSnapshot().session.contingencies.map((c) => c.status)).toEqual(['met', 'waiting']);
    expect(ada.link.getSnapshot().messages).toEqual([]);
    await step(60);
    await until(() => linus.link.getSnapshot().messages.length === 1, 'the contingency message');
    expect(linus.link.getSnapshot().messages[0]).toMatchObject({ kind: 'stakeholder', from: 'VP Engineering', at: WARMUP + 780 });
    expect(linus.link.getSnapshot().messages[0]!.text).toContain('ETA');
    expect(fac.core.getSnapshot().session.contingencies[1]).toMatchObject({ status: 'sent', settledAt: WARMUP + 780 });

    // Discussion: the facilitator's clock stops, every player sees the question, a player joining now too.
    fac.actor.send({ type: 'PLAY' });
    fac.core.discuss('What changed at T+5?');
    expect(fac.actor.getSnapshot().context.clock.playing).toBe(false);
    await until(() => ada.link.getSnapshot().discussion === 'What changed at T+5?' && linus.link.getSnapshot().discussion !== null, 'the prompt on both pages');
    const late = await startPlayer(relay.url, fac.code, 'Grace');
    sockets.push(late.ws);
    await until(() => late.link.getSnapshot().discussion === 'What changed at T+5?', 'the prompt in the catch-up');
    fac.core.resume();
    await until(() => ada.link.getSnapshot().discussion === null && late.link.getSnapshot().discussion === null, 'the prompt gone');
    await fac.settle();
    expect(fac.actor.getSnapshot().context.clock.playing).toBe(true);
    fac.actor.send({ type: 'PAUSE' });
    expect(fac.core.getSnapshot().session.timeline.filter((e) => e.kind === 'discussion')).toHaveLength(2);
  });

  it('never sends a player a fault id, the root cause, the par or a private facilitator note over a whole run; shared notes reach the team debrief', async () => {
    const { script, fac, ada, linus, step } = await workshop();
    fac.core.note('PRIVATE-NOTE: watch whether they check the deploy first');
    fac.core.note('SHARED-NOTE: good call to look at the deploys', true);
    await step(600);
    ada.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await step(600);
    fac.actor.send({ type: 'STEP', seconds: 3600 });
    await until(() => fac.actor.getSnapshot().matches('debrief'), 'the facilitator debrief');
    await until(() => ada.link.getSnapshot().ended, 'the end reaching players');
    // The long last step reached players whole, in parts the relay accepts.
    const end = fac.frames.latest!.t;
    await until(() => ada.frames.latest?.t === end, 'the last frame');
    // (The warm-up came in the joining catch-up, compacted; every second after it came whole.)
    const afterJoin = (fs: readonly { t: number }[]) => fs.filter((f) => f.t > WARMUP).map((f) => f.t);
    expect(afterJoin(ada.frames.frames)).toEqual(afterJoin(fac.frames.frames));
    // The team's debrief came with the end of the run: Ada's rollback, attributed, and the shared note only.
    await until(() => linus.link.getSnapshot().debrief !== null, 'the team debrief');
    const debrief = linus.link.getSnapshot().debrief!;
    expect(debrief.find((e) => e.kind === 'action')).toMatchObject({ who: 'Ada', text: expect.stringMatching(/^rollback/) });
    expect(debrief.filter((e) => e.kind === 'note').map((e) => e.text)).toEqual(['SHARED-NOTE: good call to look at the deploys']);
    // Sharing the private note after the run sends it; until then it never left the facilitator's page.
    const beforeSharing = [...ada.received, ...linus.received].join('\n');
    const index = fac.core.getSnapshot().session.timeline.findIndex((e) => e.text.startsWith('PRIVATE-NOTE'));
    fac.core.shareNote(index, true);
    await until(() => ada.link.getSnapshot().debrief!.some((e) => e.text.startsWith('PRIVATE-NOTE')), 'the newly shared note');
    const everything = beforeSharing;
    expect(everything.length).toBeGreaterThan(100_000);
    const secrets = [
      ...script.injects.map((i) => `"${i.id}"`),
      'inject-fault',
      'PRIVATE-NOTE',
      script.rootCause.summary,
      ...script.rootCause.contributingFactors,
      '"rootCause"',
      '"par"',
      '"errorRate":0.25',
    ];
    for (const s of secrets) expect(everything, s).not.toContain(s);
  });
});
