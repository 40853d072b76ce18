import { describe, expect, it } from 'vitest';
import { refuseForeignRequest } from '../../../src/server/guard';

const PORT = 4321;
function req(headers: Record<string, string>): Request {
  // Request forbids setting Host and Sec-* in browsers, not in Node; the guard reads them as sent.
  return new Request(`http://127.0.0.1:${PORT}/api/runner/session`, { headers });
}

describe('refuseForeignRequest', () => {
  it.each(['localhost:4321', '127.0.0.1:4321', '[::1]:4321', 'LOCALHOST:4321'])('lets Host %s through', (host) => {
    expect(refuseForeignRequest(req({ host }), { port: PORT })).toBeNull();
  });

  it.each([
    ['evil.example:4321', 'DNS rebinding: a foreign name pointing at 127.0.0.1'],
    ['localhost:9999', 'another port'],
    ['localhost', 'no port'],
    ['127.0.0.1.evil.example:4321', 'a lookalike name'],
    ['', 'no Host at all'],
  ])('refuses Host %j (%s)', (host) => {
    expect(refuseForeignRequest(req({ host }), { port: PORT })?.error).toBe('bad-host');
  });

  it('accepts the site’s own Origin and refuses any other', () => {
    expect(refuseForeignRequest(req({ host: 'localhost:4321', origin: 'http://localhost:4321' }), { port: PORT })).toBeNull();
    for (const origin of ['http://evil.example', 'http://localhost:3000', 'http://127.0.0.1:4321', 'https://localhost:4321', 'null']) {
      expect(refuseForeignRequest(req({ host: 'localhost:4321', origin }), { port: PORT })?.error, origin).toBe('bad-origin');
    }
  });

  it('accepts Sec-Fetch-Site same-origin and none, refuses same-site and cross-site', () => {
    for (const site of ['same-origin', 'none']) {
      expect(refuseForeignRequest(req({ host: 'localhost:4321', 'sec-fetch-site': site }), { port: PORT })).toBeNull();
    }
    for (const site of ['same-site', 'cross-site']) {
      expect(refuseForeignRequest(req({ host: 'localhost:4321', 'sec-fetch-site': site }), { port: PORT })?.error).toBe('cross-site');
    }
  });

  it('refuses a peer that is not on this machine, whatever the headers say', () => {
    const good = req({ host: 'localhost:4321' });
    expect(refuseForeignRequest(good, { port: PORT }, '192.168.1.20')?.error).toBe('not-loopback');
    expect(refuseForeignRequest(good, { port: PORT }, '127.0.0.1')).toBeNull();
    expect(refuseForeignRequest(good, { port: PORT }, '::1')).toBeNull();
    expect(refuseForeignRequest(good, { port: PORT }, '::ffff:127.0.0.1')).toBeNull();
  });

  it('says what to do in the refusal', () => {
    expect(refuseForeignRequest(req({ host: 'evil.example:4321' }), { port: PORT })?.message).toMatch(/http:\/\/localhost:4321/);
  });
});
