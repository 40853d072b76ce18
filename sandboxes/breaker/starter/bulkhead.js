// A bulkhead: at most `maxConcurrent` calls to one dependency in progress at once. A call that
// finds every slot taken is rejected at once with a BulkheadFullError: no queue, no waiting.
//
// Right now there is no limit, and a call that fails never gives its slot back. Your job is the TODOs.

export class BulkheadFullError extends Error {
  constructor(max) {
    super(`bulkhead full: ${max} calls already in progress`);
    this.name = 'BulkheadFullError';
  }
}

export class Bulkhead {
  constructor(maxConcurrent) {
    if (!(maxConcurrent === Infinity || (Number.isInteger(maxConcurrent) && maxConcurrent >= 1))) {
      throw new TypeError(`maxConcurrent must be a whole number >= 1 (or Infinity for no limit), got ${maxConcurrent}`);
    }
    this.max = maxConcurrent;
    this.active = 0;
  }

  async run(fn) {
    // TODO 1: when `max` calls are already active, throw a BulkheadFullError at once. Do not wait
    //   for a slot: a queue in front of a slow dependency just moves the waiting somewhere else.
    // TODO 2: give the slot back however fn ends: a value, a rejection, or a synchronous throw.
    this.active += 1;
    const value = await fn();
    this.active -= 1;
    return value;
  }
}
