/**
 * The per-start secret a page needs to run code. Only a same-origin page can read it (from the
 * session route, which the guard protects and which sends no CORS headers), so a page on another
 * site cannot start runs even if it gets past the other checks.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-blast-runner-token';

export class RunnerToken {
  readonly value = randomBytes(32).toString('base64url');
  readonly #bytes = Buffer.from(this.value);

  matches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate);
    return given.length === this.#bytes.length && timingSafeEqual(given, this.#bytes);
  }
}
