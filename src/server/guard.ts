/**
 * Who may talk to the local runner: only the site's own pages, loaded from this machine.
 * - Host must be a loopback name with the server's port: a DNS-rebinding page (evil.example
 *   resolving to 127.0.0.1) arrives with its own name in Host and is refused.
 * - Origin, when the browser sends one, must be exactly this site (http://<Host>).
 * - Sec-Fetch-Site, when sent, must be same-origin or none (typed address / bookmark); a page on
 *   another port of localhost is "same-site", not same-origin, and is refused too.
 * - The TCP peer, when known, must be a loopback address.
 */

export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

export interface GuardOptions {
  /** The port the site is served on; Host must carry it. */
  port: number;
}

export interface Refusal {
  error: 'bad-host' | 'bad-origin' | 'cross-site' | 'not-loopback';
  message: string;
}

function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

/** Null when the request may proceed, otherwise why it is refused. */
export function refuseForeignRequest(request: Request, options: GuardOptions, clientAddress?: string): Refusal | null {
  if (clientAddress !== undefined && !isLoopbackAddress(clientAddress)) {
    return { error: 'not-loopback', message: `The local runner only serves this machine; the request came from ${clientAddress}.` };
  }
  const host = (request.headers.get('host') ?? '').toLowerCase();
  const allowedHosts = LOOPBACK_HOSTNAMES.map((name) => `${name}:${options.port}`);
  if (!allowedHosts.includes(host)) {
    return {
      error: 'bad-host',
      message: `The local runner answers only to ${allowedHosts.join(', ')} (this request was for "${host || 'no host'}"). Open the course at http://localhost:${options.port}.`,
    };
  }
  const origin = request.headers.get('origin');
  if (origin !== null && origin.toLowerCase() !== `http://${host}`) {
    return { error: 'bad-origin', message: `Only pages of this site (http://${host}) may use the local runner, not ${origin}.` };
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return { error: 'cross-site', message: `Only pages of this site may use the local runner (this request was ${site}).` };
  }
  return null;
}
