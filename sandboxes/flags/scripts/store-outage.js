// The flag store fails for ten minutes of a busy morning, in simulated time: from 09:00 it refuses
// connections, from 09:05 its proxy answers an HTML error page instead of flags, and at 09:10 it
// is back. Three pods serve 20 checkout requests a second each, and every request checks three
// flags. pod-a and pod-b loaded the flags before the outage; pod-b restarts at 09:02 (a deploy) and
// comes up with nothing loaded; pod-c is a new pod scaled out at 09:03. Each pod refreshes every 30 s.
import { createFlagStore } from '../lib/flag-store.js';
import { fakeClock } from '../lib/clock.js';

const clock = fakeClock(Date.UTC(2026, 2, 12, 8, 55));
const start = clock.now();
const at = (hhmm) => Date.UTC(2026, 2, 12, ...hhmm.split(':').map(Number));
const store = createFlagStore({
  clock,
  flags: [
    { key: 'new-checkout', rolloutPercent: 50, rules: [{ attribute: 'employee', op: 'equals', value: true, serve: true }] },
    { key: 'disable-recommendations', rolloutPercent: 0 },
    { key: 'bulk-export', rolloutPercent: 0, rules: [{ attribute: 'plan', op: 'in', values: ['enterprise'], serve: true }] },
  ],
});

let processes = 0;
async function startPod(name) {
  processes += 1;
  const { createFlagClient: create } = await import(`../flags.js?process=${processes}`); // a fresh process
  const pod = { name, requests: 0, failed: 0, defaults: 0, served: 0, refreshThrew: 0, logLines: 0, client: null };
  pod.client = create({ store, clock, log: () => (pod.logLines += 1) });
  await refresh(pod);
  return pod;
}

async function refresh(pod) {
  try {
    await pod.client.refresh();
  } catch {
    pod.refreshThrew += 1; // in a real pod: an unhandled rejection, which can crash the process
  }
}

function serve(pod, n) {
  const user = { id: `user-${n}`, plan: n % 9 === 0 ? 'enterprise' : 'pro', employee: n % 50 === 0 };
  pod.requests += 1;
  try {
    for (const [key, fallback] of [['new-checkout', false], ['disable-recommendations', false], ['bulk-export', false]]) {
      const r = pod.client.evaluate(key, user, fallback);
      if (r?.reason === 'ERROR') pod.defaults += 1;
      else pod.served += 1;
    }
  } catch {
    pod.failed += 1; // the exception reached the request handler: a 500 for this customer
  }
}

const pods = [await startPod('pod-a'), await startPod('pod-b')];
const events = [
  [at('09:00'), () => store.goDown()],
  [at('09:02'), async () => (pods[1] = await startPod('pod-b'))],
  [at('09:03'), async () => pods.push(await startPod('pod-c'))],
  [at('09:05'), () => (store.comeBack(), store.answerWith('<html><body>502 Bad Gateway</body></html>'))],
  [at('09:10'), () => store.answerWith(undefined)],
];
const end = at('09:15');
let n = 0;
let nextRefresh = start + 30_000;
while (clock.now() < end) {
  while (events.length > 0 && events[0][0] <= clock.now()) await events.shift()[1]();
  if (clock.now() >= nextRefresh) {
    for (const pod of pods) await refresh(pod);
    nextRefresh += 30_000;
  }
  for (const pod of pods) serve(pod, (n += 1));
  clock.advance(50);
}

const fmt = (v) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const col = (v, w) => String(v).padStart(w);
console.log('The flag store is down 09:00-09:05 and answers an HTML error page 09:05-09:10. 20 requests/s per pod, 3 flags each.');
console.log('pod-b restarts at 09:02 and pod-c starts at 09:03, both during the outage.');
console.log('');
console.log(`${'pod'.padEnd(7)}${col('requests', 10)}${col('500s (threw)', 14)}${col('defaults', 10)}${col('from flags', 12)}${col('refresh threw', 15)}${col('log lines', 11)}`);
for (const p of pods) {
  console.log(`${p.name.padEnd(7)}${col(fmt(p.requests), 10)}${col(fmt(p.failed), 14)}${col(fmt(p.defaults), 10)}${col(fmt(p.served), 12)}${col(fmt(p.refreshThrew), 15)}${col(fmt(p.logLines), 11)}`);
}
console.log('');
console.log('"500s (threw)": requests in which a flag evaluation threw. "defaults": evaluations answered with the call-site');
console.log('default (reason ERROR). "from flags": evaluations answered from loaded flags (pod-b counts since its restart).');
