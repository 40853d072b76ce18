/**
 * The per-start secret a page needs to use the local runner. The server never sends it: `npm
 * start` prints it inside a link the learner opens (src/sandbox/runner-link.ts), so only someone
 * who can read that terminal can run code. A new one is made at every start.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isRunnerToken } from '../sandbox/runner-link';

export { TOKEN_HEADER } from '../sandbox/wire';
export const TOKEN_ENV = 'BLAST_RUNNER_TOKEN';

export function newTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

export class RunnerToken {
  readonly value: string;
  readonly #bytes: Buffer;

  /** `value` (e.g. from `npm start`, through BLAST_RUNNER_TOKEN) or a fresh random one. */
  constructor(value: string = newTokenValue()) {
    if (!isRunnerToken(value)) throw new Error(`${TOKEN_ENV} must be 32 to 128 letters, digits, "-" or "_" (it is made by npm start; unset it to get a fresh one).`);
    this.value = value;
    this.#bytes = Buffer.from(value);
  }

  matches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate);
    return given.length === this.#bytes.length && timingSafeEqual(given, this.#bytes);
  }
}
