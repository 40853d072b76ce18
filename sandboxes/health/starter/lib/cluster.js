// A tiny stand-in for Kubernetes, for the demos: pods that run your service on a shared fake clock,
// with the HTTP connections a load balancer would keep to each of them.
//
//   const pod = createPod({ createService, clock, db, name, warmupMs, options })
//   pod.port             where it listens (null until listen() has resolved)
//   pod.send(path)       a request through the load balancer's keep-alive pool to this pod:
//                        { arrived, reply }: `arrived` settles once the pod has the request in hand
//                        (or the connection failed), `reply` with the outcome ({ ok, status } or { ok: false, error })
//   pod.probe(path)      a probe on a fresh connection: true for a 2xx or 3xx answer
//   pod.sigterm()        what the kubelet sends first
//   pod.kill()           what SIGKILL (or a process without a SIGTERM handler) does: every connection dies
//   pod.exitCode         the code the pod exited with: undefined while it runs, 137 when killed
import http from 'node:http';
import { createParcelApp } from './app.js';
import { fakeProcess } from './process.js';
import { forceClose, get } from './client.js';

export function createPod({ createService, clock, db, name, warmupMs = 3_000, options = {} }) {
  const app = createParcelApp({ clock, db, warmupMs });
  const waiting = new Map(); // request id -> resolve(), for requests on their way to the app
  let nextId = 0;
  const tracked = {
    warm: () => app.warm(),
    get warmed() {
      return app.warmed;
    },
    get inFlight() {
      return app.inFlight;
    },
    handle(req, res) {
      const id = req.headers['x-demo-id'];
      waiting.get(id)?.();
      waiting.delete(id);
      return app.handle(req, res);
    },
  };
  const proc = fakeProcess({ clock });
  const service = createService({ clock, db, app: tracked, signals: proc.signals, exit: proc.exit, ...options });
  const agent = new http.Agent({ keepAlive: true });

  const pod = {
    name,
    port: null,
    exitCode: undefined,
    get dead() {
      return pod.exitCode !== undefined;
    },
    send(path) {
      if (pod.port === null || pod.dead) {
        const failed = Promise.resolve({ ok: false, error: 'ECONNREFUSED' });
        return { arrived: failed, reply: failed };
      }
      const id = String(++nextId);
      let markArrived;
      const arrived = new Promise((resolve) => (markArrived = resolve));
      waiting.set(id, markArrived);
      const reply = new Promise((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: pod.port, path, agent, headers: { 'x-demo-id': id } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ ok: res.statusCode < 500, status: res.statusCode }));
          res.on('error', (err) => resolve({ ok: false, error: err.code ?? err.message }));
          res.on('aborted', () => resolve({ ok: false, error: 'ECONNRESET' }));
        });
        req.on('error', (err) => resolve({ ok: false, error: err.code ?? err.message }));
        req.end();
      });
      reply.then(() => {
        waiting.delete(id);
        markArrived();
      });
      return { arrived, reply };
    },
    async probe(path) {
      if (pod.port === null || pod.dead) return false;
      const res = await get(pod.port, path);
      return res.ok && res.status >= 200 && res.status < 400;
    },
    sigterm() {
      proc.signal('SIGTERM');
    },
    kill(code = 137) {
      if (pod.dead) return;
      pod.exitCode = code;
      forceClose(service.server);
      agent.destroy();
    },
  };
  proc.onExit((code) => pod.kill(code));
  service.listen(0).then(
    (port) => {
      if (pod.dead) forceClose(service.server); // killed before it got to listen
      else pod.port = port;
    },
    () => {},
  );
  return pod;
}
