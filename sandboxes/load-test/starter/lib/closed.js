// The harness's closed-model generator, for comparison: a fixed number of users, each with one
// request in flight. A user sends, waits for the reply, then sends again: after `thinkMs` (users
// with think time), or at its next slot of `paceMs` if that is later (a paced tester such as wrk).
// Latency is timed from the moment the request was actually sent. This is the generator that
// tells the lie of coordinated omission: while the server stalls, its users wait instead of
// sending, and the requests real users would have sent are never measured.
//
//   closedLoad({ scheduler, server, users: 10, thinkMs: 190, durationMs: 60_000 })
//   -> [{ sentAt, doneAt, latencyMs }]

export function closedLoad({ scheduler, server, users = 1, thinkMs = 0, paceMs = 0, durationMs }) {
  if (!(durationMs > 0)) throw new TypeError(`closedLoad needs a durationMs, got ${durationMs}`);
  const samples = [];
  const start = scheduler.now();
  for (let u = 0; u < users; u += 1) {
    let slot = start + (paceMs * u) / users; // paced users spread their slots evenly
    const sendAt = (t) => {
      if (t >= start + durationMs) return;
      scheduler.setTimeout(() => {
        const sentAt = scheduler.now();
        server.send(() => {
          const doneAt = scheduler.now();
          samples.push({ sentAt, doneAt, latencyMs: doneAt - sentAt });
          slot += paceMs;
          sendAt(Math.max(paceMs > 0 ? slot : doneAt + thinkMs, doneAt));
        });
      }, t - scheduler.now());
    };
    sendAt(slot);
  }
  scheduler.run();
  return samples;
}
