import { describe, expect, it, vi } from 'vitest';
import { ConsoleHost } from '../../../src/console/host';
import type { FromWorker, ToWorker } from '../../../src/console/protocol';
import { decodeRun, encodeRun, runFromJson, RunFileError, runRecord, runToJson } from '../../../src/console/share';
import { ConsoleRun } from '../../../src/console/run';
import { loadCommand, requestOfRun } from '../../../src/console/load-command';

function host() {
  const out: FromWorker[] = [];
  // Messages cross a structured clone, as between a worker and a page.
  const h = new ConsoleHost((m) => out.push(structuredClone(m)));
  const send = (m: unknown) => h.handle(structuredClone(m) as ToWorker);
  return { h, out, send };
}

describe('worker protocol', () => {
  it('round-trips load, speed, pacing, act and finish as plain, cloneable messages', () => {
    const { h, out, send } = host();
    send({ type: 'load', source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 30 });
    expect(out[0]).toMatchObject({ type: 'loaded', clock: { t: 30, playing: false, speed: 1, ended: false } });
    send({ type: 'speed', speed: 5 });
    send({ type: 'play' });
    h.tick(0.5); // 2.5 simulated seconds owed: 2 run, 0.5 carried
    h.tick(0.5);
    const frames = out.filter((m): m is Extract<FromWorker, { type: 'frames' }> => m.type === 'frames').flatMap((m) => m.frames.map((f) => f.t));
    expect(frames).toEqual([31, 32, 33, 34, 35]);
    send({ type: 'act', action: { type: 'scale', replicas: 3 } });
    expect(out.at(-1)).toMatchObject({ type: 'acted', record: { at: 35, accepted: true } });
    send({ type: 'finish' });
    expect(out.at(-1)).toMatchObject({ type: 'finished', reveal: { log: [{ at: 35 }] } });
  });

  it('answers malformed and out-of-order commands with an error, never a crash', () => {
    const { out, send } = host();
    send({ type: 'play' });
    send(null);
    send({ type: 'load', source: { kind: 'custom', scenario: { id: 'BAD ID' } }, seed: 1, warmupSeconds: 0 });
    send({ type: 'load', source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 0 });
    send({ type: 'speed', speed: 7 });
    send({ type: 'teleport' });
    const errors = out.filter((m) => m.type === 'error').map((m) => (m as { message: string }).message);
    expect(errors).toEqual([
      'No scenario is loaded yet.',
      'The console sent a message the simulation does not understand.',
      expect.stringMatching(/invalid scenario/),
      'Speed must be one of 1, 2, 5, 10, 60.',
      'Unknown command "teleport".',
    ]);
  });
});

describe('a long load in batches', () => {
  const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 7, warmupSeconds: 120 };
  const log = [
    { at: 400, action: { type: 'scale', replicas: 5 } },
    { at: 1100, action: { type: 'rollback' } },
  ];
  const runTo = 1500;

  it('sends history batches, then loaded: together the frames of the same run taken one second at a time', () => {
    const { out, send } = host();
    send({ type: 'load', ...settings, log, runTo });
    expect(out.map((m) => m.type)).toEqual([...Array<string>(out.length - 1).fill('history'), 'loaded']);
    expect(out.length).toBeGreaterThanOrEqual(3);
    const batched = out.flatMap((m) => (m.type === 'history' || m.type === 'loaded' ? m.frames : []));

    const { run, frames } = ConsoleRun.load({ ...settings, log }, 0);
    const one = [...frames];
    while (run.t < runTo) one.push(...run.advance(run.t + 1));
    expect(batched).toEqual(structuredClone(one));
    expect(batched.map((f) => f.t)).toEqual(Array.from({ length: runTo }, (_, i) => i + 1));
    // The loaded message keeps at least a batch (a workshop's players catch up from it).
    const loaded = out.at(-1) as Extract<FromWorker, { type: 'loaded' }>;
    expect(loaded.frames.length).toBeGreaterThanOrEqual(300);
    expect(loaded.log.map((l) => l.action.type)).toEqual(['scale', 'rollback']);
  });

  it('builds the skipped checkpoints in the background; a rewind then starts from one and matches the run', () => {
    const { h, out, send } = host();
    send({ type: 'load', ...settings, log, runTo });
    const original = out.flatMap((m) => (m.type === 'history' || m.type === 'loaded' ? m.frames : []));
    expect(h.busyInBackground).toBe(true);
    for (let i = 0; i < 1000 && h.busyInBackground; i++) h.background(5);
    expect(h.busyInBackground).toBe(false);
    out.length = 0;
    send({ type: 'seek', t: 1350 });
    const loaded = out.at(-1) as Extract<FromWorker, { type: 'loaded' }>;
    expect(loaded).toMatchObject({ type: 'loaded', keepUpTo: 1200, clock: { t: 1350 } });
    expect(loaded.frames).toEqual(original.filter((f) => f.t > 1200 && f.t <= 1350));
  });

  it('a rewind before the background is done still lands on the right second', () => {
    const { h, out, send } = host();
    send({ type: 'load', ...settings, log, runTo });
    const original = out.flatMap((m) => (m.type === 'history' || m.type === 'loaded' ? m.frames : []));
    h.background(0);
    out.length = 0;
    send({ type: 'seek', t: 700 });
    const loaded = out.at(-1) as Extract<FromWorker, { type: 'loaded' }>;
    expect(loaded).toMatchObject({ type: 'loaded', keepUpTo: 600, clock: { t: 700 } });
    expect(loaded.frames).toEqual(original.filter((f) => f.t > 600 && f.t <= 700));
    expect(loaded.log.map((l) => l.action.type)).toEqual(['scale']);
  });
});

describe('share and export', () => {
  const settings = { source: { kind: 'builtin' as const, id: 'retry-storm' }, seed: 11, warmupSeconds: 60 };

  it('a share link reproduces the run: same summary bytes', async () => {
    const { run } = ConsoleRun.load(settings);
    run.advance(400);
    run.act({ type: 'load-shedding', enabled: true });
    run.act({ type: 'status-update', impact: 'Checkout errors for most users', nextUpdateMinutes: 15 });
    run.advance(700);
    const link = await encodeRun(runRecord({ scenario: 'retry-storm', seed: 11, warmupSeconds: 60, reachedSeconds: run.t, log: run.log }));
    expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = await decodeRun(link);
    const { run: replay } = ConsoleRun.load({ source: { kind: 'builtin', id: back.scenario as string }, seed: back.seed, warmupSeconds: back.warmupSeconds, log: back.log }, back.reachedSeconds);
    expect(replay.summaryJson()).toBe(run.summaryJson());
  });

  it('refuses a damaged link or file and says what is wrong', async () => {
    await expect(decodeRun('not a link!')).rejects.toThrow(/damaged/);
    await expect(decodeRun('AAAA')).rejects.toThrow(RunFileError);
    expect(() => runFromJson('{')).toThrow(/not JSON/);
    expect(() => runFromJson(JSON.stringify({ format: 'blast-radius-run', version: 1, scenario: 'baseline', seed: 1, warmupSeconds: 0, reachedSeconds: 5, log: [{ at: 3, action: { type: 'scale' } }] }))).toThrow(
      /log\.0\.action: invalid action: replicas/,
    );
    expect(() => runFromJson(JSON.stringify({ hello: 'world' }))).toThrow(/not a Blast Radius run: format/);
    const ok = runToJson(runRecord({ scenario: 'baseline', seed: 1, warmupSeconds: 0, reachedSeconds: 5, log: [] }));
    expect(runFromJson(ok).scenario).toBe('baseline');
  });

  it("the worker loads a share link it reads itself as the page's load of it, and commands sent meanwhile wait for it", async () => {
    const record = runRecord({ scenario: 'retry-storm', seed: 11, warmupSeconds: 60, reachedSeconds: 300, log: [] });
    record.log.push({ at: 200, action: { type: 'scale', replicas: 5 } });
    const bySelf = host();
    bySelf.send({ type: 'load-shared', run: await encodeRun(record) });
    bySelf.send({ type: 'step', seconds: 2 });
    await vi.waitFor(() => expect(bySelf.out.map((m) => m.type)).toEqual(['loaded', 'frames']), { timeout: 20_000 });
    const byPage = host();
    byPage.send(loadCommand(requestOfRun(record)));
    await vi.waitFor(() => expect(byPage.out.map((m) => m.type)).toEqual(['loaded']), { timeout: 20_000 });
    expect(bySelf.out[0]).toEqual(byPage.out[0]);
    expect(bySelf.out[1]).toMatchObject({ type: 'frames', clock: { t: 302 } });

    const damaged = host();
    damaged.send({ type: 'load-shared', run: 'not a link!' });
    await vi.waitFor(() => expect(damaged.out).toEqual([{ type: 'error', message: expect.stringMatching(/damaged/) }]), { timeout: 20_000 });
  });
});
