// Checks for breaker.js: the Hystrix vectors from SPECS.md section 6 (volume 20, 50% errors, 10 s
// rolling window, 5 s sleep window, one trial). The clock is fake: the checks move it by hand, so
// "five seconds later" takes no time at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker } from '../breaker.js';
import { fakeClock } from '../lib/clock.js';

function setup(options = {}) {
  const clock = fakeClock();
  const breaker = new CircuitBreaker({ now: () => clock.now(), ...options });
  return { clock, breaker };
}

/**
 * One call through the breaker whose dependency succeeds or fails. Returns what happened:
 * 'ok', 'failed' (the dependency was called and failed) or 'rejected' (it was not called).
 */
async function call(breaker, succeed) {
  let called = false;
  try {
    await breaker.call(async () => {
      called = true;
      if (!succeed) throw new Error('dependency failed');
      return 'value';
    });
    return 'ok';
  } catch (err) {
    if (!called) {
      assert.equal(err?.name, 'CircuitOpenError', `a call that never reached the dependency should fail with a CircuitOpenError, got ${err?.name}: ${err?.message}`);
      return 'rejected';
    }
    return 'failed';
  }
}

/** Plays outcomes ('s' success, 'f' failure) at the current time; returns the state after each. */
async function play(breaker, pattern) {
  const states = [];
  for (const c of pattern) {
    await call(breaker, c === 's');
    states.push(breaker.state);
  }
  return states;
}

async function openIt(breaker) {
  await play(breaker, 'f'.repeat(20));
  assert.equal(breaker.state, 'open', `20 failures out of 20 should open the circuit; state is "${breaker.state}"`);
}

test('the SPECS vectors: 19 of 19 failures stay closed, 10 of 20 open, 9 of 20 stay closed', async () => {
  const a = setup();
  await play(a.breaker, 'f'.repeat(19));
  assert.equal(a.breaker.state, 'closed', `19 failures of 19 requests: state "${a.breaker.state}"; the window holds fewer than 20 requests (the volume threshold), so it stays closed however bad the share`);
  assert.equal(await call(a.breaker, true), 'ok', 'with the circuit closed the 20th call should reach the dependency');

  const b = setup();
  await play(b.breaker, 's'.repeat(10) + 'f'.repeat(10));
  assert.equal(b.breaker.state, 'open', `10 failures of 20 requests: state "${b.breaker.state}"; 20 requests and 50% errors meet both thresholds ("at least"), so it opens`);
  assert.equal(await call(b.breaker, true), 'rejected', 'once open, the next call must be rejected without calling the dependency');

  const c = setup();
  await play(c.breaker, 's'.repeat(11) + 'f'.repeat(9));
  assert.equal(c.breaker.state, 'closed', `9 failures of 20 requests (45%): state "${c.breaker.state}"; under 50% it stays closed`);

  const d = setup();
  const states = await play(d.breaker, 'f'.repeat(20));
  assert.equal(states.indexOf('open'), 19, `20 failures in a row: the circuit opened after call ${states.indexOf('open') + 1} (states: ${states.join(', ')}); it should open on the 20th, when the volume threshold is reached`);
});

test('the thresholds are checked after every outcome: 10 failures then 10 successes open on the 20th call', async () => {
  const { breaker } = setup();
  const states = await play(breaker, 'f'.repeat(10) + 's'.repeat(10));
  const opened = states.indexOf('open');
  assert.equal(opened, 19, `after 10 failures and then 10 successes the circuit should open on the 20th call (a success), when the window reaches 20 requests at exactly 50%; it opened after call ${opened + 1} (-1 means never): ${states.join(', ')}`);
});

test('thresholds and the sleep window come from the options', async () => {
  const { clock, breaker } = setup({ volumeThreshold: 5, errorThresholdPct: 20, sleepMs: 1000 });
  await play(breaker, 'ssss');
  await play(breaker, 'f');
  assert.equal(breaker.state, 'open', `volumeThreshold 5 and errorThresholdPct 20: 1 failure in 5 requests is 20% and should open; state "${breaker.state}"`);
  clock.advance(999);
  assert.equal(await call(breaker, true), 'rejected', 'sleepMs 1000: a call 999 ms after opening is still rejected');
  clock.advance(1);
  assert.equal(await call(breaker, true), 'ok', 'sleepMs 1000: the call 1000 ms after opening is the trial');
  assert.equal(breaker.state, 'closed', 'the trial succeeded, so the circuit closes');
});

test('an open circuit fails fast: no call reaches the dependency, and the fallback gets a CircuitOpenError', async () => {
  const { clock, breaker } = setup();
  await openIt(breaker);
  let reached = 0;
  for (let i = 0; i < 50; i += 1) {
    clock.advance(90); // 4.5 s in all: still inside the 5 s sleep window
    let caught;
    try {
      await breaker.call(async () => {
        reached += 1;
        return 'value';
      });
    } catch (err) {
      caught = err;
    }
    assert.equal(caught?.name, 'CircuitOpenError', `call ${i + 1} while open should fail with a CircuitOpenError, got ${caught ? `${caught.name}: ${caught.message}` : 'a result'}`);
  }
  assert.equal(reached, 0, `${reached} of 50 calls reached the dependency while the circuit was open; none should`);
  const viaFallback = await breaker.call(async () => 'live', (err) => `fallback after ${err?.name}`);
  assert.equal(viaFallback, 'fallback after CircuitOpenError', `call(fn, fallback) while open should return fallback(new CircuitOpenError()), got ${JSON.stringify(viaFallback)}`);
  assert.equal(breaker.state, 'open', 'rejections do not change the state');
});

test('after the 5 s sleep window exactly one trial request goes through', async () => {
  const { clock, breaker } = setup();
  clock.set(3000);
  await openIt(breaker);
  clock.set(3000 + 4999);
  assert.equal(await call(breaker, true), 'rejected', 'a call 4,999 ms after opening is still inside the sleep window and must be rejected');
  clock.set(3000 + 5000);
  let finishTrial;
  let trials = 0;
  const trial = breaker.call(() => {
    trials += 1;
    return new Promise((resolve) => (finishTrial = resolve));
  });
  assert.equal(trials, 1, 'the first call 5,000 ms after opening should be let through as the trial');
  assert.equal(breaker.state, 'half-open', `while the trial is in flight the state should be "half-open", got "${breaker.state}"`);
  const others = [];
  for (let i = 0; i < 3; i += 1) others.push(await call(breaker, true));
  assert.deepEqual(others, ['rejected', 'rejected', 'rejected'], `three more calls while the trial was in flight got ${others.join(', ')}; only ONE trial goes through, the rest are rejected`);
  finishTrial('value');
  assert.equal(await trial, 'value', 'the trial\'s own result should come back to its caller');
  assert.equal(breaker.state, 'closed', `the trial succeeded, so the circuit should be closed, got "${breaker.state}"; calls rejected meanwhile must not count as failures or change the state`);
});

test('a successful trial closes the circuit and starts with empty counts', async () => {
  const { clock, breaker } = setup();
  await openIt(breaker);
  clock.advance(5000);
  assert.equal(await call(breaker, true), 'ok', 'the first call after the sleep window is the trial');
  assert.equal(breaker.state, 'closed', `the trial succeeded: state should be "closed", got "${breaker.state}"`);
  const states = await play(breaker, 'f'.repeat(19));
  assert.equal(states.at(-1), 'closed', `after closing, 19 new failures reopened the circuit (states: ${states.join(', ')}); closing resets the counts, so the 20 old failures no longer count and 19 is under the volume threshold`);
  assert.equal(await call(breaker, false), 'failed', 'the 20th call after closing still reaches the dependency');
  assert.equal(breaker.state, 'open', '20 failures since closing open it again');
});

test('a failed trial opens the circuit for another full sleep window', async () => {
  const { clock, breaker } = setup();
  await openIt(breaker);
  clock.advance(5000);
  assert.equal(await call(breaker, false), 'failed', 'the trial reaches the dependency and fails');
  assert.equal(breaker.state, 'open', `the trial failed: state should be "open", got "${breaker.state}"`);
  clock.advance(4999);
  assert.equal(await call(breaker, true), 'rejected', 'a failed trial starts a new 5 s sleep window: 4,999 ms later calls are still rejected');
  clock.advance(1);
  assert.equal(await call(breaker, true), 'ok', '5,000 ms after the failed trial the next call is a new trial');
  assert.equal(breaker.state, 'closed', 'and it succeeded, so the circuit closes');
});

test('outcomes older than the 10 s window stop counting, and the window rolls rather than resets', async () => {
  const a = setup();
  await play(a.breaker, 'f'.repeat(19));
  a.clock.set(9500);
  await play(a.breaker, 'f');
  assert.equal(a.breaker.state, 'open', `19 failures at t = 0 and one at t = 9.5 s are 20 failures inside 10 s; state "${a.breaker.state}"`);

  const b = setup();
  await play(b.breaker, 'f'.repeat(19));
  b.clock.set(10_500);
  await play(b.breaker, 'f');
  assert.equal(b.breaker.state, 'closed', `19 failures at t = 0 have left the 10 s window by t = 10.5 s, so one more failure is 1 of 1; state "${b.breaker.state}" (are old buckets still counted?)`);

  const c = setup();
  c.clock.set(9000);
  await play(c.breaker, 'f'.repeat(15));
  c.clock.set(10_500);
  await play(c.breaker, 'f'.repeat(5));
  assert.equal(c.breaker.state, 'open', `15 failures at t = 9 s and 5 at t = 10.5 s are 20 failures in the last 10 s; state "${c.breaker.state}". A window that resets every 10 s forgets the first 15: the window must roll, bucket by bucket`);

  const d = setup();
  await play(d.breaker, 's'.repeat(30));
  d.clock.set(12_000);
  await play(d.breaker, 'f'.repeat(20));
  assert.equal(d.breaker.state, 'open', `30 successes at t = 0 then 20 failures at t = 12 s: the successes have left the window, so the window holds 20 failures of 20; state "${d.breaker.state}"`);
});
