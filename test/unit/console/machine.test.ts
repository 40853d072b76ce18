/**
 * The console machine driven end to end with the simulation in-process (the worker replaced by the
 * same host, messages delivered asynchronously as a worker would).
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { inProcessConnection } from '../../../src/console/in-process-connection';
import { FrameStore } from '../../../src/console/frame-store';
import { consoleMachine } from '../../../src/console/machine';

function start() {
  const connection = inProcessConnection();
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection, frames } }).start();
  const settle = async () => {
    for (let i = 0; i < 5; i++) await connection.flush();
  };
  return { actor, frames, connection, settle, state: () => actor.getSnapshot() };
}

const bad = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 4, warmupSeconds: 120 };

describe('the console machine', () => {
  it('sends commands from its actions without xstate warnings (the host handles them after the action, as a worker does)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const c = start();
      c.actor.send({ type: 'LOAD', request: bad });
      await c.settle();
      c.actor.send({ type: 'START' });
      c.connection.tick(1);
      await c.settle();
      expect(c.state().context.clock.t).toBe(121);
      expect(warn.mock.calls.map((args) => String(args[0]))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('loads into the briefing with the warm-up frames, then plays, pauses and speeds up', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: bad });
    expect(c.state().value).toBe('loading');
    await c.settle();
    expect(c.state().value).toBe('briefing');
    expect(c.state().context.scenario?.id).toBe('bad-deploy');
    expect(c.frames.frames).toHaveLength(120);

    c.actor.send({ type: 'START' });
    expect(c.state().matches({ session: 'playing' })).toBe(true);
    c.actor.send({ type: 'SPEED', speed: 10 });
    c.connection.tick(1); // one wall second at 10x
    await c.settle();
    expect(c.state().context.clock).toMatchObject({ t: 130, playing: true, speed: 10 });
    expect(c.frames.latest!.t).toBe(130);

    c.actor.send({ type: 'PAUSE' });
    c.connection.tick(1);
    await c.settle();
    expect(c.state().matches({ session: 'paused' })).toBe(true);
    expect(c.state().context.clock.t).toBe(130);
    c.actor.send({ type: 'STEP' });
    await c.settle();
    expect(c.state().context.clock.t).toBe(131);
  });

  it('keeps showing a new speed while clocks the worker sent before taking it arrive (no flicker back)', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: bad });
    await c.settle();
    c.actor.send({ type: 'START' });
    await c.settle();
    const shown: number[] = [];
    c.actor.subscribe((s) => shown.at(-1) !== s.context.clock.speed && shown.push(s.context.clock.speed));
    // Frames at 1x are on their way when the player picks 10x; the worker takes the change after them.
    c.connection.tick(1);
    c.actor.send({ type: 'SPEED', speed: 10 });
    await c.settle();
    expect(shown).toEqual([10]);
    c.connection.tick(1);
    await c.settle();
    expect(c.state().context.clock).toMatchObject({ speed: 10, t: 131 });
    expect(c.state().context.speedSent).toBeNull();
  });

  it('acts, runs to the next alert, and ends in a debrief that reveals the root cause', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: bad });
    await c.settle();
    c.actor.send({ type: 'START' });
    c.actor.send({ type: 'RUN_TO_ALERT' });
    await c.settle();
    const firing = c.frames.latest!.alerts.filter((a) => a.state === 'firing');
    expect(firing.length).toBeGreaterThan(0);
    c.actor.send({ type: 'ACT', action: { type: 'acknowledge' } });
    c.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await c.settle();
    expect(c.state().context.log.map((l) => l.action.type)).toEqual(['acknowledge', 'rollback']);
    expect(c.state().context.lastResult?.action.type).toBe('rollback');
    expect(c.state().context.reveal).toBeNull();

    c.actor.send({ type: 'FINISH' });
    await c.settle();
    expect(c.state().value).toBe('debrief');
    expect(c.state().context.reveal?.rootCause.faults.length).toBeGreaterThan(0);
  });

  it('goes to the debrief by itself when the run reaches its end', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: { ...bad, source: { kind: 'builtin', id: 'baseline' }, warmupSeconds: 0 } });
    await c.settle();
    c.actor.send({ type: 'START' });
    c.actor.send({ type: 'SPEED', speed: 60 });
    for (let i = 0; i < 40 && c.state().value !== 'debrief'; i++) {
      c.connection.tick(1);
      await c.settle();
    }
    expect(c.state().value).toBe('debrief');
    expect(c.state().context.clock.ended).toBe(true);
  });

  it('rewinds to an earlier second, keeping the actions before it, and lands paused', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: bad });
    await c.settle();
    c.actor.send({ type: 'START' });
    c.actor.send({ type: 'STEP', seconds: 60 });
    await c.settle();
    c.actor.send({ type: 'ACT', action: { type: 'scale', replicas: 6 } });
    c.actor.send({ type: 'STEP', seconds: 60 });
    await c.settle();
    c.actor.send({ type: 'ACT', action: { type: 'rollback' } });
    await c.settle();
    c.actor.send({ type: 'REWIND', t: 200 });
    await c.settle();
    expect(c.state().matches({ session: 'paused' })).toBe(true);
    expect(c.state().context.clock.t).toBe(200);
    expect(c.state().context.log.map((l) => l.action.type)).toEqual(['scale']);
    expect(c.frames.latest!.t).toBe(200);
  });

  it('opens a shared run paused where it ended, and a finished one straight in the debrief', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: { ...bad, replay: { log: [{ at: 150, action: { type: 'scale', replicas: 5 } }], reachedSeconds: 300 } } });
    await c.settle();
    expect(c.state().matches({ session: 'paused' })).toBe(true);
    expect(c.state().context.clock.t).toBe(300);
    expect(c.state().context.log).toMatchObject([{ at: 150, accepted: true }]);

    const d = start();
    d.actor.send({ type: 'LOAD', request: { ...bad, replay: { log: [], reachedSeconds: 1e9 } } });
    await d.settle();
    expect(d.state().value).toBe('debrief');
  });

  it('takes a long load whose frames come in history batches: the store holds them all, in order', async () => {
    const c = start();
    const seen: string[] = [];
    c.connection.listen((m) => seen.push(m.type));
    c.actor.send({ type: 'LOAD', request: { ...bad, replay: { log: [], reachedSeconds: 1000 } } });
    await c.settle();
    expect(seen.filter((t) => t === 'history').length).toBeGreaterThan(0);
    expect(c.state().matches({ session: 'paused' })).toBe(true);
    expect(c.frames.frames.map((f) => f.t)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it("follows a shared run's replay as its batches come (the page shows how far it has computed), and no other load's", async () => {
    const c = start();
    const progress: (number | null)[] = [];
    c.actor.subscribe((s) => s.matches('loading') && progress.at(-1) !== s.context.loadedTo && progress.push(s.context.loadedTo));
    c.actor.send({ type: 'LOAD', request: { ...bad, replay: { log: [], reachedSeconds: 1000 } } });
    await c.settle();
    // Batches of 300 s while more than 600 are left; the rest come with 'loaded'.
    expect(progress).toEqual([0, 300, 600]);
    c.actor.send({ type: 'REWIND', t: 700 });
    expect(c.state().context.loadedTo).toBeNull();
    await c.settle();
    c.actor.send({ type: 'LOAD', request: { ...bad, seed: 5, warmupSeconds: 1000 } });
    expect(c.state().context.loadedTo).toBeNull();
    await c.settle();
    expect(c.state().context.loadedTo).toBeNull();
  });

  it('shows what the simulation refused, and keeps playing', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: bad });
    await c.settle();
    c.actor.send({ type: 'START' });
    c.actor.send({ type: 'ACT', action: { type: 'scale', replicas: 'many' } });
    await c.settle();
    expect(c.state().context.error).toMatch(/invalid action: replicas/);
    expect(c.state().matches({ session: 'playing' })).toBe(true);
    c.actor.send({ type: 'DISMISS_ERROR' });
    expect(c.state().context.error).toBeNull();
  });

  it('fails clearly on a scenario that does not exist, and can load another', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: { ...bad, source: { kind: 'builtin', id: 'no-such-drill' } } });
    await c.settle();
    expect(c.state().value).toBe('failed');
    expect(c.state().context.error).toMatch(/no scenario "no-such-drill"/);
    c.actor.send({ type: 'LOAD', request: bad });
    await c.settle();
    expect(c.state().value).toBe('briefing');
  });
});

describe('free play in the console machine', () => {
  it('opens paused at the join when the setup was the briefing, and restarts the same way', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 30, skipBriefing: true } });
    await c.settle();
    expect(c.state().matches({ session: 'paused' })).toBe(true);
    expect(c.state().context.clock.t).toBe(30);
    c.actor.send({ type: 'FINISH' });
    await c.settle();
    c.actor.send({ type: 'RESTART' });
    await c.settle();
    expect(c.state().matches({ session: 'paused' })).toBe(true);
  });

  it('injects a fault through the worker protocol and keeps playing', async () => {
    const c = start();
    c.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 30, skipBriefing: true } });
    await c.settle();
    c.actor.send({ type: 'ACT', action: { type: 'inject-fault', fault: { type: 'instance-crash', count: 2 } } });
    c.actor.send({ type: 'STEP', seconds: 5 });
    await c.settle();
    expect(c.state().context.lastResult).toMatchObject({ at: 30, accepted: true });
    expect(c.frames.latest!.t).toBe(35);
    expect(c.frames.latest!.instances.filter((i) => i.phase === 'ready').length).toBeLessThan(4);
  });
});
