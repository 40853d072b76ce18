// Checks for arrivalTimes and openLoad in load.js: an open-model generator that sends on schedule
// and measures from the intended start. The server is lib/server.js on a virtual scheduler, and
// the truth (what users really waited) is computed by the harness in lib/truth.js, so every number
// here is exact and the same on every run. Vectors: the lesson's worked example and SPECS.md
// section 15.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalTimes, openLoad } from '../load.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createServer } from '../lib/server.js';
import { closedLoad } from '../lib/closed.js';
import { trueLatencies } from '../lib/truth.js';
import { seededRandom } from '../lib/random.js';
import { percentile, summarize } from '../lib/stats.js';

const n = (v) => (Number.isFinite(v) ? (Math.round(v * 100) / 100).toLocaleString('en-US') : String(v));
const describe = (s) => `p99 ${n(s.p99)} ms, p99.9 ${n(s.p999)} ms, max ${n(s.max)} ms, mean ${n(s.mean)} ms, ${s.count} samples`;

// The lesson's worked example: 50 requests/s for 60 s, 10 ms each, one 2 s stall at 30 s.
const LESSON = { ratePerSec: 50, durationMs: 60_000, server: { serviceMs: 10, stalls: [{ at: 30_000, ms: 2000 }] } };
// SPECS.md section 15: one request every 10 ms for 100 s, 1 ms each, one 10 s stall (here at 50 s).
const SPECS = { ratePerSec: 100, durationMs: 100_000, server: { serviceMs: 1, stalls: [{ at: 50_000, ms: 10_000 }] } };

const evenly = ({ ratePerSec, durationMs }) => Array.from({ length: Math.round((ratePerSec * durationMs) / 1000) }, (_, i) => (i * 1000) / ratePerSec);

/** Runs the learner's generator on a fresh scheduler and server. */
function run(times, serverOptions, options = {}) {
  const scheduler = virtualScheduler();
  const server = createServer({ scheduler, ...serverOptions });
  const samples = openLoad({ scheduler, server, times, ...options });
  assert.ok(Array.isArray(samples), `openLoad should return an array of samples, got ${samples}`);
  return { scheduler, server, samples };
}

function latenciesOf(samples, what) {
  const bad = samples.findIndex((s) => !Number.isFinite(s?.latencyMs));
  assert.equal(bad, -1, `${what}: sample ${bad} has no latencyMs (${JSON.stringify(samples[bad])}); every request must be measured`);
  return samples.map((s) => s.latencyMs);
}

test('arrival times: 50/s for 60 s are 3,000 requests, one every 20 ms', () => {
  const times = arrivalTimes({ ratePerSec: 50, durationMs: 60_000 });
  assert.equal(times.length, 3000, `50/s for 60 s should give 3,000 intended times, got ${times.length}`);
  assert.deepEqual(times.slice(0, 3), [0, 20, 40], `the first times should be 0, 20, 40 ms, got ${times.slice(0, 3).join(', ')}`);
  assert.equal(times.at(-1), 59_980, `the last time should be 59,980 ms (the end is excluded), got ${times.at(-1)}`);
  const later = arrivalTimes({ ratePerSec: 4, durationMs: 1000, startMs: 5000 });
  assert.deepEqual(later, [5000, 5250, 5500, 5750], `4/s for 1 s from 5 s should be 5000, 5250, 5500, 5750, got ${later.join(', ')}`);
});

test('Poisson arrival times: seeded, exponential gaps, the right rate on average', () => {
  const a = arrivalTimes({ ratePerSec: 50, durationMs: 200_000, rand: seededRandom(7) });
  const b = arrivalTimes({ ratePerSec: 50, durationMs: 200_000, rand: seededRandom(7) });
  const c = arrivalTimes({ ratePerSec: 50, durationMs: 200_000, rand: seededRandom(8) });
  assert.deepEqual(a.slice(0, 50), b.slice(0, 50), 'the same seed must give the same times: take every random number from the rand you are given');
  assert.notDeepEqual(a.slice(0, 50), c.slice(0, 50), 'a different seed should give different times: with rand, the gaps are random');
  assert.ok(Math.abs(a.length - 10_000) <= 300, `50/s for 200 s should give about 10,000 Poisson arrivals, got ${a.length}`);
  const gaps = a.slice(1).map((t, i) => t - a[i]);
  assert.ok(gaps.every((g) => g >= 0), 'times must be ascending');
  assert.ok(a[0] >= 0 && a.at(-1) < 200_000, `times must fall inside [0, 200,000) ms, got ${a[0]} .. ${a.at(-1)}`);
  const shortGaps = gaps.filter((g) => g < 20 * Math.LN2).length / gaps.length;
  assert.ok(Math.abs(shortGaps - 0.5) < 0.03, `exponential gaps with mean 20 ms have a median of 20 x ln 2 = 13.9 ms, so half of them are shorter; ${(100 * shortGaps).toFixed(1)}% were`);
  const shifted = arrivalTimes({ ratePerSec: 50, durationMs: 10_000, startMs: 5000, rand: seededRandom(9) });
  assert.ok(shifted.length > 0 && shifted[0] >= 5000 && shifted.at(-1) < 15_000, `50/s for 10 s from startMs 5,000 should fall inside [5,000, 15,000) ms, got ${shifted[0]} .. ${shifted.at(-1)}`);
  assert.ok(Math.abs(shifted.length - 500) <= 75, `50/s for 10 s from startMs 5,000 should give about 500 times, got ${shifted.length}`);
  const longGaps = gaps.filter((g) => g > 60).length / gaps.length;
  assert.ok(Math.abs(longGaps - Math.exp(-3)) < 0.01, `exponential gaps longer than 3 x the mean should be e^-3 = 5.0% of them; ${(100 * longGaps).toFixed(1)}% were`);
});

test('requests are sent at their intended times, even while the server stalls, and each is measured once', () => {
  const times = evenly(LESSON);
  const { server, samples } = run(times, LESSON.server);
  assert.equal(samples.length, times.length, `${times.length} requests were scheduled and ${samples.length} samples came back; every request gets exactly one sample`);
  assert.equal(server.log.length, times.length, `the server received ${server.log.length} requests, expected ${times.length}`);
  const late = server.log.filter((r, i) => r.arrivedAt !== times[i]);
  assert.equal(late.length, 0, `${late.length} requests reached the server after their intended time (the first: due at ${times[server.log.indexOf(late[0])]} ms, arrived at ${late[0]?.arrivedAt} ms); an open generator never waits for a reply before sending`);
  const inStall = server.log.filter((r) => r.arrivedAt >= 30_000 && r.arrivedAt < 32_000).length;
  assert.equal(inStall, 100, `during the 2 s stall the server should receive 100 requests (one every 20 ms), it received ${inStall}`);
  const intended = samples.map((s) => s.intendedAt);
  assert.deepEqual(intended, times, 'samples should come back in the order of `times`, each with its intendedAt');
});

test('latency is measured from the intended start: the lesson\'s 2 s stall gives p99 1,710 ms', () => {
  const { samples } = run(evenly(LESSON), LESSON.server);
  const s = summarize(latenciesOf(samples, 'lesson vector'));
  const expected = { count: 3000, p99: 1710, p999: 1980, max: 2010, mean: 77 };
  assert.deepEqual(
    { count: s.count, p99: s.p99, p999: s.p999, max: s.max, mean: Math.round(s.mean * 100) / 100 },
    expected,
    `50/s for 60 s, 10 ms per request, a 2 s stall at 30 s: got ${describe(s)}; the lesson's truth is p99 1,710 ms (the 31st slowest), p99.9 1,980 ms (the 4th slowest), max 2,010 ms, mean 77 ms (a closed tester reports p99 10 ms)`,
  );
  const slowed = samples.filter((x) => x.latencyMs > 10).length;
  assert.equal(slowed, 200, `${slowed} requests took longer than the 10 ms of service; 100 arrived during the stall and 100 more while the backlog drained`);
});

test('the SPECS vector: a 10 s stall at 100 requests/s gives p99 of about 9.1 s, not 1 ms', () => {
  const times = evenly(SPECS);
  const { samples } = run(times, SPECS.server);
  const latencies = latenciesOf(samples, 'SPECS vector');
  const s = summarize(latencies);
  const truth = summarize(trueLatencies(times, SPECS.server));
  assert.ok(Math.abs(s.p99 - 9100) <= 10, `1 request every 10 ms for 100 s, 1 ms each, one 10 s stall: p99 should be about 9.1 s, got ${describe(s)}`);
  assert.equal(s.p99, truth.p99, `your p99 (${n(s.p99)} ms) differs from the harness's truth (${n(truth.p99)} ms)`);
  const overOneSecond = latencies.filter((v) => v > 1000).length;
  assert.equal(overOneSecond, 1001, `${overOneSecond} requests waited over 1 s; 1,000 arrived during the stall, and one more arrived as it ended and queued behind them`);
});

test('with one connection the generator still reports the truth, because latency counts from the intended start', () => {
  const times = evenly(LESSON);
  const { server, samples } = run(times, LESSON.server, { connections: 1 });
  assert.ok(server.maxInFlight <= 1, `with connections: 1 the server saw ${server.maxInFlight} requests in flight at once; at most 1 may be`);
  const sent = samples.filter((x) => x.sentAt > x.intendedAt).length;
  assert.ok(sent >= 99, `with one connection the requests due during the stall must go out late (after the reply at 32.01 s); only ${sent} samples have sentAt after intendedAt`);
  const latencies = latenciesOf(samples, 'one connection');
  const truth = trueLatencies(times, LESSON.server);
  const differ = latencies.findIndex((v, i) => v !== truth[i]);
  assert.equal(
    differ,
    -1,
    `request ${differ} (due at ${times[differ]} ms, sent at ${samples[differ]?.sentAt} ms) measured ${latencies[differ]} ms but its user waited ${truth[differ]} ms from the intended start; p99 ${n(percentile(latencies, 99))} ms vs the true 1,710 ms. Time from intendedAt, not sentAt: one FIFO server sees the same order either way, so the correction is exact here`,
  );
});

test('under a stall the open generator agrees with the truth, where 10 closed users with think time report far less', () => {
  const times = evenly(LESSON);
  const closedScheduler = virtualScheduler();
  const closedServer = createServer({ scheduler: closedScheduler, ...LESSON.server });
  const closed = summarize(closedLoad({ scheduler: closedScheduler, server: closedServer, users: 10, thinkMs: 190, durationMs: 60_000 }).map((x) => x.latencyMs));
  const truth = summarize(trueLatencies(times, LESSON.server));
  const mine = summarize(latenciesOf(run(times, LESSON.server).samples, 'open generator'));
  assert.ok(closed.p99 <= 20 && truth.p99 >= 1700, `harness sanity: closed users p99 ${n(closed.p99)} ms, truth p99 ${n(truth.p99)} ms (if this fails, restore lib/)`);
  assert.equal(
    mine.p99,
    truth.p99,
    `the same stall, measured three ways: 10 closed users (one request each, 190 ms think time, about 50/s) report p99 ${n(closed.p99)} ms; your generator reports ${n(mine.p99)} ms; users really waited p99 ${n(truth.p99)} ms. Yours should tell the truth, not the closed users' story`,
  );
  assert.equal(mine.max, truth.max, `max: yours ${n(mine.max)} ms, truth ${n(truth.max)} ms`);
});
