import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { startConsole } from '../../../src/components/console/connect';

describe('startConsole without a module worker', () => {
  // Node has no global Worker, like a browser without module workers. There is deliberately no
  // simulation on the page's thread to fall back to: it would put every scenario's hidden root cause
  // into the page's JavaScript. The console must say what is wrong instead of hanging.
  it('fails the load with a message that names the missing module workers', async () => {
    const handle = startConsole();
    try {
      expect(handle.inWorker).toBe(false);
      handle.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: 'bad-deploy' }, seed: 5, warmupSeconds: 120 } });
      const snapshot = await waitFor(handle.actor, (s) => s.matches('failed') || s.matches('briefing'), { timeout: 10_000 });
      expect(snapshot.value).toBe('failed');
      expect(snapshot.context.error).toMatch(/module Web Workers/);
    } finally {
      handle.stop();
    }
  });
});
