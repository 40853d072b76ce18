/**
 * One machine, two windows: the facilitator's page logic and a player window's logic over real
 * BroadcastChannels (Node has them, as browsers do), with the simulation in-process. Everything that
 * crosses the channel is recorded and checked for hidden drill data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { FrameStore } from '../../../src/console/frame-store';
import { inProcessConnection } from '../../../src/console/in-process-connection';
import { consoleMachine } from '../../../src/console/machine';
import { getScenario } from '../../../src/sim/index';
import { FacilitatorCore } from '../../../src/workshop/facilitator';
import { LOCAL_CHANNEL, openLocalPlayer, openLocalRoom } from '../../../src/workshop/local-room';
import { PlayerLink, type RejoinStore } from '../../../src/workshop/player';
import { workshopScript } from '../../../src/workshop/script';
import { findHidden } from '../../e2e/hidden-data';
import { until } from './harness';

const WARMUP = 120;
const closers: { close(): void }[] = [];
afterEach(() => {
  for (const c of closers.splice(0).reverse()) c.close();
});
const channel = () => {
  const c = new BroadcastChannel(LOCAL_CHANNEL);
  closers.push(c);
  return c;
};

function facilitator() {
  const script = workshopScript(getScenario('bad-deploy'));
  const core = new FacilitatorCore(script, 7, WARMUP);
  const raw = inProcessConnection();
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection: core.wrap(raw), frames } }).start();
  core.attach(actor, frames);
  closers.push({ close: () => actor.stop() });
  const room = openLocalRoom(channel(), {
    onOpen(send) {
      core.connectRelay(send, 'open');
      send({ type: 'create' });
    },
    onMessage: (m) => core.onRelay(m),
  });
  closers.push(room);
  actor.send({ type: 'LOAD', request: core.loadRequest() });
  const step = async (seconds: number) => {
    actor.send({ type: 'STEP', seconds });
    for (let i = 0; i < 5; i++) await raw.flush();
  };
  return { core, actor, frames, room, step, script };
}

function playerWindow(code: string, name: string, store: RejoinStore | null = null) {
  const link = new PlayerLink(code, name, store);
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection: link.connection(), frames } }).start();
  closers.push({ close: () => actor.stop() });
  link.beforeLoaded = () => {
    if (!actor.getSnapshot().matches('loading')) actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'workshop' }, seed: 0, warmupSeconds: 0, skipBriefing: true } });
  };
  const socket = openLocalPlayer(channel(), code, { onOpen: (send) => link.opened(send), onMessage: (m) => link.onRelay(m) });
  return { link, frames, actor, socket };
}

describe('a workshop in two windows of one browser (BroadcastChannel, no server)', () => {
  it('runs the facilitator simulation for a player window, attributes its actions, and rejoins it after a reload', async () => {
    const wire: string[] = [];
    const tap = channel();
    tap.onmessage = (e) => wire.push(JSON.stringify(e.data));
    const fac = facilitator();
    await until(() => fac.core.getSnapshot().session.room !== null && fac.actor.getSnapshot().matches('session'), 'the local room and the run');
    const code = fac.room.code()!;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    const seats = new Map<string, { playerId: string; key: string }>();
    const store: RejoinStore = { get: (c) => seats.get(c) ?? null, set: (c, v) => void seats.set(c, v) };
    const projector = playerWindow(code, 'Projector', store);
    await until(() => projector.actor.getSnapshot().matches('session'), 'the player window console');
    expect(fac.core.getSnapshot().session.players.map((p) => p.name)).toEqual(['Projector']);
    expect(projector.frames.latest!.t).toBe(WARMUP);

    // The fault fires at T+5 on the facilitator's side; its effect reaches the window as frames.
    await fac.step(360);
    await until(() => projector.frames.latest?.t === WARMUP + 360, 'frames in the window');
    expect(fac.core.getSnapshot().session.injects[0]!.status).toBe('fired');
    // A minute into the bad deploy, the window's player rolls it back.
    await fac.step(60);
    await until(() => projector.frames.latest?.t === WARMUP + 420, 'the next minute in the window');
    projector.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await until(() => fac.actor.getSnapshot().context.log.some((l) => l.action.type === 'rollback' && l.accepted), 'the rollback applied');
    expect(fac.core.getSnapshot().session.timeline.find((e) => e.kind === 'action')).toMatchObject({ who: 'Projector' });
    await until(() => projector.link.getSnapshot().feed.length === 1, 'the attributed action in the window');

    // A reload of the window: a new page, same seat, same player.
    projector.socket.close();
    const again = playerWindow(code, 'Projector', store);
    await until(() => again.actor.getSnapshot().matches('session') && again.frames.latest?.t === fac.frames.latest!.t, 'the reloaded window caught up');
    expect(fac.core.getSnapshot().session.players).toHaveLength(1);
    expect(again.actor.getSnapshot().context.log.map((l) => l.action.type)).toEqual(['rollback']);

    // A window for another room hears nothing of this one.
    const stranger = playerWindow('ZZZZZZ', 'Mallory');
    await fac.step(30);
    await until(() => again.frames.latest?.t === fac.frames.latest!.t, 'the next frames');
    expect(stranger.frames.latest).toBeNull();
    expect(stranger.link.getSnapshot().status).toBe('joining');

    // Nothing hidden went over the channel, though the whole run did.
    fac.core.note('PRIVATE-NOTE: did they look at the deploy marker?');
    await fac.step(60);
    const all = wire.join('\n');
    expect(all.length).toBeGreaterThan(50_000);
    expect(findHidden(all)).toEqual([]);
    expect(all).not.toContain('PRIVATE-NOTE');
    expect(all).not.toContain('inject-fault');
  });

  it('refuses what a player window may not send, and the session carries on', async () => {
    const fac = facilitator();
    await until(() => fac.core.getSnapshot().session.room !== null, 'the local room');
    const code = fac.room.code()!;
    const replies: string[] = [];
    const rogue = channel();
    rogue.onmessage = (e) => {
      if (e.data?.conn === 'rogue') replies.push(e.data.message.type === 'error' ? e.data.message.code : e.data.message.type);
    };
    const send = (text: string) => rogue.postMessage({ room: code, to: 'facilitator', conn: 'rogue', text });
    send('{ not json');
    send(JSON.stringify({ type: 'to-players', message: { kind: 'stakeholder', at: 0, from: 'Forged', text: 'x' } }));
    send(JSON.stringify({ type: 'action', action: { kind: 'act', action: { type: 'rollback' } } }));
    await until(() => replies.length === 3, 'three refusals');
    expect(replies).toEqual(['malformed', 'wrong-role', 'wrong-role']);
    send(JSON.stringify({ type: 'join', code, name: 'Rogue' }));
    send(JSON.stringify({ type: 'action', action: { kind: 'act', action: { type: 'inject-fault', fault: { type: 'cache-flush' } } } }));
    await until(() => fac.core.getSnapshot().session.timeline.some((e) => e.kind === 'refused'), 'the refused inject');
    expect(fac.core.getSnapshot().session.timeline.find((e) => e.kind === 'refused')).toMatchObject({ who: 'Rogue', text: expect.stringMatching(/do not inject faults/) });
    expect(fac.actor.getSnapshot().context.log).toEqual([]);
  });
});
