// Your CircuitBreaker (breaker.js) through a failure burst, on a fake clock: 20 calls a second for
// 40 s; the dependency answers normally, fails every call from 5 s to 20 s, then recovers. Prints
// every state change with the window's counts at that moment, then how many calls reached the
// dependency in each phase.
import { CircuitBreaker } from '../breaker.js';
import { fakeClock } from '../lib/clock.js';

const clock = fakeClock();
const breaker = new CircuitBreaker({ now: () => clock.now() });
const failing = (t) => t >= 5000 && t < 20_000;

const phases = [
  ['0-5 s, healthy', 0, 5000],
  ['5-20 s, failing', 5000, 20_000],
  ['20-40 s, recovered', 20_000, 40_000],
];
const reached = phases.map(() => 0);
const rejected = phases.map(() => 0);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

console.log('State changes:');
let last = breaker.state;
console.log(`  ${seconds(0).padStart(8)}  ${last}`);
for (let t = 0; t < 40_000; t += 50) {
  clock.set(t);
  const phase = phases.findIndex(([, from, to]) => t >= from && t < to);
  let called = false;
  try {
    await breaker.call(async () => {
      called = true;
      if (failing(t)) throw new Error('503');
      return 'ok';
    });
  } catch {
    // the failure or the rejection is what we are counting
  }
  if (called) reached[phase] += 1;
  else rejected[phase] += 1;
  const now = breaker.state;
  if (called && last === 'open') {
    // The call went through while the circuit was open: it was the trial.
    console.log(`  ${seconds(t).padStart(8)}  open -> half-open  (sleep window over: one trial call) -> ${now}  (trial ${now === 'closed' ? 'succeeded' : 'failed'})`);
  } else if (now !== last) {
    const counts = typeof breaker.counts === 'function' ? breaker.counts() : null;
    const window = counts && now === 'open' ? `  (window: ${counts.total} requests, ${counts.failed} failed)` : '';
    console.log(`  ${seconds(t).padStart(8)}  ${last} -> ${now}${window}`);
  }
  last = now;
}
console.log('');
console.log('Calls that reached the dependency (20 a second are made):');
phases.forEach(([name], i) => {
  console.log(`  ${name.padEnd(20)} ${String(reached[i]).padStart(4)} reached, ${String(rejected[i]).padStart(4)} rejected at once`);
});
console.log('');
console.log('Expected with Hystrix defaults: open once the window holds 20+ requests with 50%+ failed, one trial every 5 s while failing, closed again after the first trial past 20 s.');
