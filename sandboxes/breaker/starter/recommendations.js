// The storefront's client for the recommendations service. Any rejection or failure gets the
// fallback, a local list of bestsellers, so the product page never fails because of the panel.
//
// Right now it is the client from the night of the incident: a 2-second timeout and a fallback,
// but no breaker and no bulkhead. When recommendations hangs, every product page holds a worker
// for 2 s, and at 50 pages a second that is 100 workers of the storefront's 75.
// Run node scripts/slow-dependency.js to watch it happen. Your job is the TODOs below.
import { CircuitBreaker, HYSTRIX_DEFAULTS } from './breaker.js';
import { Bulkhead } from './bulkhead.js';
import { withTimeout } from './lib/timeout.js';

export const BESTSELLERS = ['bestseller-1', 'bestseller-2', 'bestseller-3'];

/**
 * options:
 *   dependency     the recommendations service: dependency.call(productId) -> Promise<items>
 *   scheduler      time (lib/scheduler.js): now(), setTimeout()
 *   timeoutMs      the bound on one call
 *   maxConcurrent  the bulkhead's size (Infinity for none)
 *   breaker        CircuitBreaker options (Hystrix defaults), or null for no breaker
 *   fallback       () => items used when the live call is not made or fails
 * get(productId) -> { items, source: 'live' | 'fallback', reason? } and never throws.
 */
export function createRecommendationsClient({ dependency, scheduler, timeoutMs = 2000, maxConcurrent = 8, breaker = HYSTRIX_DEFAULTS, fallback = () => BESTSELLERS } = {}) {
  // TODO 1: one CircuitBreaker for this dependency (now: () => scheduler.now(), plus the `breaker`
  //   options; none when `breaker` is null) and one Bulkhead of `maxConcurrent`.
  // TODO 2: wrap the call, outermost first: breaker, then bulkhead, then the timeout. An open
  //   circuit then costs nothing, and a bulkhead rejection or a timeout reaches the breaker as a
  //   failure, as in Hystrix.
  const live = (productId) => withTimeout(scheduler, timeoutMs, () => dependency.call(productId));

  async function get(productId) {
    try {
      const items = await live(productId);
      return { items, source: 'live' };
    } catch (err) {
      return { items: fallback(), source: 'fallback', reason: err?.name ?? 'Error' };
    }
  }

  return { get, breaker: null, bulkhead: null };
}
