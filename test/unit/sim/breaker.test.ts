import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src/sim/engine/scheduler';
import { BreakerWindow, BREAKER_CLOSED, BREAKER_HALF_OPEN, BREAKER_OPEN } from '../../../src/sim/model/breaker';
import { breakerSchema } from '../../../src/sim/model/topology';
import { createBreakerActor } from '../../../src/sim/control/breaker';

/** A breaker with Hystrix defaults (SPECS §6) on a simulated clock. */
function breaker() {
  const sched = new Scheduler();
  const win = new BreakerWindow(breakerSchema.parse({}));
  const changes: Array<[number, string]> = [];
  const actor = createBreakerActor(sched, win, 'payments', (s) => changes.push([sched.now, s]));
  /** n calls at time t (spread over that second), `failures` of them failing. */
  const calls = (t: number, n: number, failures: number) => {
    sched.runUntil(t);
    for (let i = 0; i < n; i++) {
      if (!win.allow()) continue;
      win.record(sched.now, i >= failures, false);
    }
  };
  return { sched, win, actor, changes, calls };
}

describe('circuit breaker (SPECS §6 vectors)', () => {
  it('has the Hystrix defaults: 10 s window, 20 requests, 50% errors, 5 s sleep', () => {
    expect(breakerSchema.parse({})).toMatchObject({ windowSeconds: 10, minRequests: 20, errorThreshold: 0.5, sleepSeconds: 5 });
  });

  it('19 of 19 failing stays closed (below the 20-request volume threshold)', () => {
    const b = breaker();
    b.calls(1, 19, 19);
    expect(b.win.state).toBe(BREAKER_CLOSED);
    expect(b.actor.getSnapshot().value).toBe('closed');
  });

  it('10 of 20 failing opens', () => {
    const b = breaker();
    b.calls(1, 20, 10);
    expect(b.win.state).toBe(BREAKER_OPEN);
    expect(b.actor.getSnapshot().value).toBe('open');
    expect(b.win.allow()).toBe(false);
  });

  it('9 of 20 failing stays closed', () => {
    const b = breaker();
    b.calls(1, 20, 9);
    expect(b.win.state).toBe(BREAKER_CLOSED);
  });

  it('counts only the last 10 seconds', () => {
    const b = breaker();
    b.calls(0.5, 15, 15);
    b.calls(11.5, 10, 5); // the 15 failures are outside the window now: 5 of 10
    expect(b.win.state).toBe(BREAKER_CLOSED);
    b.calls(12.5, 10, 10); // 15 of 20 within the window
    expect(b.win.state).toBe(BREAKER_OPEN);
  });

  it('half-open after the 5 s sleep lets exactly one trial through; success closes', () => {
    const b = breaker();
    b.calls(1, 20, 20);
    expect(b.win.state).toBe(BREAKER_OPEN);
    b.sched.runUntil(5.9);
    expect(b.win.state).toBe(BREAKER_OPEN);
    b.sched.runUntil(6);
    expect(b.win.state).toBe(BREAKER_HALF_OPEN);
    expect(b.win.allow()).toBe(true);
    expect(b.win.allow()).toBe(false);
    expect(b.win.allow()).toBe(false);
    b.win.record(6.1, true, true);
    expect(b.win.state).toBe(BREAKER_CLOSED);
    expect(b.win.totalRequests).toBe(0);
    expect(b.changes).toEqual([
      [1, 'open'],
      [6, 'half-open'],
      [6, 'closed'],
    ]);
  });

  it('a failed trial reopens for another sleep window', () => {
    const b = breaker();
    b.calls(1, 20, 20);
    b.sched.runUntil(6);
    expect(b.win.allow()).toBe(true);
    b.sched.runUntil(6.2);
    b.win.record(6.2, false, true);
    expect(b.win.state).toBe(BREAKER_OPEN);
    b.sched.runUntil(11.1);
    expect(b.win.state).toBe(BREAKER_OPEN);
    b.sched.runUntil(11.2);
    expect(b.win.state).toBe(BREAKER_HALF_OPEN);
  });
});
