// A bulkhead: at most `maxConcurrent` calls to one dependency in progress at once. A call that
// finds every slot taken is rejected at once with a BulkheadFullError: no queue, no waiting.

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
    if (this.active >= this.max) throw new BulkheadFullError(this.max);
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1; // the slot comes back however the call ended
    }
  }
}
