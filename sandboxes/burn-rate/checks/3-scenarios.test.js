// End-to-end checks: per-second traffic with 3 days of healthy history before t = 0, the rules
// evaluated every second on a fake clock. Expected times are worked out in each test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMonitor } from '../alerts.js';
import { fakeClock } from '../lib/clock.js';
import { createTraffic, phases } from '../lib/stream.js';
import { HOUR, TooSlowError, runScenario, timeline } from '../lib/run.js';
import { REFERENCE_RULES, SLO } from './reference.js';

// A monitor that takes seconds per scenario would push the whole run past its time limit: after
// the first one is too slow, the others fail at once with the same message.
let tooSlow = null;

function run(errorRatio, until) {
  if (tooSlow) assert.fail(`not run, an earlier scenario was too slow: ${tooSlow}`);
  const clock = fakeClock();
  const monitor = createMonitor({ slo: SLO, rules: REFERENCE_RULES, clock });
  let transitions;
  try {
    transitions = runScenario({ monitor, clock, traffic: createTraffic({ rate: 1000, errorRatio }), until, budgetMs: 4000 });
  } catch (err) {
    if (err instanceof TooSlowError) tooSlow = err.message;
    throw err;
  }
  const of = (rule) => timeline(transitions, rule);
  return { of, all: transitions };
}
const steady = (ratio) => phases([{ from: 0, to: Infinity, ratio }]);

test('SPECS vector: in a total outage the 14.4x page is pending at 52 s (3600 x 0.0144 = 51.84 s) and fires at 172 s', () => {
  const { of } = run(phases([{ from: 0, to: 600, ratio: 1 }]), 600);
  const page = of('page-1h');
  assert.equal(page[0], 'pending@52', `the 1 h window holds 14.4 x 0.1% = 1.44% of errors after 3600 x 0.0144 = 51.84 bad seconds, so the first evaluation where both windows burn is t = 52 (at 51, 51/3600 = 1.42%); got ${JSON.stringify(page)}`);
  assert.equal(page[1], 'firing@172', `with for: 120 it fires at 52 + 120 = 172 s; got ${JSON.stringify(page)}`);
  assert.equal(of('page-6h')[0], 'pending@130', `the 6x rule needs 6 x 0.1% over 6 h: 21600 x 0.006 = 129.6 bad seconds, so pending at 130; got ${JSON.stringify(of('page-6h'))}`);
});

test('after a 10-minute outage the fast page resolves 296 s after recovery (the 5 m window), not an hour later', () => {
  const { of } = run(phases([{ from: 0, to: 600, ratio: 1 }]), 2 * HOUR);
  const page = of('page-1h');
  assert.deepEqual(
    page,
    ['pending@52', 'firing@172', 'resolved@896', 'inactive@897'],
    'the outage ends at 600. The 5 m window drops to 4 bad seconds of 300 (1.33% < 1.44%) at t = 896, and the rule needs both windows, so it resolves then; ' +
      `the 1 h window alone would hold it until t = 4149. Got ${JSON.stringify(page)}`,
  );
  assert.deepEqual(of('page-6h'), ['pending@130', 'firing@250', 'resolved@2390', 'inactive@2391'], `the 6x page resolves when the 30 m window holds 10 bad seconds or fewer (0.56% < 0.6%), at 600 + 1790 = 2390; got ${JSON.stringify(of('page-6h'))}`);
});

test('a 30-second blip does not page', () => {
  const { all } = run(phases([{ from: 1000, to: 1030, ratio: 1 }]), 2 * HOUR);
  const moves = all.map((x) => `${x.rule} ${x.to}@${x.at}`);
  assert.deepEqual(moves, [], 'a total outage of 30 s puts 30 / 3600 = 0.83% in the 1 h window, under 1.44%, and nothing in a long window crosses its threshold: no rule should even be pending. ' + `Got ${moves.slice(0, 8).join(', ')}`);
});

test('a steady 0.7% error ratio pages on the 6x rule after 5 h 9 min, never on 14.4x', () => {
  const { of } = run(steady(0.007), 8 * HOUR);
  assert.deepEqual(of('page-1h'), [], `0.7% is burn rate 7, under 14.4: the fast page must stay silent, got ${JSON.stringify(of('page-1h'))}`);
  assert.deepEqual(of('page-6h'), ['pending@18515', 'firing@18635'], `the 6 h window reaches 0.6% after 6/7 x 21600 = 18514.3 s (5 h 9 min), so pending at 18515 and firing 120 s later; got ${JSON.stringify(of('page-6h'))}`);
  assert.deepEqual([...of('ticket-1d'), ...of('ticket-3d')], [], 'the ticket tiers need 10.3 h at this rate: nothing yet after 8 h');
});

test('2% errors page after 43.2 minutes, with 2% of the budget spent', () => {
  const { of } = run(steady(0.02), HOUR);
  const page = of('page-1h');
  const pending = Number((page[0] ?? '').split('@')[1]);
  assert.ok(page[0]?.startsWith('pending@') && pending >= 2592 && pending <= 2593, `burn rate 20: the 1 h window reaches 1.44% after 14.4 / 20 x 3600 = 2592 s (43.2 min; at exactly 2592 the ratio equals the threshold, so 2593 is also right); got ${JSON.stringify(page)}`);
  assert.equal(page[1], `firing@${pending + 120}`, `fires 120 s after pending, got ${JSON.stringify(page)}`);
  const spent = (20 * pending) / (30 * 86400);
  assert.ok(Math.abs(spent - 0.02) < 0.0001, `budget spent at detection: 20 x ${pending} s / 30 days = ${(spent * 100).toFixed(3)}%`);
  assert.deepEqual(of('page-6h'), [], 'the 6x tier would need 108 min');
});

test('a 0.5% leak opens both tickets after 14.4 hours and never pages', () => {
  const { of } = run(steady(0.005), 15 * HOUR);
  for (const rule of ['ticket-1d', 'ticket-3d']) {
    const moves = of(rule);
    const fired = moves.find((m) => m.startsWith('firing@'));
    const at = Number(fired?.split('@')[1]);
    assert.ok(fired && at >= 51840 && at <= 51841, `${rule}: burn rate 5 reaches its long window's threshold after 14.4 h = 51840 s (the ratio equals it at 51840, so 51841 is also right), and for: 0 fires at once; got ${JSON.stringify(moves)}`);
  }
  assert.deepEqual([...of('page-1h'), ...of('page-6h')], [], 'burn rate 5 is under both page tiers');
});
