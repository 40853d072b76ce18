// Brightcart's fulfilment worker: it takes order messages from the queue and hands each one to
// handle() (handler.js). Many copies run at once, each its own process, and any of them can die at
// any moment (a deploy, a scale-in, an out-of-memory kill).
//
// A message is deleted only after it was handled, so a worker that dies mid-job leaves it to come
// back after the visibility timeout (at-least-once). A failed message is hidden for a growing,
// jittered delay; its failures are recorded in the shared store; after maxReceiveCount attempts,
// or at once for a permanent error, it goes to the dead-letter queue with that history. Each
// message is processed on its own, so one that keeps failing never holds up the others.

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
  const historyKey = (message) => `errors:${message.messageId}`;

  /** Full jitter: a random delay between 0 and the exponential ceiling for this attempt. */
  function retryDelay(attempt) {
    const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
    return Math.ceil(random() * ceiling);
  }

  async function deadLetter(message, errors, reason) {
    // Send first, then delete: a crash in between leaves a copy in both queues, never in neither.
    await dlq.send(message.body, {
      attributes: { sourceQueue: queue.name, sourceMessageId: message.messageId, receiveCount: message.receiveCount, reason, errors },
    });
    await queue.delete(message.receiptHandle);
    await store.delete(historyKey(message));
    log(`worker: ${message.messageId} moved to ${dlq.name}: ${reason}`);
  }

  async function processMessage(message) {
    if (message.receiveCount > maxReceiveCount) {
      // Its workers never recorded a failure (they died or hung), so only the count tells.
      const errors = (await store.get(historyKey(message))) ?? [];
      return deadLetter(message, errors, `received ${message.receiveCount} times without being deleted`);
    }
    try {
      await handle(message);
    } catch (err) {
      const errors = (await store.get(historyKey(message))) ?? [];
      errors.push({ attempt: message.receiveCount, at: clock.now(), error: err instanceof Error ? err.message : String(err) });
      if (err?.name === 'PermanentError') return deadLetter(message, errors, 'permanent error');
      if (message.receiveCount >= maxReceiveCount) return deadLetter(message, errors, `failed ${message.receiveCount} times`);
      await store.set(historyKey(message), errors);
      const delay = retryDelay(message.receiveCount);
      await queue.changeVisibility(message.receiptHandle, delay);
      log(`worker: ${message.messageId} failed on receive ${message.receiveCount}, retry in ${delay} ms: ${errors.at(-1).error}`);
      return;
    }
    await queue.delete(message.receiptHandle);
    if (message.receiveCount > 1) await store.delete(historyKey(message));
  }

  return {
    /** Receives one batch and processes every message in it. Resolves to { received }. */
    async runOnce() {
      const messages = await queue.receive({ max: batchSize });
      for (const message of messages) {
        try {
          await processMessage(message);
        } catch (err) {
          // The queue or the store failed: leave the message; it comes back after its timeout.
          log(`worker: ${message.messageId} could not be processed: ${err?.message ?? err}`);
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
  let moved = 0;
  while (moved < max) {
    const batch = await dlq.receive({ max: Math.min(10, max - moved) });
    if (batch.length === 0) break;
    for (const message of batch) {
      await queue.send(message.body);
      await dlq.delete(message.receiptHandle);
      moved += 1;
    }
  }
  return moved;
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
