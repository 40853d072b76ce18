// A linearizability checker for a read/write register: Wing & Gong's search with Lowe's memoisation
// (the approach of Knossos and Porcupine), over histories recorded as in lib/history.js.
//
// A history is linearizable if some total order of its operations
//   - puts A before B whenever A completed before B was invoked (real time), and
//   - makes every read return the value of the latest write before it (or the initial value),
// where `fail` operations are left out (they did not happen) and `info` writes may take effect at
// any point after their invocation, or never (an `info` read tells nothing and is left out).
// Operations whose times touch (one completes at the very ms the other is invoked) count as
// overlapping: the checker only reports what the recorded times prove.
//
// The search: walk the history in time order; at each step try to linearize, next, any operation
// that has been invoked before the earliest pending completion; if the register model accepts it,
// go deeper, otherwise try another; if no candidate works, undo the last choice (backtrack). A cache
// of (operations done so far, register value) states already explored keeps the search from
// repeating itself. Checking is NP-complete in general; histories of a few hundred operations with a
// handful of clients are quick.

import { describeOp } from './history.js';

/** How many search states to try before giving up (about a second; the workloads here need far fewer). */
const MAX_STATES = 100_000;

const same = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);

function validate(ops) {
  if (!Array.isArray(ops)) throw new TypeError('checkLinearizable needs an array of operations (see lib/history.js)');
  ops.forEach((op, i) => {
    const where = `operation ${i} (${JSON.stringify(op)})`;
    if (op?.f !== 'read' && op?.f !== 'write') throw new TypeError(`${where}: f must be 'read' or 'write'`);
    if (!['ok', 'fail', 'info'].includes(op.type)) throw new TypeError(`${where}: type must be 'ok', 'fail' or 'info' (a pending operation is 'info')`);
    if (!Number.isFinite(op.invoke)) throw new TypeError(`${where}: invoke must be a time in ms`);
    if (op.type !== 'info') {
      if (!Number.isFinite(op.complete)) throw new TypeError(`${where}: an ${op.type} operation needs a complete time in ms`);
      if (op.complete < op.invoke) throw new RangeError(`${where}: completes at ${op.complete}, before its invocation at ${op.invoke}`);
    }
  });
}

/**
 * Only what constrains the search: ok operations, and info writes whose value some read returned;
 * an info write never completes. An info write nobody read can be taken as never having happened:
 * with no read of its value, leaving it out cannot make a valid order invalid, and each one left in
 * doubles the orders to explore. (Values are assumed distinct per write, as in the workloads.)
 */
function relevant(ops) {
  const seen = new Set(ops.filter((op) => op.f === 'read' && op.type === 'ok').map((op) => JSON.stringify(op.value)));
  return ops
    .filter((op) => op.type === 'ok' || (op.type === 'info' && op.f === 'write' && seen.has(JSON.stringify(op.value))))
    .map((op) => ({ op, invoke: op.invoke, complete: op.type === 'ok' ? op.complete : Infinity }));
}

/**
 * The Wing & Gong / Lowe search. Returns { ok, order } (order: indexes into items), or
 * { ok: false, undecided: true } once budget.states runs out (the budget is shared between calls).
 */
function search(items, initial, budget) {
  const n = items.length;
  // Call and return entries in time order; at equal times calls first, so touching operations overlap.
  const entries = [];
  items.forEach((item, i) => {
    const call = { call: true, i, time: item.invoke };
    const ret = { call: false, i, time: item.complete };
    call.match = ret;
    entries.push(call, ret);
  });
  entries.sort((a, b) => (a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.call !== b.call ? (a.call ? -1 : 1) : a.i - b.i));
  const head = { next: null };
  let prev = head;
  for (const e of entries) {
    e.prev = prev;
    prev.next = e;
    prev = e;
  }
  prev.next = null;

  const lift = (call) => {
    call.prev.next = call.next;
    if (call.next) call.next.prev = call.prev;
    const ret = call.match;
    ret.prev.next = ret.next;
    if (ret.next) ret.next.prev = ret.prev;
  };
  const unlift = (call) => {
    const ret = call.match;
    ret.prev.next = ret;
    if (ret.next) ret.next.prev = ret;
    call.prev.next = call;
    if (call.next) call.next.prev = call;
  };

  const cache = new Set();
  const stack = [];
  let state = initial;
  let done = 0n;
  let entry = head.next;
  while (head.next !== null) {
    if (entry.call) {
      const { op } = items[entry.i];
      const ok = op.f === 'write' || same(op.value, state);
      if (ok) {
        const next = op.f === 'write' ? op.value : state;
        const nextDone = done | (1n << BigInt(entry.i));
        const key = `${nextDone.toString(36)}:${JSON.stringify(next)}`;
        if (!cache.has(key)) {
          if (--budget.states < 0) return { ok: false, undecided: true };
          cache.add(key);
          stack.push({ entry, state });
          state = next;
          done = nextDone;
          lift(entry);
          entry = head.next;
          continue;
        }
      }
      entry = entry.next;
    } else {
      // The earliest pending completion belongs to an operation no order could place: backtrack.
      if (stack.length === 0) return { ok: false };
      const top = stack.pop();
      entry = top.entry;
      state = top.state;
      done &= ~(1n << BigInt(entry.i));
      unlift(entry);
      entry = entry.next;
    }
  }
  return { ok: true, order: stack.map((s) => s.entry.i), n };
}

/**
 * The history cut at time t: what had completed by t stays; what was still running at t becomes
 * "may or may not have happened" (writes) or is dropped (reads); what started later is dropped.
 */
function prefix(items, t) {
  return items
    .filter((item) => item.invoke <= t)
    .map((item) => (item.complete <= t ? item : item.op.f === 'write' ? { ...item, complete: Infinity } : null))
    .filter(Boolean);
}

/** The first operation whose completion made the history impossible, found by cutting it in time. */
function culprit(items, initial, budget) {
  const times = [...new Set(items.filter((i) => Number.isFinite(i.complete)).map((i) => i.complete))].sort((a, b) => a - b);
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // An undecided prefix counts as broken: the culprit is then at worst a little early.
    if (search(prefix(items, times[mid]), initial, budget).ok) lo = mid + 1;
    else hi = mid;
  }
  const at = times[lo];
  const ending = items.filter((i) => i.complete === at).map((i) => i.op);
  return ending.find((op) => op.f === 'read') ?? ending[0];
}

function explain(op, ops, initial) {
  const done = ops.filter((o) => o.type !== 'fail');
  if (op.f === 'read') {
    const v = op.value;
    const source = done.find((o) => o.f === 'write' && same(o.value, v));
    const before = (a, b) => a.type === 'ok' && a.complete < b.invoke;
    if (!source && !same(v, initial)) {
      const failed = ops.find((o) => o.f === 'write' && o.type === 'fail' && same(o.value, v));
      return failed
        ? `${describeOp(op)}, but the only write of that value failed (${describeOp(failed)}): a failed write never happened`
        : `${describeOp(op)}, a value no write ever wrote`;
    }
    if (source && source.invoke > op.complete) return `${describeOp(op)} before anyone wrote it (${describeOp(source)})`;
    const overwrite = done.find((w) => w.f === 'write' && w !== source && before(w, op) && (!source || before(source, w)));
    if (overwrite) {
      const after = source ? ` started after ${describeOp(source)} completed and` : '';
      return `${describeOp(op)}, but ${describeOp(overwrite)}${after} finished before this read began: the read had to return ${JSON.stringify(overwrite.value)} or a newer value`;
    }
    return `${describeOp(op)}: no order of the operations consistent with real time lets it return that value`;
  }
  return `${describeOp(op)}: no order of the operations consistent with real time explains the reads around it`;
}

/**
 * Check a register history. Returns { ok: true, order } (one valid order, as operations) or
 * { ok: false, culprit, explanation } naming the first operation that no order can explain, or,
 * past the search budget, { ok: false, undecided: true, explanation }.
 */
export function checkLinearizable(ops, { initial = null } = {}) {
  validate(ops);
  const items = relevant(ops);
  const result = search(items, initial, { states: MAX_STATES });
  if (result.ok) return { ok: true, order: result.order.map((i) => items[i].op) };
  if (result.undecided) {
    return { ok: false, undecided: true, explanation: `the checker gave up after ${MAX_STATES} states without finding a valid order (${items.length} operations to order); treat it as a violation and look for stale or lost values` };
  }
  const op = culprit(items, initial, { states: MAX_STATES });
  return { ok: false, culprit: op, explanation: explain(op, ops, initial) };
}
