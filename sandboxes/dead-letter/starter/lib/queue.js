// An in-memory queue with the semantics of an Amazon SQS standard queue, on a simulated clock.
//
//   await queue.send(body, { attributes })   -> messageId. body is a string (SQS bodies are text);
//                                               attributes is an optional plain object.
//   await queue.receive({ max = 1 })         -> up to `max` (1 to 10) visible messages, oldest first:
//        { messageId, body, attributes, receiptHandle, receiveCount, sentAt, firstReceivedAt }
//        Each one is hidden for the visibility timeout (30 s by default) and its receiveCount goes
//        up by one. If it is not deleted before the timeout ends, it becomes visible again and the
//        next receive delivers it again (at-least-once delivery). Nothing tells the queue why.
//   await queue.delete(receiptHandle)        -> true when deleted. Only the handle from the latest
//        receive works: after a redelivery the old handle is stale and delete returns false.
//   await queue.changeVisibility(receiptHandle, timeoutMs)
//                                            -> true when done. Hides an in-flight message for
//        timeoutMs from now (0 = visible at once; at most 12 hours), like ChangeMessageVisibility
//        (which takes seconds; this queue takes ms, like the clock). False when the handle is stale
//        or the message is no longer in flight.
//
// This queue has no redrive policy of its own: in this sandbox the worker applies maxReceiveCount
// itself, so that it can attach each message's error history when it dead-letters it.
//
// For checks and demos: queue.size, queue.depth (visible now), queue.inFlight, queue.oldestAgeMs(),
// queue.peek() (a copy of every message with its state), queue.counts.

const MAX_VISIBILITY_MS = 12 * 3600 * 1000;

export function createQueue({ clock, name = 'queue', visibilityTimeoutMs = 30_000 } = {}) {
  if (typeof clock?.now !== 'function') throw new TypeError('createQueue needs a clock: createQueue({ clock })');
  checkVisibility(visibilityTimeoutMs, 'visibilityTimeoutMs');
  const messages = new Map(); // messageId -> state, in send order
  const byHandle = new Map(); // receiptHandle -> messageId (latest handle only)
  let sent = 0;
  let handles = 0;
  const counts = { sent: 0, received: 0, deleted: 0, visibilityChanges: 0 };

  const visible = (m) => m.visibleAt <= clock.now();
  const copy = (m) => ({
    messageId: m.messageId,
    body: m.body,
    attributes: structuredClone(m.attributes),
    receiveCount: m.receiveCount,
    sentAt: m.sentAt,
    firstReceivedAt: m.firstReceivedAt,
  });

  function current(receiptHandle) {
    const id = byHandle.get(receiptHandle);
    const m = id === undefined ? undefined : messages.get(id);
    return m && m.receiptHandle === receiptHandle ? m : undefined;
  }

  return {
    name,
    visibilityTimeoutMs,
    async send(body, { attributes = {} } = {}) {
      if (typeof body !== 'string') throw new TypeError(`send(body): the body must be a string (JSON.stringify it), got ${typeof body}`);
      if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
        throw new TypeError('send(body, { attributes }): attributes must be a plain object');
      }
      sent += 1;
      counts.sent += 1;
      const messageId = `${name}-${sent}`;
      messages.set(messageId, {
        messageId,
        body,
        attributes: structuredClone(attributes),
        receiveCount: 0,
        sentAt: clock.now(),
        firstReceivedAt: null,
        visibleAt: clock.now(),
        receiptHandle: null,
      });
      return messageId;
    },
    async receive({ max = 1 } = {}) {
      if (!Number.isInteger(max) || max < 1 || max > 10) throw new RangeError(`receive({ max }): max must be 1 to 10 (as in SQS), got ${max}`);
      const out = [];
      for (const m of messages.values()) {
        if (out.length >= max) break;
        if (!visible(m)) continue;
        m.receiveCount += 1;
        m.firstReceivedAt ??= clock.now();
        m.visibleAt = clock.now() + visibilityTimeoutMs;
        handles += 1;
        if (m.receiptHandle) byHandle.delete(m.receiptHandle);
        m.receiptHandle = `${name}-rh-${handles}`;
        byHandle.set(m.receiptHandle, m.messageId);
        counts.received += 1;
        out.push({ ...copy(m), receiptHandle: m.receiptHandle });
      }
      return out;
    },
    async delete(receiptHandle) {
      const m = current(receiptHandle);
      if (!m) return false;
      messages.delete(m.messageId);
      byHandle.delete(receiptHandle);
      counts.deleted += 1;
      return true;
    },
    async changeVisibility(receiptHandle, timeoutMs) {
      checkVisibility(timeoutMs, 'changeVisibility(receiptHandle, timeoutMs): timeoutMs');
      const m = current(receiptHandle);
      if (!m || visible(m)) return false;
      m.visibleAt = clock.now() + timeoutMs;
      counts.visibilityChanges += 1;
      return true;
    },

    /** Messages in the queue, visible or in flight. */
    get size() {
      return messages.size;
    },
    /** Messages a receive could get right now (the backlog). */
    get depth() {
      let n = 0;
      for (const m of messages.values()) if (visible(m)) n += 1;
      return n;
    },
    /** Messages received and hidden, not yet deleted. */
    get inFlight() {
      return messages.size - this.depth;
    },
    /** Age of the oldest message in the queue, in ms (0 when empty). */
    oldestAgeMs() {
      let oldest = Infinity;
      for (const m of messages.values()) oldest = Math.min(oldest, m.sentAt);
      return oldest === Infinity ? 0 : clock.now() - oldest;
    },
    /** A copy of every message with its state: { ...message, visibleAt, inFlight }. */
    peek() {
      return [...messages.values()].map((m) => ({ ...copy(m), visibleAt: m.visibleAt, inFlight: !visible(m) }));
    },
    /** Totals since the queue was created: sent, received, deleted, visibilityChanges. */
    get counts() {
      return { ...counts };
    },
  };
}

function checkVisibility(ms, what) {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_VISIBILITY_MS) {
    throw new RangeError(`${what} must be 0 to 43,200,000 ms (12 hours), got ${ms}`);
  }
}
