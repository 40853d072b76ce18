// The history recorder: every client operation as Jepsen records it, an invocation and a completion.
//
//   ok    the operation happened (a read carries the value it returned)
//   fail  the operation certainly did not happen (here: the node answered 503)
//   info  the outcome is unknown (a timeout, or any answer other than 200 and 503): the operation
//         may have taken effect at any moment after its invocation, or never
//
// One operation: { index, process, f: 'read' | 'write', value, node, invoke, complete, type, status }
// where value is the written value for a write and the returned value for an ok read, and times are
// virtual milliseconds.

export function createHistory() {
  const ops = [];
  return {
    /** Record an invocation; returns the operation, completed later by complete(). */
    invoke({ process, f, value, node, time }) {
      const op = { index: ops.length, process, f, value: f === 'write' ? value : undefined, node, invoke: time, complete: undefined, type: 'pending', status: undefined };
      ops.push(op);
      return op;
    },
    /** Record the completion of `op`: type 'ok' | 'fail' | 'info'. */
    complete(op, { type, time, value, status }) {
      if (op.type !== 'pending') throw new Error(`operation ${op.index} was already completed`);
      op.type = type;
      op.complete = time;
      op.status = status;
      if (op.f === 'read' && type === 'ok') op.value = value;
    },
    /** Completed operations, in invocation order (copies). */
    get ops() {
      return ops.filter((op) => op.type !== 'pending').map((op) => ({ ...op }));
    },
  };
}

/**
 * Pair Jepsen-style events into operations. Each event: { time, process, type, f, value, node },
 * type being 'invoke', 'ok', 'fail' or 'info'; a process runs one operation at a time.
 */
export function fromEvents(events) {
  if (!Array.isArray(events)) throw new TypeError('fromEvents needs an array of events');
  const open = new Map();
  const ops = [];
  events.forEach((event, i) => {
    const where = `event ${i} (${JSON.stringify(event)})`;
    if (!Number.isFinite(event?.time)) throw new TypeError(`${where}: time must be a number of ms`);
    if (event.type === 'invoke') {
      if (open.has(event.process)) throw new Error(`${where}: process ${event.process} invoked again before its operation completed`);
      const op = { index: ops.length, process: event.process, f: event.f, value: event.f === 'write' ? event.value : undefined, node: event.node, invoke: event.time, complete: undefined, type: 'pending' };
      open.set(event.process, op);
      ops.push(op);
      return;
    }
    if (!['ok', 'fail', 'info'].includes(event.type)) throw new TypeError(`${where}: type must be invoke, ok, fail or info`);
    const op = open.get(event.process);
    if (!op) throw new Error(`${where}: process ${event.process} completed an operation it never invoked`);
    if (event.f !== undefined && event.f !== op.f) throw new Error(`${where}: completes a ${event.f} but process ${event.process} invoked a ${op.f}`);
    open.delete(event.process);
    op.type = event.type;
    op.complete = event.time;
    if (op.f === 'read' && event.type === 'ok') op.value = event.value;
  });
  // An invocation that never completed is indeterminate, like a crashed client.
  for (const op of open.values()) op.type = 'info';
  return ops;
}

const show = (v) => (v === undefined ? '-' : v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

/** One line about an operation, e.g. "read by c1 on n1 [30-32 ms] -> 1" or "write 2 by c2 on n3 [20-23 ms] failed". */
export function describeOp(op) {
  const where = op.node ? ` on ${op.node}` : '';
  const span = op.type === 'info' ? `[${op.invoke}- ms, outcome unknown]` : `[${op.invoke}-${op.complete} ms]`;
  const what = op.f === 'write' ? `write ${show(op.value)}` : 'read';
  const result = op.type === 'ok' ? (op.f === 'read' ? ` -> ${show(op.value)}` : '') : op.type === 'fail' ? ' failed' : '';
  return `${what} by ${op.process}${where} ${span}${result}`;
}

/** The history as an event table, like the one in the lesson. */
export function formatHistory(ops) {
  const rows = [];
  for (const op of ops) {
    rows.push({ time: op.invoke, seq: 0, process: op.process, type: 'invoke', f: op.f, value: op.f === 'write' ? op.value : undefined, node: op.node });
    if (op.complete !== undefined) {
      const type = op.type === 'info' && op.status !== undefined ? `info(${op.status})` : op.type;
      rows.push({ time: op.complete, seq: 1, process: op.process, type, f: op.f, value: op.value, node: op.node });
    }
  }
  rows.sort((a, b) => a.time - b.time || a.seq - b.seq);
  const lines = [`${'time'.padStart(5)}  ${'process'.padEnd(8)} ${'type'.padEnd(13)} ${'op'.padEnd(6)} ${'value'.padEnd(7)} node`];
  for (const r of rows) {
    lines.push(`${String(r.time).padStart(5)}  ${String(r.process).padEnd(8)} ${r.type.padEnd(13)} ${r.f.padEnd(6)} ${show(r.value).padEnd(7)} ${r.node ?? ''}`);
  }
  return lines.join('\n');
}
