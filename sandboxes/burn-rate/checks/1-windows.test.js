// Checks for windows.js: the error ratio over the last N seconds, exact and fast enough for
// 3-day windows over per-second data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWindows } from '../windows.js';

const close = (actual, expected, what) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-12, `${what}: errorRatio gave ${actual}, expected ${expected}`);

test('the error ratio of a window counts only its last N seconds', () => {
  const w = createWindows({ maxSeconds: 3600 });
  close(w.errorRatio(60), 0, 'nothing recorded yet');
  for (let i = 0; i < 10; i += 1) w.add(1000, 0);
  for (let i = 0; i < 5; i += 1) w.add(0, 1000);
  close(w.errorRatio(1), 1, 'the last second (bad)');
  close(w.errorRatio(5), 1, 'the last 5 seconds (all bad)');
  close(w.errorRatio(10), 0.5, 'the last 10 seconds (5 good, 5 bad)');
  close(w.errorRatio(15), 5 / 15, 'the last 15 seconds (10 good, 5 bad)');
  close(w.errorRatio(3600), 5 / 15, 'a 1-hour window when only 15 seconds exist uses those 15');
  for (let i = 0; i < 5; i += 1) w.add(1000, 0);
  close(w.errorRatio(5), 0, 'after 5 more good seconds, the last 5 seconds');
  close(w.errorRatio(10), 0.5, 'after 5 more good seconds, the last 10 seconds');
});

test('the error ratio is bad events over all events in the window, not an average of per-second ratios', () => {
  const w = createWindows({ maxSeconds: 300 });
  w.add(990, 10); // a busy second at 1%
  w.add(0, 10); // a quiet second where all 10 failed
  close(w.errorRatio(2), 20 / 1010, 'a busy second at 1% then a quiet one with 10 of 10 failed: 20 bad of 1,010 (the average of the two ratios would be 50.5%)');
  w.add(0, 0); // no traffic at all
  close(w.errorRatio(3), 20 / 1010, 'a second without traffic adds nothing');
  close(w.errorRatio(1), 0, 'a window with no events has an error ratio of 0');
});

test('a three-day window over per-second data stays exact and fast (running totals, not rescans)', () => {
  const DAYS3 = 259200;
  const w = createWindows({ maxSeconds: DAYS3 });
  const windows = [300, 1800, 3600, 7200, 21600, 86400, DAYS3];
  // bad = 5 in every 7th second, 995 good otherwise; 4 days of it, 8 questions every second.
  const total = 4 * 86400;
  const started = performance.now();
  for (let t = 0; t < total; t += 1) {
    w.add(t % 7 === 0 ? 995 : 1000, t % 7 === 0 ? 5 : 0);
    for (const s of windows) w.errorRatio(s);
    w.errorRatio(60);
    if ((t & 63) === 0) {
      const ms = performance.now() - started;
      assert.ok(ms < 4000, `after ${t} of ${total} simulated seconds, ${Math.round(ms)} ms have gone by: each errorRatio must take constant time (subtract running totals), not walk the window`);
    }
  }
  // Independent count: the bad seconds among the last `s` seconds, t = total - s .. total - 1.
  for (const s of [300, 86400, DAYS3]) {
    let badSeconds = 0;
    for (let t = total - s; t < total; t += 1) if (t % 7 === 0) badSeconds += 1;
    close(w.errorRatio(s), (badSeconds * 5) / (s * 1000), `the last ${s} s of a 4-day run`);
  }
});
