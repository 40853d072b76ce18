// Small HTTP helpers for app.js.
//
//   clientIp(req)            the caller's address. Ledgerly runs behind a load balancer that puts
//                            it in X-Real-IP (overwriting anything the client sent), so that header
//                            is trusted here; without it, the socket's address.
//   readBody(req)            the request body as text (at most 64 KiB)
//   parseCookies(header)     { name: value } from a Cookie header
//   send(res, status, headers, body)

export function clientIp(req) {
  const header = req.headers['x-real-ip'];
  return typeof header === 'string' && header !== '' ? header : (req.socket?.remoteAddress ?? 'unknown');
}

export function readBody(req, { limit = 64 * 1024 } = {}) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseCookies(header) {
  const cookies = {};
  for (const part of String(header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name) cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}

export function send(res, status, headers, body = '') {
  res.writeHead(status, headers);
  res.end(body);
}
