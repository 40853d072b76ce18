// Checks for alerts.js and rules.js: the rule table, the two-window condition, and Prometheus'
// pending/firing/resolved states with `for`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAlert, isBurning } from '../alerts.js';
import { RULES, SLO as YOUR_SLO } from '../rules.js';
import { REFERENCE_RULES } from './reference.js';

const [PAGE_1H] = REFERENCE_RULES;

test("the rule table is the SRE Workbook's: 14.4x 1 h/5 m and 6x 6 h/30 m pages, 3x 1 d/2 h and 1x 3 d/6 h tickets", () => {
  assert.equal(YOUR_SLO, 0.999, 'the SLO is 99.9%');
  const key = (r) => `${r.severity} ${r.burnRate}x long ${r.long} s short ${r.short} s for ${r.for ?? 0} s`;
  const yours = (Array.isArray(RULES) ? RULES : []).map(key).sort();
  const expected = REFERENCE_RULES.map(key).sort();
  assert.deepEqual(yours, expected, `RULES should hold the four tiers of the lesson's table, windows and for in seconds`);
  const names = RULES.map((r) => r.name);
  assert.ok(names.every((n) => typeof n === 'string' && n !== '') && new Set(names).size === names.length, `every rule needs its own name, got ${JSON.stringify(names)}`);
});

test('a rule burns only when both its long and its short window are above burn rate x (1 - SLO)', () => {
  const asked = new Set();
  const windows = (ratios) => ({
    errorRatio(seconds) {
      asked.add(seconds);
      if (!(seconds in ratios)) return 0;
      return ratios[seconds];
    },
  });
  const at = (long, short, slo = 0.999) => isBurning(PAGE_1H, windows({ 3600: long, 300: short }), slo);
  assert.equal(at(0.0145, 0.5), true, '1 h at 1.45% and 5 m at 50% are both above 14.4 x 0.1% = 1.44%: burning');
  assert.equal(at(0.0143, 0.5), false, '1 h at 1.43% is below 1.44%: a short spike alone must not page');
  assert.equal(at(0.2, 0.014), false, '5 m at 1.4% is below 1.44%: the problem has stopped, so the rule must let go even though the 1 h window is high');
  assert.equal(at(0, 0), false, 'no errors');
  assert.ok(asked.has(3600) && asked.has(300), `the rule should look at its long (3600 s) and short (300 s) windows, it asked for ${[...asked].join(', ')}`);
  assert.equal(at(0.1, 0.2, 0.99), false, 'at a 99% SLO the budget is 1%, so 14.4x is 14.4%: 10% is not above it');
  assert.equal(at(0.15, 0.15, 0.99), true, 'at a 99% SLO, 15% over both windows is above 14.4%');
});

test('an alert is pending while true, fires once true for its whole for, and goes back to inactive if false before', () => {
  const states = (alert, steps) => steps.map(([t, active]) => (alert.evaluate(t, active), `${t}:${alert.state}`));
  const a = createAlert({ name: 'page', for: 120 });
  assert.equal(a.state, 'inactive', 'a new alert is inactive');
  const moves = a.evaluate(10, true);
  assert.deepEqual(moves, [{ at: 10, from: 'inactive', to: 'pending' }], `true at t = 10 with for: 120 should move inactive -> pending, got ${JSON.stringify(moves)}`);
  assert.equal(a.activeAt, 10, 'activeAt is when the condition first held');
  assert.deepEqual(states(a, [[11, true], [129, true]]), ['11:pending', '129:pending'], 'still pending until 120 s have passed since activeAt');
  assert.deepEqual(a.evaluate(130, true), [{ at: 130, from: 'pending', to: 'firing' }], 'at t = 130 the condition has held for 120 s: firing');
  assert.equal(a.firedAt, 130);
  assert.deepEqual(a.evaluate(131, true), [], 'no transition while it stays firing');

  const flicker = createAlert({ name: 'page', for: 120 });
  flicker.evaluate(10, true);
  assert.deepEqual(flicker.evaluate(60, false), [{ at: 60, from: 'pending', to: 'inactive' }], 'false while pending: back to inactive, never notified anyone');
  flicker.evaluate(62, true);
  assert.equal(flicker.activeAt, 62, 'true again: the for timer starts over from this evaluation');
  assert.deepEqual(states(flicker, [[130, true], [181, true], [182, true]]), ['130:pending', '181:pending', '182:firing'], 'a flicker restarts the timer: firing 120 s after the new activeAt');
});

test('a firing alert that turns false is resolved, then inactive; with for: 0 it fires at once', () => {
  const a = createAlert({ name: 'ticket', for: 0 });
  const first = a.evaluate(5, true);
  assert.equal(a.state, 'firing', `with for: 0 the alert fires at the first evaluation that is true, got ${a.state} (${JSON.stringify(first)})`);
  assert.equal(first.at(-1)?.to, 'firing', `the last move reported is to firing, got ${JSON.stringify(first)}`);
  assert.equal(a.firedAt, 5);
  assert.deepEqual(a.evaluate(8, false), [{ at: 8, from: 'firing', to: 'resolved' }], 'false while firing: resolved (Alertmanager sends the resolved notification)');
  assert.equal(a.resolvedAt, 8);
  assert.deepEqual(a.evaluate(9, false), [{ at: 9, from: 'resolved', to: 'inactive' }], 'still false at the next evaluation: inactive');
  a.evaluate(10, true);
  assert.equal(a.state, 'firing', 'true again: fires again');
  a.evaluate(11, false);
  assert.equal(a.state, 'resolved');
  const again = a.evaluate(12, true);
  assert.equal(again[0]?.from, 'resolved', `from resolved, a true evaluation starts a new alert, got ${JSON.stringify(again)}`);
  assert.equal(a.state, 'firing');

  const page = createAlert({ name: 'page', for: 120 });
  page.evaluate(0, true);
  page.evaluate(120, true);
  page.evaluate(200, false);
  assert.deepEqual(page.evaluate(201, true), [{ at: 201, from: 'resolved', to: 'pending' }], 'with for: 120, a resolved alert that turns true is pending first');
});
