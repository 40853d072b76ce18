import { mix32 } from '../../engine/hash';

import { area, type DataPlane } from './state';
import { attached, finishLogical, respond } from './responses';
import { route } from './balancer';
import { admit } from './instances';
import * as kinds from '../events';
import * as codes from './codes';

// Local copies of hot constants (see codes.ts).
const { K_ARRIVAL, K_CLIENT_CHECK } = kinds;
const { V_LIMITED, V_SHED, V_TIMEOUT, V_UNAVAILABLE } = codes;

/**
 * Clients: each traffic source sends a Poisson stream of logical requests, makes attempts through
 * the edge (TLS, rate limit) and the load balancer, gives up after its timeout and retries by its
 * policy (the retry decision is in responses.ts, where the answer arrives).
 */

/** Schedules every source's first arrival. */
export function startArrivals(dp: DataPlane): void {
  for (const s of dp.sources) {
    s.computeNext();
    dp.sched.at(s.nextAt[0]!, K_ARRIVAL, s.index, 0);
  }
}

/** Stop generating new requests after time t (used by tests to drain the system). */
export function stopArrivals(dp: DataPlane, t: number): void {
  dp.stopArrivalsAt = t;
}

/** Source `s` sends a new logical request (K_ARRIVAL) and schedules its next one. */
export function onArrival(dp: DataPlane, s: number): void {
  const now = dp.sched.now;
  const src = dp.sources[s]!;
  if (now >= dp.stopArrivalsAt) return;
  src.computeNext();
  const next = src.nextAt[0]!;
  if (next < Infinity) {
    const h = dp.heap;
    h.input[0] = next;
    h.input[1] = 0;
    h.pushIn(K_ARRIVAL, s);
  }
  area(dp);
  const lg = dp.logical;
  const L = lg.alloc();
  dp.arrived++;
  lg.start[L] = now;
  lg.source[L] = s;
  lg.route[L] = src.singleRoute >= 0 ? src.singleRoute : src.pickRoute();
  // The user is a hash of the request's serial number: uniform, and it costs no random draw.
  lg.user[L] = mix32(lg.serial[L]! | 0) % src.users;
  src.budget?.onRequest();
  startAttempt(dp, L);
}

/** Sends the next attempt of logical request L (its first, or a retry: K_RETRY). */
export function startAttempt(dp: DataPlane, L: number): void {
  const now = dp.sched.now;
  const lg = dp.logical;
  const src = dp.sources[lg.source[L]!]!;
  const n = ++lg.attempts[L]!;
  if (n > 1) dp.retries++;
  if (src.retry.adaptiveThrottleK !== null) {
    const { requests, accepts } = src.windowCounts(now);
    const p = Math.max(0, (requests - src.retry.adaptiveThrottleK * accepts) / (requests + 1));
    src.noteRequest(now);
    if (p > 0 && src.rng.next() < p) {
      // Rejected locally by the client: never reaches the system, so no SLO event.
      finishLogical(dp, L, V_SHED);
      return;
    }
  }
  dp.attemptsStarted++;
  const at = dp.attempts;
  const a = at.alloc();
  at.logical[a] = L;
  at.logicalSerial[a] = lg.serial[L]!;
  at.source[a] = lg.source[L]!;
  at.route[a] = lg.route[L]!;
  at.user[a] = lg.user[L]!;
  at.start[a] = now;
  lg.attempt[L] = a;
  lg.attemptSerial[L] = at.serial[a]!;
  if (dp.certificateExpired) {
    respond(dp, a, V_UNAVAILABLE, 'TLS handshake failed: certificate expired');
    at.release(a);
    return;
  }
  if (dp.rateLimiter !== null && !dp.rateLimiter.tryTake(now)) {
    respond(dp, a, V_LIMITED, 'rate limited');
    at.release(a);
    return;
  }
  if (src.timeout < Infinity) {
    const fifo = src.timeouts;
    const deadline = now + src.timeout;
    fifo.push(a, at.serial[a]!, deadline);
    if (fifo.checkAt < 0) {
      fifo.checkAt = deadline;
      dp.sched.at(deadline, K_CLIENT_CHECK, src.index, 0);
    }
  }
  const i = route(dp, lg.user[L]!);
  if (i < 0) {
    respond(dp, a, V_UNAVAILABLE, 'no healthy upstream');
    at.release(a);
    return;
  }
  admit(dp, a, i);
}

/** Clients of source `s` whose timeout passed give up (K_CLIENT_CHECK); their attempts run on, detached. */
export function onClientCheck(dp: DataPlane, s: number): void {
  const now = dp.sched.now;
  const fifo = dp.sources[s]!.timeouts;
  const at = dp.attempts;
  fifo.checkAt = -1;
  while (fifo.length > 0) {
    const a = fifo.headId();
    if (at.serial[a] !== fifo.headToken() || !attached(dp, a)) {
      fifo.drop(); // already answered: garbage
      continue;
    }
    if (fifo.headDeadline() > now) break;
    fifo.drop();
    dp.clientTimeouts++;
    respond(dp, a, V_TIMEOUT, 'client timeout');
  }
  if (fifo.length > 0) {
    fifo.checkAt = fifo.headDeadline();
    dp.sched.at(fifo.checkAt, K_CLIENT_CHECK, s, 0);
  }
}
