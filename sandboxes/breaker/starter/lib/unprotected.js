// The recommendations client as Shelfwise ran it on the night of the incident: a 2-second timeout
// (the library default) and a fallback on error, but no breaker and no bulkhead. The demos run it
// next to yours.
import { withTimeout } from './timeout.js';

export function createUnprotectedClient({ dependency, scheduler, timeoutMs = 2000, fallback = () => [] }) {
  return {
    async get(productId) {
      try {
        const items = await withTimeout(scheduler, timeoutMs, () => dependency.call(productId));
        return { items, source: 'live' };
      } catch (err) {
        return { items: fallback(), source: 'fallback', reason: err?.name ?? 'Error' };
      }
    },
  };
}
