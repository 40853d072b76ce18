// The recommendations service ("readers also bought"), faked on the virtual scheduler. Its
// behaviour can be switched at any moment, like a database failover that makes connections hang:
//
//   const recs = createDependency({ scheduler });
//   recs.behave('ok', 50)      answers after 50 ms (the default)
//   recs.behave('fail', 5)     fails after 5 ms (an error status)
//   recs.behave('hang')        never answers: only the caller's timeout ends the call
//   await recs.call(productId) -> ['book-1', 'book-2', 'book-3']
//
//   recs.calls        calls received so far      recs.inFlight     calls not answered yet
//   recs.maxInFlight  the most in flight at once  recs.log          [{ at, productId, outcome }]

export function createDependency({ scheduler, latencyMs = 50 } = {}) {
  if (typeof scheduler?.setTimeout !== 'function') throw new TypeError('createDependency needs { scheduler }');
  let mode = { kind: 'ok', ms: latencyMs };
  let inFlight = 0;
  let maxInFlight = 0;
  const log = [];

  return {
    behave(kind, ms = latencyMs) {
      if (!['ok', 'fail', 'hang'].includes(kind)) throw new TypeError(`behave(kind) takes 'ok', 'fail' or 'hang', got ${kind}`);
      mode = { kind, ms };
    },
    get mode() {
      return mode.kind;
    },
    call(productId) {
      const entry = { at: scheduler.now(), productId, outcome: mode.kind };
      log.push(entry);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const { kind, ms } = mode;
      return new Promise((resolve, reject) => {
        if (kind === 'hang') return; // the connection hangs: nothing ever comes back
        scheduler.setTimeout(() => {
          inFlight -= 1;
          if (kind === 'ok') resolve([`book-${productId}-a`, `book-${productId}-b`, `book-${productId}-c`]);
          else reject(new Error('recommendations answered 503'));
        }, ms);
      });
    },
    get calls() {
      return log.length;
    },
    /** Calls still waiting for an answer (a hung call stays in flight forever). */
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetMax() {
      maxInFlight = inFlight;
    },
    log,
  };
}
