// Checks for the probes and the shutdown. Time is a fake clock (a 12-second export takes no real
// time), the database is a fake that can be switched off, SIGTERM comes from a stand-in process,
// and exit() is recorded instead of ending anything. Exit is made final the way process.exit is:
// every connection still open at that moment is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { fakeDatabase } from '../lib/database.js';
import { createParcelApp } from '../lib/app.js';
import { fakeProcess } from '../lib/process.js';
import { forceClose, get, keepAliveClient, trackConnections, within } from '../lib/client.js';

const WARMUP_MS = 3_000;
const t = (ms) => `t = ${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 3)} s`;
const said = (res) => (res.ok ? `${res.status} ${res.text.trim().slice(0, 120)}` : `no answer (${res.error})`);

/**
 * A fresh service on a fake clock. By default it is booted: listening, warm and ready. Options
 * other than `boot` go to createService (the checks use short delays unless they test the defaults).
 */
async function withService(run, { boot = true, ...options } = {}) {
  const clock = fakeClock();
  const db = fakeDatabase();
  const app = createParcelApp({ clock, db, warmupMs: WARMUP_MS });
  const proc = fakeProcess({ clock });
  const service = createService({ clock, db, app, signals: proc.signals, exit: proc.exit, ...options });
  const connections = trackConnections(service.server);
  const atExit = { open: null };
  proc.onExit(() => {
    atExit.open ??= connections.open;
    forceClose(service.server);
  });
  const clients = [];
  const env = {
    clock,
    db,
    app,
    proc,
    service,
    atExit,
    port: null,
    /** When the check's own time starts: after boot, so "t = 0 s" is the first thing the check does. */
    t0: 0,
    /** When exit() was first called, on the check's time line. */
    exitAt: () => (proc.exits[0] ? proc.exits[0].at - env.t0 : undefined),
    /** A response in words, noting when the process had already exited (exit drops every connection). */
    said(res) {
      const exited = proc.exits[0];
      return `${said(res)}${!res.ok && exited ? `; the process had exited with code ${exited.code} at ${t(exited.at - env.t0)}, which drops every open connection` : ''}`;
    },
    get: (path) => get(env.port, path),
    keepAlive() {
      const client = keepAliveClient(env.port);
      clients.push(client);
      return client;
    },
    /**
     * Sends GET /export?ms=<ms> and waits until the app has it in hand (it is then "in flight").
     * Resolves to { reply }: the response, which needs the clock to move.
     */
    async startExport(ms, client) {
      const before = app.inFlight;
      const reply = client ? client.get(`/export?ms=${ms}`) : env.get(`/export?ms=${ms}`);
      await waitFor(() => app.inFlight > before, `GET /export?ms=${ms} never reached the app`);
      return { reply };
    },
    /** Moves the fake clock in small steps until `done()` or `maxMs` have passed. */
    async advanceUntil(done, maxMs, stepMs = 50) {
      for (let spent = 0; !done() && spent < maxMs; spent += stepMs) await clock.advance(stepMs);
      return done();
    },
  };
  try {
    if (boot) {
      const listening = service.listen(0);
      listening.catch(() => {});
      await clock.advance(WARMUP_MS);
      env.port = await within(2000, listening, `listen() had not resolved ${t(WARMUP_MS)} after it was called (warm-up takes ${WARMUP_MS} ms)`);
      env.t0 = clock.now();
    }
    await run(env);
  } finally {
    for (const client of clients) client.destroy();
    forceClose(service.server);
  }
}

async function waitFor(predicate, message, ms = 2000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function sigterm(env) {
  const handled = env.proc.signal('SIGTERM');
  assert.ok(handled, 'nothing listens for SIGTERM: register a handler with signals.on("SIGTERM", ...) (signals is process in real life)');
}

test('/livez answers 200 without touching the database, even while it is down', async () => {
  await withService(async (env) => {
    const before = env.db.calls;
    const up = await env.get('/livez');
    assert.equal(up.status, 200, `/livez with the database up: expected 200, got ${env.said(up)}`);
    assert.equal(env.db.calls, before, `/livez called the database (${env.db.calls - before} call): liveness must be answered by the process alone`);
    env.db.fail();
    for (const step of [1, 2, 3]) {
      await env.clock.advance(10_000);
      const res = await env.get('/livez');
      assert.equal(res.status, 200, `/livez ${step * 10} s into a database outage: expected 200, got ${env.said(res)}. A failing liveness probe restarts the pod, and a restart cannot fix the database`);
    }
  });
});

test('the server listens at once and /readyz answers 503 until warm-up has finished', async () => {
  await withService(
    async (env) => {
      const listening = env.service.listen(0);
      listening.catch(() => {});
      env.port = await within(1000, listening, `listen() only resolves once warm-up is over (${WARMUP_MS} ms): until then a probe gets "connection refused", which looks like a crash. Listen first, then warm up`);
      const warming = await env.get('/readyz');
      assert.equal(warming.status, 503, `/readyz at ${t(0)}, while warming up: expected 503, got ${env.said(warming)}`);
      const alive = await env.get('/livez');
      assert.equal(alive.status, 200, `/livez while warming up: expected 200 (the process is fine, just not ready), got ${env.said(alive)}`);
      await env.clock.advance(WARMUP_MS - 1);
      const almost = await env.get('/readyz');
      assert.equal(almost.status, 503, `/readyz at ${t(WARMUP_MS - 1)}, 1 ms before warm-up ends: expected 503, got ${env.said(almost)}`);
      await env.clock.advance(1);
      const ready = await env.get('/readyz');
      assert.equal(ready.status, 200, `/readyz at ${t(WARMUP_MS)}, warm and with the database up: expected 200, got ${env.said(ready)}`);
    },
    { boot: false },
  );
});

test('/readyz answers 503 while the database is down and 200 once it is back', async () => {
  await withService(async (env) => {
    const before = await env.get('/readyz');
    assert.equal(before.status, 200, `/readyz when warm and the database is up: expected 200, got ${env.said(before)}`);
    env.db.fail();
    await env.clock.advance(2_000);
    const down = await env.get('/readyz');
    assert.equal(down.status, 503, `/readyz 2 s after the database went down (one check interval): expected 503, got ${env.said(down)}`);
    env.db.recover();
    await env.clock.advance(2_000);
    const back = await env.get('/readyz');
    assert.equal(back.status, 200, `/readyz 2 s after the database came back: expected 200, got ${env.said(back)}. Nothing restarts: the pod rejoins by itself`);
  });
});

test('probes read a stored status: 40 probes make no database calls', async () => {
  await withService(async (env) => {
    const before = env.db.calls;
    const replies = await Promise.all([...Array(20)].flatMap(() => [env.get('/readyz'), env.get('/livez')]));
    const failed = replies.filter((r) => r.status !== 200);
    assert.equal(failed.length, 0, `40 probes on a healthy pod: ${failed.length} did not get 200 (${env.said(failed[0] ?? {})})`);
    const made = env.db.calls - before;
    assert.equal(made, 0, `20 /readyz and 20 /livez probes made ${made} database calls: every pod x every probe x every period becomes load on the database. Check it in the background and let /readyz read the result`);
    await env.clock.advance(10_000);
    assert.ok(env.db.calls > before, 'in 10 s the service never checked the database: readiness cannot notice an outage. Check it every dbCheckIntervalMs with clock.setInterval');
  });
});

test('/readyz answers 503 from the moment SIGTERM arrives, while /livez stays 200', async () => {
  await withService(
    async (env) => {
      const before = await env.get('/readyz');
      assert.equal(before.status, 200, `/readyz before SIGTERM: expected 200, got ${env.said(before)}`);
      sigterm(env);
      const ready = await env.get('/readyz');
      assert.equal(ready.status, 503, `/readyz right after SIGTERM: expected 503, got ${env.said(ready)}${ready.ok ? '' : '. The process stopped answering at once; it should keep serving through the drain delay'}`);
      const live = await env.get('/livez');
      assert.equal(live.status, 200, `/livez right after SIGTERM: expected 200 (shutting down is not broken), got ${env.said(live)}`);
    },
    { drainDelayMs: 5_000, shutdownTimeoutMs: 10_000 },
  );
});

test('after SIGTERM the server keeps serving for the drain delay, then refuses new connections', async () => {
  await withService(
    async (env) => {
      const { reply: exportReply } = await env.startExport(8_000); // keeps the process busy past the delay
      sigterm(env);
      await env.clock.advance(4_000);
      const during = await env.get('/track/PX-1');
      assert.equal(during.status, 200, `GET /track/PX-1 4 s after SIGTERM, inside the 5 s drain delay: expected 200, got ${env.said(during)}. Proxies may still route requests here for a few seconds; refusing them turns into 502s`);
      await env.clock.advance(1_100);
      assert.equal(env.proc.exited, false, `exit() was called at ${t(env.exitAt())} with a request still in flight`);
      const after = await env.get('/track/PX-2');
      assert.equal(after.ok, false, `a new connection 5.1 s after SIGTERM, past the drain delay, was accepted (${env.said(after)}): stop accepting with server.close() once the delay is over`);
      await env.clock.advance(3_000);
      await within(2000, exportReply, 'the export never got an answer');
    },
    { drainDelayMs: 5_000, shutdownTimeoutMs: 10_000 },
  );
});

test('a request in flight at SIGTERM completes, then the process exits 0', async () => {
  await withService(
    async (env) => {
      const { reply } = await env.startExport(8_000);
      await env.clock.advance(1_000);
      sigterm(env);
      await env.clock.advance(6_950);
      assert.equal(env.proc.exited, false, `exit(${env.proc.exits[0]?.code}) was called at ${t(env.exitAt())}, while the export started at ${t(0)} still needed until ${t(8_000)}`);
      await env.clock.advance(50);
      const res = await within(2000, reply, `the export due at ${t(8_000)} got no answer`);
      assert.equal(res.status, 200, `the export in flight at SIGTERM: expected 200, got ${env.said(res)}`);
      await env.advanceUntil(() => env.proc.exited, 1_000);
      const exits = env.proc.exits;
      assert.equal(exits.length, 1, `the process did not exit within 1 s of its last request finishing (${t(8_000)}): nothing was left to wait for`);
      assert.equal(exits[0].code, 0, `everything finished, so the exit code should be 0, got ${exits[0].code}`);
    },
    { drainDelayMs: 1_000, shutdownTimeoutMs: 10_000 },
  );
});

test('the process exits with no connection left open, idle keep-alive ones included', async () => {
  await withService(
    async (env) => {
      const idle = env.keepAlive();
      const first = await idle.get('/track/PX-1');
      assert.equal(first.status, 200, `GET /track/PX-1: expected 200, got ${env.said(first)}`);
      const busy = env.keepAlive();
      const { reply } = await env.startExport(3_000, busy);
      sigterm(env);
      await env.clock.advance(3_000);
      const res = await within(2000, reply, 'the export got no answer');
      assert.equal(res.status, 200, `the export in flight at SIGTERM: expected 200, got ${env.said(res)}`);
      await env.advanceUntil(() => env.proc.exited, 1_000);
      assert.ok(env.proc.exited, 'the process did not exit within 1 s of its last request finishing: is it waiting for a keep-alive connection to close by itself (that takes server.keepAliveTimeout)? Close idle connections yourself');
      assert.equal(
        env.atExit.open,
        0,
        `${env.atExit.open} connection(s) were still open when exit() was called. A keep-alive client would send its next request down one of them and lose it. Answer with Connection: close while draining, and call server.closeIdleConnections() after server.close() and again as each request finishes`,
      );
    },
    { drainDelayMs: 1_000, shutdownTimeoutMs: 10_000 },
  );
});

test('a request that outlives the deadline is cut and the exit code is 1', async () => {
  await withService(
    async (env) => {
      const { reply } = await env.startExport(60_000);
      sigterm(env);
      // Drain delay 1 s, then a 10 s deadline for what is in flight: the deadline falls at t = 11 s.
      await env.clock.advance(10_950);
      assert.equal(env.proc.exited, false, `exit(${env.proc.exits[0]?.code}) was called at ${t(env.exitAt())}, before the deadline at ${t(11_000)} (1 s drain delay + 10 s shutdownTimeoutMs)`);
      await env.advanceUntil(() => env.proc.exited, 1_000);
      const exits = env.proc.exits;
      assert.equal(exits.length, 1, `at ${t(12_000)} the process had still not exited, 1 s past its deadline: use clock.setTimeout(..., shutdownTimeoutMs) to stop waiting`);
      assert.equal(exits[0].code, 1, `a request had to be cut, so the exit code should be 1 (an unclean shutdown shows in the pod's last state), got ${exits[0].code}`);
      const res = await within(2000, reply, 'the cut request never settled');
      assert.equal(res.ok, false, `the 60 s export should have been cut at the deadline, but it got ${env.said(res)}`);
    },
    { drainDelayMs: 1_000, shutdownTimeoutMs: 10_000 },
  );
});

test('with the default settings a 12 s export finishes and shutdown ends before the 30 s SIGKILL', async () => {
  await withService(async (env) => {
    const { reply: slowest } = await env.startExport(12_000);
    const { reply: endless } = await env.startExport(10 * 60_000);
    sigterm(env);
    await env.clock.advance(12_000);
    const res = await within(2000, slowest, 'the 12 s export got no answer');
    assert.equal(res.status, 200, `the 12 s export (the service's slowest endpoint) in flight at SIGTERM: expected 200 with the default settings, got ${env.said(res)}`);
    await env.advanceUntil(() => env.proc.exited, 30_000 - 12_000, 250);
    const exit = env.proc.exits[0];
    assert.ok(exit && exit.at < 30_000, `with a request that never ends, the process was still running ${t(30_000)} after SIGTERM: Kubernetes would SIGKILL it there. Drain delay + deadline must fit inside terminationGracePeriodSeconds (30 s)`);
    assert.equal(exit.code, 1, `the endless request was cut, so the exit code should be 1, got ${exit.code}`);
    await within(2000, endless, 'the endless export never settled');
  });
});

test('a second SIGTERM does not start a second shutdown', async () => {
  await withService(
    async (env) => {
      const { reply } = await env.startExport(5_000);
      sigterm(env);
      await env.clock.advance(500);
      sigterm(env);
      await env.clock.advance(4_500);
      const res = await within(2000, reply, 'the export got no answer');
      assert.equal(res.status, 200, `the export in flight during two SIGTERMs: expected 200, got ${env.said(res)}`);
      await env.advanceUntil(() => env.proc.exited, 1_000);
      await env.clock.advance(12_000);
      const codes = env.proc.exits.map((e) => `exit(${e.code}) at ${t(e.at - env.t0)}`);
      assert.equal(codes.length, 1, `expected exactly one exit, got ${codes.length ? codes.join(', ') : 'none'}: remember the shutdown in progress and return it when the signal comes again`);
      assert.equal(env.proc.exits[0].code, 0, `expected exit code 0, got ${env.proc.exits[0].code}`);
    },
    { drainDelayMs: 1_000, shutdownTimeoutMs: 10_000 },
  );
});
