/**
 * Every kind of event on the simulated clock, with its payload and its handler. An event is four
 * numbers in the heap, `(time, kind, a, b)`; `b` is read from the heap's scratch slot (`heap.last[1]`)
 * so the double is never boxed. Handlers that may find their attempt answered or retried since the
 * event was scheduled compare a token in `b` with the attempt's current one and drop stale events.
 *
 * Dispatch: `Simulation.runUntil` sends K_TIMER to the scheduler, data-plane kinds to
 * `handleEvent` (dataplane/index.ts), and handles K_TICK and K_FAULT itself. The dispatchers import
 * the handlers and the handlers import these numbers, so the numbers live apart from both (no
 * import cycle). Handlers named below are in core/dataplane/<file>.
 */

/** A control-plane timer. a: timer slot, b: generation. Scheduler.fireTimer. */
export const K_TIMER = 1;

// Data-plane kinds: K_ARRIVAL .. LAST_DATA_PLANE_KIND.

/** Next request of a traffic source. a: source. clients onArrival. */
export const K_ARRIVAL = 2;
/** Steps without queueing (CPU, cache, publish) are done. a: attempt, b: token. instances onStep. */
export const K_STEP = 3;
/** A database query finished. a: attempt. instances onQueryDone. */
export const K_DB_DONE = 4;
/**
 * A database or dependency step failed (refused, hung until the connect timeout, short-circuited).
 * a: attempt, b: token. instances onStepFailed.
 */
export const K_FAIL = 5;
/** A dependency answered before the call timed out. a: attempt, b: token. instances onCallDone. */
export const K_DEP_DONE = 6;
/** The earliest client timeout of a source is due. a: source. clients onClientCheck. */
export const K_CLIENT_CHECK = 7;
/** The earliest connection-pool acquire timeout of a database node is due. a: node. instances onPoolCheck. */
export const K_POOL_CHECK = 8;
/** The earliest call timeout of a dependency is due. a: dependency. instances onDepCheck. */
export const K_DEP_CHECK = 9;
/** A client's backoff is over. a: logical request, b: its serial. clients startAttempt. */
export const K_RETRY = 10;
/** A queue worker finished a message. b: when it started. queue onMqDone. */
export const K_MQ_DONE = 11;
/** A message put back after a failure is delivered again. queue onMqRetry. */
export const K_MQ_RETRY = 12;
export const LAST_DATA_PLANE_KIND = K_MQ_RETRY;

/** The per-second close (telemetry, SLO, alerts, probes, autoscaler). Simulation.tick. */
export const K_TICK = 13;
/** A scenario fault starts (b = 0) or ends (b = 1). a: fault index. Simulation.onFault. */
export const K_FAULT = 14;
