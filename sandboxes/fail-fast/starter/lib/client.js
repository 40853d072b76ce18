// HTTP helpers for checks and demos.
//
//   const port = await listen(server)      on a free port of 127.0.0.1
//   await close(server)
//   await post(port, { body, headers, path, agent })   body: an object (sent as JSON) or a string (sent
//        as is); agent: an http.Agent to reuse connections (default: a new connection per request)
//        -> { status, headers, text, json }
//   await postPartly(port, { headers, chunks, waitMs })
//        sends the headers and some chunks of a body but never finishes it: resolves with the
//        response if the server answers within waitMs (real ms), or { status: null } if it waits
import http from 'node:http';

export function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

export function close(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

function collect(res, resolve) {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (text += chunk));
  res.on('end', () => {
    let json;
    try {
      json = JSON.parse(text);
    } catch {}
    resolve({ status: res.statusCode, headers: res.headers, text, json });
  });
  res.on('error', () => resolve({ status: res.statusCode, headers: res.headers, text, json: undefined }));
}

export function post(port, { body = {}, headers = { 'content-type': 'application/json' }, path = '/orders', method = 'POST', agent = false } = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { ...headers, 'content-length': Buffer.byteLength(payload) }, agent }, (res) =>
      collect(res, resolve),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function postPartly(port, { headers = {}, chunks = [], waitMs = 2000, path = '/orders' } = {}) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(value);
    };
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false }, (res) => collect(res, finish));
    req.on('error', () => finish({ status: null, error: 'connection closed before an answer' }));
    const timer = setTimeout(() => finish({ status: null }), waitMs);
    req.flushHeaders();
    for (const chunk of chunks) req.write(chunk);
  });
}
