// A rolling deploy of 3 pods under steady traffic, in simulated time, played twice: once with pods
// that die on SIGTERM (what a process without a SIGTERM handler does), once with your server.js
// handling it. The load balancer learns that a pod is terminating 2 s after the kubelet sends
// SIGTERM, as proxies do, so requests keep arriving for a moment. Prints what the clients saw.
import { createService } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { fakeDatabase } from '../lib/database.js';
import { createPod } from '../lib/cluster.js';

const PODS = 3;
const RPS = 30; // requests per second through the load balancer
const LB_LAG_MS = 2_000; // how late the load balancer stops routing to a terminating pod
const GRACE_MS = 30_000; // terminationGracePeriodSeconds
const TICK_MS = 50;

/** The same request durations every run: 0.1 s to 1.5 s. */
function durations(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return 100 + Math.round((x / 2 ** 32) * 1_400);
  };
}

async function rollout(graceful) {
  const clock = fakeClock();
  const db = fakeDatabase();
  let made = 0;
  const newPod = () => createPod({ createService, clock, db, name: `pod-${++made}`, warmupMs: 3_000 });
  const endpoints = []; // { pod, until }: the load balancer's view
  const nextDuration = durations(42);
  const results = [];
  const exits = [];
  let turn = 0;
  let sendAt = null; // traffic starts once the first pods are ready

  const ready = async (pod) => {
    while (!(await pod.probe('/readyz'))) await step();
  };
  async function step() {
    // Traffic: RPS requests per second, round robin over the endpoints the balancer still has.
    const live = endpoints.filter((e) => e.until === undefined || clock.now() < e.until);
    const arrivals = [];
    while (sendAt !== null && sendAt <= clock.now()) {
      sendAt += 1000 / RPS;
      if (live.length === 0) {
        results.push(Promise.resolve({ ok: false, error: 'no endpoint' }));
        continue;
      }
      const { pod } = live[turn++ % live.length];
      const { arrived, reply } = pod.send(`/export?ms=${nextDuration()}`);
      arrivals.push(arrived);
      results.push(reply);
    }
    await Promise.all(arrivals);
    await clock.advance(TICK_MS);
  }

  for (let i = 0; i < PODS; i += 1) {
    const pod = newPod();
    await ready(pod);
    endpoints.push({ pod });
  }
  const started = clock.now();
  sendAt = started;
  for (let i = 0; i < PODS; i += 1) {
    const replacement = newPod();
    await ready(replacement);
    endpoints.push({ pod: replacement });
    const old = endpoints[i];
    old.until = clock.now() + LB_LAG_MS; // endpoint removal and SIGTERM start together
    const deadline = clock.now() + GRACE_MS;
    if (graceful) old.pod.sigterm();
    else old.pod.kill(143); // no handler: SIGTERM's default action ends the process at once
    while (!old.pod.dead && clock.now() < deadline) await step();
    if (!old.pod.dead) old.pod.kill(137); // SIGKILL
    exits.push(old.pod.exitCode);
  }
  const tookMs = clock.now() - started;
  for (let i = 0; i < 2_000 / TICK_MS; i += 1) await step(); // 2 s more traffic on the new pods
  sendAt = null;
  let settled = 0;
  Promise.allSettled(results).then(() => (settled = 1));
  while (!settled) await step(); // let the last requests finish
  const outcomes = await Promise.all(results);
  for (const e of endpoints.slice(PODS)) e.pod.kill(0);
  return { outcomes, exits, tookMs };
}

const runs = [await rollout(false), await rollout(true)];
const count = (run, test) => run.outcomes.filter(test).length;
const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const rows = [
  ['requests sent', (r) => fmt(r.outcomes.length)],
  ['answered', (r) => fmt(count(r, (o) => o.ok))],
  ['dropped: connection refused', (r) => fmt(count(r, (o) => o.error === 'ECONNREFUSED'))],
  ['dropped: cut mid-request', (r) => fmt(count(r, (o) => !o.ok && o.error !== 'ECONNREFUSED'))],
  ['old pods exited with', (r) => r.exits.join(', ')],
  ['rollout took', (r) => `${(r.tookMs / 1000).toFixed(1)} s`],
];
console.log(`Rolling deploy of ${PODS} pods, ${RPS} requests/s (each 0.1 to 1.5 s long); the load balancer`);
console.log(`stops routing to a terminating pod ${LB_LAG_MS / 1000} s after SIGTERM; grace period ${GRACE_MS / 1000} s.`);
console.log('');
console.log(`${''.padEnd(30)}${'pods die on SIGTERM'.padStart(22)}${'your server.js'.padStart(18)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(30)}${value(runs[0]).padStart(22)}${value(runs[1]).padStart(18)}`);
console.log('');
const dropped = (r) => r.outcomes.length - count(r, (o) => o.ok);
console.log(`requests dropped by the deploy: ${fmt(dropped(runs[0]))} without a graceful shutdown, ${fmt(dropped(runs[1]))} with yours (expected 0)`);
console.log('(exit code 143 = ended by SIGTERM, 137 = SIGKILL at the end of the grace period)');
