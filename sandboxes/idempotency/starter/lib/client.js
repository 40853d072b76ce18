// A tiny HTTP client for checks and demos: one fresh connection per request, so nothing is pooled
// and a server can always be closed at the end.
import http from 'node:http';

/** Start a server on a free port; resolves to the port. */
export function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** Stop a server, dropping any connection still open. */
export function close(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/**
 * POST /payments. `key` is sent in the standard quoted form ("..."); pass `rawKey` to send a header
 * value exactly as given, or neither to send no Idempotency-Key at all. `body` is JSON-encoded
 * unless it is already a string. `signal` aborts the request (a client-side timeout).
 * Resolves to { status, headers, text, json }.
 */
export function post(port, { key, rawKey, body, signal, path = '/payments' } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (rawKey !== undefined) headers['idempotency-key'] = rawKey;
  else if (key !== undefined) headers['idempotency-key'] = `"${key}"`;
  const payload = typeof body === 'string' ? body : JSON.stringify(body ?? {});
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers, agent: false, signal },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Rejects with `message` if `promise` has not settled within `ms`: a guard against a hung server. */
export function within(ms, promise, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** One line about a response, e.g. "201 id=ch_1 replayed" or "409 request-in-progress". */
export function summary(res) {
  const what = res.json?.id ? `id=${res.json.id}` : (res.json?.type ?? '').split('/').pop() || res.text.slice(0, 60);
  return `${res.status} ${what}${res.headers['idempotent-replayed'] === 'true' ? ' replayed' : ''}`;
}
