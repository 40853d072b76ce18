// HTTP helpers for checks and demos. Requests never reject: a refused or cut connection resolves
// to { ok: false, error } so a check can say what happened instead of crashing.
//
//   await get(port, '/readyz')          one request on a fresh connection (closed afterwards)
//   const c = keepAliveClient(port)     one keep-alive connection reused from request to request,
//   await c.get('/track/PX-1')          as a load balancer or an ingress keeps them
//   c.openSockets / c.closedSockets     connections the server has (not) closed yet
//   c.destroy()                         drop the connection from the client side
//   trackConnections(server)            the server side: every connection, and which are still open
//   forceClose(server)                  what process exit does to a server: every connection dies
import http from 'node:http';

function request(port, path, agent, headers = {}) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ ok: true, status: res.statusCode, headers: res.headers, text }));
      res.on('error', (err) => resolve({ ok: false, error: err.code ?? err.message }));
      res.on('aborted', () => resolve({ ok: false, error: 'response cut off' }));
    });
    req.on('error', (err) => resolve({ ok: false, error: err.code ?? err.message }));
    req.end();
  });
}

/** One GET on a connection of its own ("Connection: close"). */
export function get(port, path, headers) {
  return request(port, path, false, headers);
}

/** A client that keeps one connection open between requests (HTTP keep-alive). */
export function keepAliveClient(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  const closed = new Set();
  const watch = (socket) => {
    if (sockets.has(socket) || closed.has(socket)) return;
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      closed.add(socket);
    });
  };
  const originalCreate = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = originalCreate(options, callback);
    watch(socket);
    return socket;
  };
  return {
    get: (path, headers) => request(port, path, agent, headers),
    /** Connections of this client that are still open. */
    get openSockets() {
      return sockets.size;
    },
    /** Connections of this client that have been closed (by either side). */
    get closedSockets() {
      return closed.size;
    },
    destroy() {
      agent.destroy();
    },
  };
}

/** Watches a server's connections: `open` are those neither ended nor destroyed by the server. */
export function trackConnections(server) {
  const all = new Set();
  server.on('connection', (socket) => all.add(socket));
  return {
    get total() {
      return all.size;
    },
    get open() {
      return [...all].filter((s) => !s.destroyed && !s.writableEnded).length;
    },
  };
}

/** What the end of the process does to a server: every connection is dropped at once. */
export function forceClose(server) {
  server.closeAllConnections?.();
  if (server.listening) server.close();
}

/** Rejects with `message` if `promise` has not settled within `ms` real milliseconds. */
export function within(ms, promise, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
