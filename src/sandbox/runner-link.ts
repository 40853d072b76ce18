/**
 * How a page gets the local runner's token: only from the learner. `npm start` prints a link
 * `http://localhost:4321/#runner=<token>`; opening it (or pasting it into the sandbox panel)
 * stores the token for this browser and removes it from the address bar. No request to the
 * server ever returns the token, so no other local program or web page can learn it by asking.
 *
 * Kept in localStorage rather than sessionStorage so a second tab of the course works too; the
 * token changes at every start, so an old one is useless once the server restarts.
 */
// Shared with `npm start`, which refuses a malformed BLAST_RUNNER_TOKEN by the same rule.
import { RUNNER_TOKEN_PATTERN as TOKEN_PATTERN } from '../../scripts/runner-token.mjs';

export const RUNNER_FRAGMENT_KEY = 'runner';
export const RUNNER_TOKEN_STORAGE_KEY = 'blast-radius:runner-token';

export function isRunnerToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token in a pasted link, a `#runner=...` fragment or a bare token; null when there is none. */
export function tokenFromText(text: string): string | null {
  const trimmed = text.trim();
  if (isRunnerToken(trimmed)) return trimmed;
  const hash = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : '';
  const value = new URLSearchParams(hash).get(RUNNER_FRAGMENT_KEY);
  return value !== null && isRunnerToken(value) ? value : null;
}

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function safeStorage(): TokenStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be disabled (privacy settings); the panel then asks for the link each time.
    return null;
  }
}

let memoryToken: string | null = null;

export function storedRunnerToken(storage: TokenStorage | null = safeStorage()): string | null {
  const value = storage?.getItem(RUNNER_TOKEN_STORAGE_KEY) ?? memoryToken;
  return value !== null && isRunnerToken(value) ? value : null;
}

export function storeRunnerToken(token: string, storage: TokenStorage | null = safeStorage()): void {
  memoryToken = token;
  try {
    storage?.setItem(RUNNER_TOKEN_STORAGE_KEY, token);
  } catch {
    // Quota or disabled storage: the in-memory copy still serves this page.
  }
}

export function forgetRunnerToken(storage: TokenStorage | null = safeStorage()): void {
  memoryToken = null;
  storage?.removeItem(RUNNER_TOKEN_STORAGE_KEY);
}

/**
 * Inlined in every page's head (Base.astro), so it runs before anything else: moves a
 * `#runner=<token>` fragment into storage and rewrites the address without it
 * (history.replaceState), so the token is neither left in the history nor copied with the address.
 * Plain ES5 in a string because it is inlined; test/unit/sandbox/runner-link.test.ts runs it.
 */
export const CAPTURE_SCRIPT = `(function () {
  try {
    var params = new URLSearchParams(location.hash.slice(1));
    var token = params.get(${JSON.stringify(RUNNER_FRAGMENT_KEY)});
    if (token === null) return;
    params.delete(${JSON.stringify(RUNNER_FRAGMENT_KEY)});
    var rest = params.toString();
    history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    if (${TOKEN_PATTERN.toString()}.test(token)) localStorage.setItem(${JSON.stringify(RUNNER_TOKEN_STORAGE_KEY)}, token);
  } catch (e) {}
})();`;
