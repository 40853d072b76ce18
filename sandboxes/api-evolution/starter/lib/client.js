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

/** GET a path. Resolves to { status, headers, text, json } (json is undefined if the body is not JSON). */
export function get(port, path, { method = 'GET' } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
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
    });
    req.setTimeout(2000, () => req.destroy(new Error(`${method} ${path}: no answer within 2 s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Parse a Link header (RFC 8288) into [{ href, rel: [..], params: { .. } }]. Accepts several
 * links in one header, separated by commas, and rel="a b" lists.
 *   parseLink('<https://x.example/a>; rel="deprecation"; type="text/html"')
 *   -> [{ href: 'https://x.example/a', rel: ['deprecation'], params: { rel: 'deprecation', type: 'text/html' } }]
 */
export function parseLink(header) {
  if (!header) return [];
  const links = [];
  const re = /<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,\s]*))?)*)/g;
  for (const match of String(header).matchAll(re)) {
    const params = {};
    for (const p of match[2].matchAll(/;\s*([^;,=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,\s]*)))?/g)) {
      params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
    }
    links.push({ href: match[1], rel: (params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean), params });
  }
  return links;
}
