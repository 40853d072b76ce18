// A timeout on the virtual scheduler: the first defence. It bounds how long one call can hold a
// worker. (In production: fetch(url, { signal: AbortSignal.timeout(ms) }).)

export class TimeoutError extends Error {
  constructor(ms) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Runs fn() and rejects with a TimeoutError if it has not settled after `ms` virtual ms. */
export function withTimeout(scheduler, ms, fn) {
  return new Promise((resolve, reject) => {
    const timer = scheduler.setTimeout(() => reject(new TimeoutError(ms)), ms);
    let result;
    try {
      result = Promise.resolve(fn());
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(
      (value) => {
        scheduler.clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        scheduler.clearTimeout(timer);
        reject(err);
      },
    );
  });
}
