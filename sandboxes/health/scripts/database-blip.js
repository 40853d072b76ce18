// The lesson's incident, in simulated time: 4 pods, and the shared database unreachable for 40 s.
// Played twice against your server.js: once with the liveness probe pointed at /readyz (a liveness
// check that depends on the database, like Parcelry's single /health), once with it on /livez.
// The kubelet is simulated: liveness every 10 s (3 failures in a row restart the container, with a
// growing back-off), readiness every 5 s (2 failures take the pod out of the Service).
import { createService } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { fakeDatabase } from '../lib/database.js';
import { createPod } from '../lib/cluster.js';

const PODS = 4;
const WARMUP_MS = 15_000;
const DB_DOWN = [60_000, 100_000]; // from, until (ms)
const END_MS = 300_000;
const TICK_MS = 500;
const LIVENESS = { periodMs: 10_000, failureThreshold: 3 };
const READINESS = { periodMs: 5_000, failureThreshold: 2 };
const RPS = 200; // traffic, to turn "no ready pod" into failed requests

async function play(livenessPath) {
  const clock = fakeClock();
  const db = fakeDatabase();
  let restarts = 0;
  let noReadyMs = 0;
  let fullAgainAt = null;
  let lostCapacityAt = null;

  const slots = Array.from({ length: PODS }, (_, i) => ({ i, pod: null, startAt: 0, startedAt: 0, liveFails: 0, readyFails: 0, ready: false, restarts: 0 }));
  const offset = (slot) => slot.i * 2_500; // pods do not probe in lockstep

  function start(slot) {
    slot.pod = createPod({ createService, clock, db, name: `pod-${slot.i}`, warmupMs: WARMUP_MS });
    slot.startedAt = clock.now();
    slot.liveFails = 0;
    slot.readyFails = 0;
    slot.ready = false;
  }
  for (const slot of slots) start(slot);

  while (clock.now() < END_MS) {
    const now = clock.now();
    if (now === DB_DOWN[0]) db.fail();
    if (now === DB_DOWN[1]) db.recover();
    for (const slot of slots) {
      if (!slot.pod) {
        if (now >= slot.startAt) start(slot); // the back-off is over
        continue;
      }
      const age = now - slot.startedAt + offset(slot);
      if (age % READINESS.periodMs === 0) {
        if (await slot.pod.probe('/readyz')) {
          slot.ready = true;
          slot.readyFails = 0;
        } else if (++slot.readyFails >= READINESS.failureThreshold) {
          slot.ready = false;
        }
      }
      if (age % LIVENESS.periodMs === 0) {
        if (await slot.pod.probe(livenessPath)) slot.liveFails = 0;
        else if (++slot.liveFails >= LIVENESS.failureThreshold) {
          // The kubelet kills the container and starts it again after a back-off: 0 s, 10 s, 20 s, 40 s ...
          slot.pod.kill(137);
          slot.pod = null;
          slot.ready = false;
          slot.startAt = now + (slot.restarts === 0 ? 0 : Math.min(300_000, 10_000 * 2 ** (slot.restarts - 1)));
          slot.restarts += 1;
          restarts += 1;
        }
      }
    }
    const ready = slots.filter((s) => s.ready).length;
    if (now >= DB_DOWN[0]) {
      if (ready === 0) noReadyMs += TICK_MS;
      if (ready < PODS) {
        lostCapacityAt ??= now;
        fullAgainAt = null;
      } else if (lostCapacityAt !== null) fullAgainAt ??= now;
    }
    await clock.advance(TICK_MS);
  }
  for (const slot of slots) slot.pod?.kill(0);
  return { restarts, noReadyMs, fullAgainAt };
}

const runs = [await play('/readyz'), await play('/livez')];
const s = (ms) => (ms === null ? 'not within 5 min' : `t = ${ms / 1000} s`);
const rows = [
  ['container restarts', (r) => String(r.restarts)],
  ['time with no ready pod', (r) => `${r.noReadyMs / 1000} s`],
  [`requests failed at ${RPS}/s`, (r) => String((r.noReadyMs / 1000) * RPS).replace(/\B(?=(\d{3})+(?!\d))/g, ',')],
  ['all pods ready again at', (r) => s(r.fullAgainAt)],
];
console.log(`${PODS} pods (warm-up ${WARMUP_MS / 1000} s each); the database is unreachable from t = ${DB_DOWN[0] / 1000} s to t = ${DB_DOWN[1] / 1000} s (${(DB_DOWN[1] - DB_DOWN[0]) / 1000} s).`);
console.log(`Liveness every ${LIVENESS.periodMs / 1000} s, restart after ${LIVENESS.failureThreshold} failures; readiness every ${READINESS.periodMs / 1000} s, out after ${READINESS.failureThreshold} failures.`);
console.log('');
console.log(`${''.padEnd(26)}${'liveness on /readyz'.padStart(22)}${'liveness on /livez'.padStart(22)}`);
console.log(`${''.padEnd(26)}${'(checks the database)'.padStart(22)}${'(your /livez)'.padStart(22)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(26)}${value(runs[0]).padStart(22)}${value(runs[1]).padStart(22)}`);
console.log('');
console.log(`restarts caused by a ${(DB_DOWN[1] - DB_DOWN[0]) / 1000} s database blip: ${runs[0].restarts} when liveness checks the database, ${runs[1].restarts} with your /livez (expected 0)`);
