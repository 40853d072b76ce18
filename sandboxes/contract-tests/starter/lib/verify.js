// Provider verification: runs a consumer's contract (a function verifyProvider(api)) against one
// variant of orders-api, the way a provider's pipeline replays every consumer's contract on each
// change. The contract passes if it resolves and fails if it throws (an assertion or anything else).
import { createOrdersApi } from './orders-api.js';

/** { variant, passed, error, requests, branches }: what happened when `verifyProvider` met `variantName`. */
export async function runContract(verifyProvider, variantName, { timeoutMs = 2000 } = {}) {
  const api = createOrdersApi(variantName);
  // The contract sees only get(): a consumer's test cannot know which release it is looking at.
  const facade = Object.freeze({ get: (path) => api.get(path) });
  let error;
  let timer;
  try {
    if (typeof verifyProvider !== 'function') throw new TypeError('contract.js must export an async function verifyProvider(api)');
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the contract did not finish within ${timeoutMs} ms: is it waiting for something that never comes?`)), timeoutMs);
    });
    await Promise.race([Promise.resolve().then(() => verifyProvider(facade)), deadline]);
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  } finally {
    clearTimeout(timer);
  }
  return { variant: api.variant, passed: error === undefined, error, requests: api.requests, branches: api.branches };
}
