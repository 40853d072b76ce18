import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CAPTURE_SCRIPT, RUNNER_TOKEN_STORAGE_KEY, storedRunnerToken, tokenFromText } from '../../../src/sandbox/runner-link';

const TOKEN = 'abcDEF0123456789_-abcDEF0123456789_-abcdef'; // 43 characters, like the real ones

/** Runs the inlined head script against a fake page at `href`; returns where the page ended up and what it stored. */
function capture(href: string) {
  const url = new URL(href);
  const stored = new Map<string, string>();
  let address = url.pathname + url.search + url.hash;
  runInNewContext(CAPTURE_SCRIPT, {
    URLSearchParams,
    location: { hash: url.hash, pathname: url.pathname, search: url.search },
    history: { state: null, replaceState: (_s: unknown, _t: string, next: string) => (address = next) },
    localStorage: { setItem: (k: string, v: string) => stored.set(k, v) },
  });
  return { address, token: stored.get(RUNNER_TOKEN_STORAGE_KEY) ?? null };
}

describe('the runner link', () => {
  it('moves the token from the address into storage and leaves the rest of the address alone', () => {
    expect(capture(`http://localhost:4321/lessons/idempotency/?x=1#runner=${TOKEN}`)).toEqual({ address: '/lessons/idempotency/?x=1', token: TOKEN });
    expect(capture(`http://localhost:4321/#runner=${TOKEN}&section=2`)).toEqual({ address: '/#section=2', token: TOKEN });
  });

  it('strips a malformed token without storing it, and ignores pages without one', () => {
    expect(capture('http://localhost:4321/#runner=<script>')).toEqual({ address: '/', token: null });
    expect(capture('http://localhost:4321/lessons/x/#quiz')).toEqual({ address: '/lessons/x/#quiz', token: null });
  });

  it('reads a token from a pasted link, a fragment or a bare token', () => {
    expect(tokenFromText(`  http://localhost:4321/#runner=${TOKEN}\n`)).toBe(TOKEN);
    expect(tokenFromText(`#runner=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromText(TOKEN)).toBe(TOKEN);
    expect(tokenFromText('http://localhost:4321/')).toBeNull();
    expect(tokenFromText('runner=short')).toBeNull();
  });

  it('gives back only a well-formed stored token', () => {
    const storage = (value: string | null) => ({ getItem: () => value, setItem: () => {}, removeItem: () => {} });
    expect(storedRunnerToken(storage(TOKEN))).toBe(TOKEN);
    expect(storedRunnerToken(storage('not a token'))).toBeNull();
  });
});
