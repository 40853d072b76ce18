import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { startConsole } from '../../../src/components/console/connect';

describe('startConsole without a module worker', () => {
  // Node has no global Worker, as a browser without module workers: the console falls back to the
  // simulation on the page's thread, which it imports only then. A LOAD sent at once must not be lost
  // while that import is on its way.
  it('loads the page-thread simulation on demand and answers the commands sent before it arrived', async () => {
    const handle = startConsole();
    try {
      expect(handle.inWorker).toBe(false);
      handle.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'bad-deploy' }, seed: 5, warmupSeconds: 120 } });
      const snapshot = await waitFor(handle.actor, (s) => s.matches('briefing') || s.matches('failed'), { timeout: 60_000 });
      expect(snapshot.context.error).toBeNull();
      expect(snapshot.value).toBe('briefing');
      expect(handle.frames.latest?.t).toBe(120);
    } finally {
      handle.stop();
    }
  });
});
