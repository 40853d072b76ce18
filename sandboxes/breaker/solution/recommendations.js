// The storefront's client for the recommendations service. Each call goes through, outermost
// first: the circuit breaker (an open circuit costs nothing), the bulkhead (a bounded number in
// flight), and the timeout (a bound on each call). Any rejection or failure gets the fallback, a
// local list of bestsellers, so the product page never fails because of the panel.
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
  const circuit = breaker ? new CircuitBreaker({ now: () => scheduler.now(), ...breaker }) : null;
  const bulkhead = new Bulkhead(maxConcurrent);

  const live = (productId) => bulkhead.run(() => withTimeout(scheduler, timeoutMs, () => dependency.call(productId)));

  async function get(productId) {
    try {
      const items = circuit ? await circuit.call(() => live(productId)) : await live(productId);
      return { items, source: 'live' };
    } catch (err) {
      return { items: fallback(), source: 'fallback', reason: err?.name ?? 'Error' };
    }
  }

  return { get, breaker: circuit, bulkhead };
}
