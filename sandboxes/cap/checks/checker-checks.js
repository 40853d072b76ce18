// Checks that prove the linearizability checker in lib/ (read-only) before it judges your replicas:
// it accepts what is linearizable, rejects what is not, and reads fail and info the way Jepsen does.
// These pass from the start; if one fails, the harness is broken, not your code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLinearizable } from '../lib/linearizability.js';
import { formatHistory, fromEvents } from '../lib/history.js';
import { createRandom } from '../lib/random.js';

const ev = (time, process, type, f, value, node) => ({ time, process, type, f, value, node });

function assertVerdict(ops, expected, what) {
  const verdict = checkLinearizable(ops);
  const said = verdict.ok ? 'linearizable' : `a violation (${verdict.explanation})`;
  assert.equal(verdict.ok, expected, `${what}: the checker said ${said}, expected ${expected ? 'linearizable' : 'a violation'}\n${formatHistory(ops)}`);
  return verdict;
}

test('checker: the AP anomaly vector (write 1 on side A, write 2 on side B after write 1 was acknowledged, read 1 on A) is a violation', () => {
  // The history from the lesson, in milliseconds.
  const history = fromEvents([
    ev(10, 'c1', 'invoke', 'write', 1, 'n1'),
    ev(14, 'c1', 'ok', 'write', 1, 'n1'),
    ev(20, 'c2', 'invoke', 'write', 2, 'n3'),
    ev(23, 'c2', 'ok', 'write', 2, 'n3'),
    ev(30, 'c1', 'invoke', 'read', undefined, 'n1'),
    ev(32, 'c1', 'ok', 'read', 1, 'n1'),
  ]);
  const [w1, w2, read] = history;
  assert.ok(w2.invoke > w1.complete, 'the vector only holds if write 2 starts after write 1 was acknowledged');
  const verdict = assertVerdict(history, false, 'write 1 [10-14], write 2 [20-23], read [30-32] -> 1');
  assert.equal(verdict.culprit, read, `the violation should be pinned on the read, got: ${verdict.explanation}`);
  assert.match(verdict.explanation, /had to return 2/, `the explanation should say the read had to return 2: ${verdict.explanation}`);
});

test('checker: a known linearizable history passes, overlapping writes included', () => {
  // The lesson's "change one fact": write 2 starts at 12, before write 1 is acknowledged at 14, so
  // the order write 2, write 1, read is allowed and reading 1 is fine.
  const overlapping = fromEvents([
    ev(10, 'c1', 'invoke', 'write', 1, 'n1'),
    ev(12, 'c2', 'invoke', 'write', 2, 'n3'),
    ev(14, 'c1', 'ok', 'write', 1, 'n1'),
    ev(23, 'c2', 'ok', 'write', 2, 'n3'),
    ev(30, 'c1', 'invoke', 'read', undefined, 'n1'),
    ev(32, 'c1', 'ok', 'read', 1, 'n1'),
  ]);
  const verdict = assertVerdict(overlapping, true, 'write 1 [10-14] overlapping write 2 [12-23], then read -> 1');
  assert.deepEqual(verdict.order.map((op) => op.value), [2, 1, 1], 'the only valid order is write 2, write 1, read 1');

  // Times are whole milliseconds: write 1 acknowledged in the same ms write 2 began may really have
  // finished after it, so the two count as overlapping and reading 1 afterwards is allowed.
  const touching = fromEvents([
    ev(10, 'c1', 'invoke', 'write', 1, 'n1'),
    ev(14, 'c1', 'ok', 'write', 1, 'n1'),
    ev(14, 'c2', 'invoke', 'write', 2, 'n3'),
    ev(20, 'c2', 'ok', 'write', 2, 'n3'),
    ev(25, 'c1', 'invoke', 'read', undefined, 'n1'),
    ev(27, 'c1', 'ok', 'read', 1, 'n1'),
  ]);
  assertVerdict(touching, true, 'write 1 acknowledged at 14, write 2 invoked at 14, then read -> 1');

  const sequential = fromEvents([
    ev(0, 'c1', 'invoke', 'read', undefined),
    ev(1, 'c1', 'ok', 'read', null),
    ev(2, 'c1', 'invoke', 'write', 'a'),
    ev(3, 'c1', 'ok', 'write', 'a'),
    ev(4, 'c2', 'invoke', 'read', undefined),
    ev(5, 'c2', 'ok', 'read', 'a'),
    ev(6, 'c2', 'invoke', 'write', 'b'),
    ev(7, 'c2', 'ok', 'write', 'b'),
    ev(8, 'c1', 'invoke', 'read', undefined),
    ev(9, 'c1', 'ok', 'read', 'b'),
  ]);
  assertVerdict(sequential, true, 'read null, write a, read a, write b, read b, one after the other');
});

test('checker: a known non-linearizable history is reported, with the read that exposes it', () => {
  const stale = fromEvents([
    ev(0, 'c1', 'invoke', 'write', 1),
    ev(5, 'c1', 'ok', 'write', 1),
    ev(10, 'c2', 'invoke', 'read', undefined),
    ev(12, 'c2', 'ok', 'read', null),
  ]);
  const verdict = assertVerdict(stale, false, 'write 1 [0-5], then read [10-12] -> null');
  assert.equal(verdict.culprit, stale[1], `the violation should be pinned on the stale read, got: ${verdict.explanation}`);

  // Time going backwards: a write of unknown outcome is seen by one read, then missed by a later one.
  const backwards = fromEvents([
    ev(0, 'c1', 'invoke', 'write', 'old'),
    ev(2, 'c1', 'ok', 'write', 'old'),
    ev(10, 'c1', 'invoke', 'write', 'new'),
    ev(50, 'c1', 'info', 'write', 'new'),
    ev(20, 'c2', 'invoke', 'read', undefined),
    ev(22, 'c2', 'ok', 'read', 'new'),
    ev(30, 'c3', 'invoke', 'read', undefined),
    ev(32, 'c3', 'ok', 'read', 'old'),
  ].sort((a, b) => a.time - b.time));
  assertVerdict(backwards, false, 'read -> new [20-22], then read -> old [30-32], with write new of unknown outcome');
});

test('checker: fail means the write never happened, info means it may take effect any time after its invocation', () => {
  const base = [ev(10, 'c1', 'invoke', 'write', 1), ev(14, 'c1', 'ok', 'write', 1), ev(20, 'c2', 'invoke', 'write', 2)];
  const read = (at, value, p = 'c1') => [ev(at, p, 'invoke', 'read', undefined), ev(at + 2, p, 'ok', 'read', value)];

  // fail: write 2 did not happen, so later reads must still see 1.
  const failed = [...base, ev(23, 'c2', 'fail', 'write', 2)];
  assertVerdict(fromEvents([...failed, ...read(30, 1)]), true, 'write 2 failed, then read -> 1');
  assertVerdict(fromEvents([...failed, ...read(30, 2)]), false, 'write 2 failed, then read -> 2');

  // info: write 2 may land at any point after 20, or never.
  const unknown = [...base, ev(23, 'c2', 'info', 'write', 2)];
  assertVerdict(fromEvents([...unknown, ...read(30, 1)]), true, 'write 2 timed out, then read -> 1 (it has not landed yet)');
  assertVerdict(fromEvents([...unknown, ...read(30, 1), ...read(40, 2)]), true, 'write 2 timed out, read -> 1, then read -> 2 (it landed in between)');
  assertVerdict(fromEvents([...unknown, ...read(30, 2), ...read(40, 1)]), false, 'write 2 timed out, read -> 2, then read -> 1 (once seen, it happened)');
  assertVerdict(
    fromEvents([ev(5, 'c3', 'invoke', 'read', undefined), ev(8, 'c3', 'ok', 'read', 2), ...unknown]),
    false,
    'read -> 2 at [5-8], before write 2 was even invoked at 20',
  );
});

/**
 * A register that is linearizable by construction: every operation takes effect at one random
 * instant between its invocation and completion. Some are refused (fail: no effect) and some lose
 * their reply (info: took effect or not). With staleMs > 0 reads return the value staleMs earlier,
 * like a replica that lags behind.
 */
function registerHistory(seed, { staleMs = 0 } = {}) {
  const rand = createRandom(seed);
  const ops = [];
  let next = 1;
  for (let p = 1; p <= 4; p += 1) {
    let t = rand.int(0, 5);
    for (let k = 0; k < 25; k += 1) {
      const length = rand.int(1, 8);
      const f = rand.chance(0.5) ? 'write' : 'read';
      const roll = rand.next();
      const type = roll < 0.1 ? 'fail' : roll < 0.2 ? 'info' : 'ok';
      const effect = type === 'ok' || (type === 'info' && rand.chance(0.5));
      ops.push({ process: `c${p}`, f, value: f === 'write' ? next++ : undefined, invoke: t, complete: t + length, type, at: t + rand.next() * length, effect });
      t += length + rand.int(0, 5);
    }
  }
  const writes = ops.filter((op) => op.f === 'write' && op.effect).sort((a, b) => a.at - b.at);
  const valueAt = (time) => writes.filter((w) => w.at <= time).at(-1)?.value ?? null;
  for (const op of ops) if (op.f === 'read' && op.type === 'ok') op.value = valueAt(op.at - staleMs);
  return ops.map(({ at, effect, ...op }) => op);
}

test('checker: random histories of an atomic register pass, and those of a lagging register are caught (seeds 1 to 5)', () => {
  for (let seed = 1; seed <= 5; seed += 1) {
    const atomic = registerHistory(seed);
    const counts = ['ok', 'fail', 'info'].map((type) => `${atomic.filter((op) => op.type === type).length} ${type}`).join(', ');
    assertVerdict(atomic, true, `seed ${seed}: 100 operations of an atomic register (${counts})`);
    assertVerdict(registerHistory(seed, { staleMs: 30 }), false, `seed ${seed}: the same workload with reads 30 ms stale`);
  }
});
