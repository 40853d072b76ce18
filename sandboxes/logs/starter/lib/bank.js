// The bank adapter: the downstream service a payout calls. It records the headers of every call,
// so checks and demos can see what context travelled with it. Calls take a few real milliseconds
// (0 to 3, from a fixed sequence), so concurrent requests interleave as they would in production.
//
//   await bank.transfer({ amount, currency, iban }, { headers })  -> { reference, attempts }
//   bank.calls          [{ headers, amount }] for every call
//   bank.failNext()     the next transfer times out (rejects with a BankTimeoutError)

export class BankTimeoutError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BankTimeoutError';
  }
}

export function createBank() {
  const calls = [];
  let failures = 0;
  let n = 0;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    async transfer({ amount, currency }, { headers = {} } = {}) {
      const call = ++n;
      calls.push({ headers: { ...headers }, amount, currency });
      await pause((call * 7) % 4);
      if (failures > 0) {
        failures -= 1;
        throw new BankTimeoutError('Request timed out after 5000 ms');
      }
      await new Promise((resolve) => setImmediate(resolve));
      return { reference: `BNK-${String(call).padStart(5, '0')}`, attempts: 1 + (call % 3 === 0 ? 1 : 0) };
    },
    get calls() {
      return calls.map((c) => ({ ...c, headers: { ...c.headers } }));
    },
    failNext(count = 1) {
      failures += count;
    },
  };
}
