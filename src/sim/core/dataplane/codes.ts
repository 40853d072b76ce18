/**
 * The numbers an attempt carries: how it ended (verdict) and its compiled route steps.
 *
 * Modules that test these on every request import them as a namespace and copy what they use into
 * module-local consts (`const { V_OK } = codes`): V8 folds a module's own constants into the
 * machine code, but reloads an imported binding, with a hole check, at every use.
 */
/** How an attempt ended, as the client sees it. */
export const V_OK = 0;
export const V_ERROR = 1; // 500 from the application
export const V_UPSTREAM = 2; // 502/504: the database or a dependency failed
export const V_TIMEOUT = 3; // the client gave up
export const V_SHED = 4; // 503: rejected by admission control (queue full, load shedding)
export const V_LIMITED = 5; // 429: rate limited
export const V_UNAVAILABLE = 6; // 503: nothing to route to, connection reset, TLS failure
export const VERDICT_STATUS = [200, 500, 502, 504, 503, 429, 503] as const;
export const VERDICT_NAMES = ['ok', 'error', 'upstream', 'timeout', 'shed', 'rate-limited', 'unavailable'] as const;

/** Route steps compiled to numbers; a cache read is two steps (lookup, then the fill on a miss). */
export const S_END = 0;
export const S_CPU = 1;
export const S_CACHE = 2;
export const S_DB_READ_FILL = 3;
export const S_DB_READ = 4;
export const S_DB_WRITE = 5;
export const S_CALL = 6;
export const S_PUBLISH = 7;

/** Latency of a refused connection or an immediate error. */
export const FAST_FAIL = 0.0005;
