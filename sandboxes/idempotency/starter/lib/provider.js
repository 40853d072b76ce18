// A fake card processor: the side effect that must happen at most once per key.
// Checks and demos steer it: hold() keeps calls in flight until release(), failNext() makes the
// next call fail the way a real processor does on a bad day (a 5xx).

export class ProviderError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ProviderError';
    this.status = status;
  }
}

export function createProvider() {
  const charges = [];
  const waiting = []; // held calls: functions that let one call continue
  const watchers = []; // { calls, resolve } waiting for the call count to reach `calls`
  let calls = 0;
  let holding = false;
  const failures = [];

  function notify() {
    for (const w of [...watchers]) {
      if (calls >= w.calls) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  return {
    /** Charge a card. Resolves to { id, amount, currency } or rejects with a ProviderError. */
    async charge({ amount, currency }) {
      calls += 1;
      const failure = failures.shift();
      notify();
      if (holding) await new Promise((resolve) => waiting.push(resolve));
      if (failure) throw new ProviderError(failure, `processor answered ${failure}`);
      const charge = { id: `ch_${charges.length + 1}`, amount, currency };
      charges.push(charge);
      return { ...charge };
    },
    /** Successful charges so far: the money that actually moved. */
    get charges() {
      return charges.map((c) => ({ ...c }));
    },
    /** Every call, failed or not. */
    get calls() {
      return calls;
    },
    /** From now on, calls wait (stay "in flight") until release(). */
    hold() {
      holding = true;
    },
    /** Let every held call finish and stop holding. */
    release() {
      holding = false;
      for (const resume of waiting.splice(0)) resume();
    },
    /** The next call fails with this HTTP status (default 503). */
    failNext(status = 503) {
      failures.push(status);
    },
    /** Resolves once charge() has been called at least n times. */
    waitForCalls(n) {
      return new Promise((resolve) => {
        watchers.push({ calls: n, resolve });
        notify();
      });
    },
  };
}
