import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { ConsoleHost } from '../../../src/console/host';
import type { ToWorker } from '../../../src/console/protocol';
import { encodeRun, RUN_FORMAT, type RunRecord } from '../../../src/console/share';
import { takeEarlyStart } from '../../../src/components/console/simulation-worker';
import { beginEarlyStart } from '../../../src/components/console/early-worker';
import { startConsole } from '../../../src/components/console/connect';

/**
 * A module worker as the page sees one, running the real ConsoleHost: each command is handled in a
 * later task and its answers are posted as structured clones.
 */
class HostWorker extends EventTarget {
  static started: HostWorker[] = [];
  readonly received: ToWorker[] = [];
  terminated = false;
  readonly #host = new ConsoleHost((message) => {
    const data = structuredClone(message);
    setTimeout(() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data })));
  });
  constructor() {
    super();
    HostWorker.started.push(this);
  }
  postMessage(message: ToWorker): void {
    this.received.push(structuredClone(message));
    setTimeout(() => !this.terminated && this.#host.handle(structuredClone(message)));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const record: RunRecord = { format: RUN_FORMAT, version: 1, scenario: 'baseline', seed: 4, warmupSeconds: 60, reachedSeconds: 400, log: [{ at: 70, action: { type: 'scale', replicas: 3 } }] };
const link = await encodeRun(record);
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a shared run started before the console', () => {
  const real = (globalThis as { Worker?: unknown }).Worker;
  afterEach(() => {
    (globalThis as { Worker?: unknown }).Worker = real;
    HostWorker.started.length = 0;
    takeEarlyStart();
  });

  it('is loaded once, by the early worker, and its answer reaches the console that takes it over', async () => {
    (globalThis as { Worker?: unknown }).Worker = HostWorker;
    beginEarlyStart(link, new HostWorker() as unknown as Worker);
    // The worker answers (history and loaded) before the console exists.
    await settle();
    const handle = startConsole();
    try {
      expect(handle.sharedRun).not.toBeNull();
      handle.actor.send({ type: 'LOAD', request: await handle.sharedRun! });
      const s = await waitFor(handle.actor, (x) => x.matches('session') || x.matches('failed'), { timeout: 20_000 });
      expect(s.context.error).toBeNull();
      expect(s.context.clock.t).toBe(400);
      expect(s.context.log.map((l) => l.at)).toEqual([70]);
      expect(handle.frames.frames.map((f) => f.t)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      expect(HostWorker.started).toHaveLength(1);
      // The worker read the link itself; the console's own load of it was not sent again.
      expect(HostWorker.started[0]!.received.filter((m) => m.type.startsWith('load'))).toEqual([{ type: 'load-shared', run: link }]);
      // Later commands go to the same worker.
      handle.actor.send({ type: 'STEP', seconds: 5 });
      await waitFor(handle.actor, (x) => x.context.clock.t === 405, { timeout: 20_000 });
      expect(HostWorker.started[0]!.received.map((m) => m.type)).toEqual(['load-shared', 'step']);
    } finally {
      handle.stop();
    }
  });

  it('is dropped, worker and answers, when the console loads something else', async () => {
    (globalThis as { Worker?: unknown }).Worker = HostWorker;
    beginEarlyStart(link, new HostWorker() as unknown as Worker);
    await settle();
    const handle = startConsole();
    try {
      handle.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'baseline' }, seed: 9, warmupSeconds: 30 } });
      const s = await waitFor(handle.actor, (x) => x.matches('briefing') || x.matches('failed'), { timeout: 20_000 });
      expect(s.context.clock.t).toBe(30);
      expect(handle.frames.frames.at(-1)!.t).toBe(30);
      expect(HostWorker.started).toHaveLength(2);
      expect(HostWorker.started[0]!.terminated).toBe(true);
      expect(HostWorker.started[1]!.received).toEqual([{ type: 'load', source: { kind: 'builtin', id: 'baseline' }, seed: 9, warmupSeconds: 30 }]);
    } finally {
      handle.stop();
    }
  });

  it('passes on a damaged link as the reason; the console loads nothing', async () => {
    (globalThis as { Worker?: unknown }).Worker = HostWorker;
    beginEarlyStart('not-a-link!', new HostWorker() as unknown as Worker);
    const handle = startConsole();
    try {
      await expect(handle.sharedRun).rejects.toThrow(/damaged/);
      await settle();
      expect(HostWorker.started[0]!.received).toEqual([{ type: 'load-shared', run: 'not-a-link!' }]);
      expect(handle.actor.getSnapshot().value).toBe('idle');
    } finally {
      handle.stop();
    }
  });
});
