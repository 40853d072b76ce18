// Brightcart's fulfilment worker: it takes order messages from the queue and hands each one to
// handle() (handler.js). Many copies run at once, each its own process, and any of them can die at
// any moment (a deploy, a scale-in, an out-of-memory kill).
//
// Right now it does what Brightcart's did on the day of the incident: when a message fails, it
// logs the error and goes on, without deleting the message, so the message comes back when its
// 30-second visibility timeout ends, and again, and again, for ever. A message that can never
// succeed keeps a worker busy until someone notices it in the logs. Your job is the TODOs below.
//
// Support files (read-only): lib/queue.js (an SQS-like queue: receive, delete, changeVisibility,
// receive counts), lib/store.js (a key-value store every worker shares), lib/clock.js (simulated
// time), lib/errors.js. Run the demos (node scripts/poison-message.js, node scripts/worker-crash.js).

export const DEFAULTS = {
  batchSize: 10,
  /** The redrive policy: a message is attempted at most this many times (Infinity = no DLQ). */
  maxReceiveCount: 5,
  /** Retry delays: exponential from baseMs, never above maxMs, with full jitter. */
  backoff: { baseMs: 10_000, maxMs: 900_000 },
};

/**
 * options:
 *   queue, dlq        the source queue and its dead-letter queue (lib/queue.js)
 *   store             shared by every worker process (lib/store.js); a worker's memory is not
 *   handle(message)   the business logic (handler.js); resolves when done, throws when it failed
 *   clock             clock.now() is the time in ms; never use Date.now() here
 *   random()          a number in [0, 1), for jitter (injected so the checks can steer it)
 *   log(line)         where failures are reported
 *   batchSize, maxReceiveCount, backoff   see DEFAULTS
 */
export function createWorker({
  queue,
  dlq,
  store,
  handle,
  clock,
  random = Math.random,
  log = console.warn,
  batchSize = DEFAULTS.batchSize,
  maxReceiveCount = DEFAULTS.maxReceiveCount,
  backoff = DEFAULTS.backoff,
} = {}) {
  checkOptions({ queue, dlq, store, handle, clock, random, batchSize, maxReceiveCount, backoff });

  return {
    /** Receives one batch and processes every message in it. Resolves to { received }. */
    async runOnce() {
      const messages = await queue.receive({ max: batchSize });
      for (const message of messages) {
        // TODO 4 (after 1 to 3): a message whose worker died on every attempt never reaches the
        //   catch block below, so nothing records its failures. When a message arrives with
        //   receiveCount above maxReceiveCount, dead-letter it as it is (with whatever history the
        //   store holds), without handing it to handle() again.
        try {
          await handle(message);
          await queue.delete(message.receiptHandle);
        } catch (err) {
          log(`worker: ${message.messageId} failed on receive ${message.receiveCount}: ${err?.message ?? err}`);
          // TODO 1: keep this message's error history where every worker can see it (the store,
          //   keyed by messageId): { attempt: message.receiveCount, at: clock.now(), error: the
          //   error's message }, one entry per failed attempt.
          //
          // TODO 2: a transient failure is retried later, not at once and not in 30 s every time:
          //   hide the message with queue.changeVisibility(message.receiptHandle, delay), where the
          //   delay grows with each attempt: ceiling = min(backoff.maxMs, backoff.baseMs x 2^(attempt - 1)),
          //   and delay = a random share of the ceiling (full jitter: random() x ceiling).
          //
          // TODO 3: send a message to the dead-letter queue, and delete it here, when
          //   - the handler threw a PermanentError (err.name === 'PermanentError'): no retry can help, or
          //   - this was its last allowed attempt (message.receiveCount >= maxReceiveCount).
          //   Send the original body unchanged, with attributes
          //   { sourceQueue: queue.name, sourceMessageId, receiveCount, errors: [every failure so far] }.
        }
      }
      return { received: messages.length };
    },
  };
}

/**
 * After a fix: move up to `max` messages from the dead-letter queue back to the source queue, so
 * the workers process them again. Resolves to how many were moved.
 */
export async function redrive({ dlq, queue, max = Infinity } = {}) {
  // TODO 5: receive from the DLQ (at most 10 at a time), send each body back to the source queue,
  //   and delete it from the DLQ, until it is empty or `max` have moved. Redriven messages may have
  //   half-succeeded before: the handler's idempotency is what makes this safe.
  return 0;
}

function checkOptions({ queue, dlq, store, handle, clock, random, batchSize, maxReceiveCount, backoff }) {
  for (const [name, q] of [['queue', queue], ['dlq', dlq]]) {
    if (typeof q?.receive !== 'function' || typeof q?.send !== 'function') throw new TypeError(`createWorker needs ${name}: a queue from lib/queue.js`);
  }
  if (typeof store?.get !== 'function') throw new TypeError('createWorker needs store: createStore() from lib/store.js');
  if (typeof handle !== 'function') throw new TypeError('createWorker needs handle(message): the handler from handler.js');
  if (typeof clock?.now !== 'function') throw new TypeError('createWorker needs clock: { now() } in ms');
  if (typeof random !== 'function') throw new TypeError('random must be a function returning a number in [0, 1)');
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) throw new RangeError(`batchSize must be 1 to 10, got ${batchSize}`);
  if (!(maxReceiveCount === Infinity || (Number.isInteger(maxReceiveCount) && maxReceiveCount >= 1))) {
    throw new RangeError(`maxReceiveCount must be a whole number of at least 1, or Infinity for no dead-letter queue, got ${maxReceiveCount}`);
  }
  if (!(backoff?.baseMs > 0 && backoff?.maxMs >= backoff?.baseMs)) {
    throw new RangeError(`backoff must be { baseMs > 0, maxMs >= baseMs }, got ${JSON.stringify(backoff)}`);
  }
}
