// Numbers about a history, for demos and check messages.

/** Counts of writes and reads by outcome. */
export function summarize(ops) {
  const count = (f, type) => ops.filter((op) => op.f === f && op.type === type).length;
  return {
    operations: ops.length,
    writesAcknowledged: count('write', 'ok'),
    writesRefused: count('write', 'fail'),
    writesUnknown: count('write', 'info'),
    readsAnswered: count('read', 'ok'),
    readsRefused: count('read', 'fail'),
    readsUnknown: count('read', 'info'),
  };
}

/**
 * Acknowledged writes that the final value of the register silently dropped. A write W is lost
 * when the value the replicas ended with was written by an operation that had completed before W
 * even began: W came later in real time, was acknowledged, and still lost. (Writes are assumed to
 * write distinct values.) Returns the lost write operations.
 */
export function lostWrites(ops, finalValue) {
  const same = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);
  const acknowledged = ops.filter((op) => op.f === 'write' && op.type === 'ok');
  const winner = ops.find((op) => op.f === 'write' && same(op.value, finalValue));
  if (!winner) return acknowledged; // the register ended empty, or with a value nobody wrote
  return acknowledged.filter((w) => w !== winner && winner.type !== 'info' && winner.complete < w.invoke);
}
