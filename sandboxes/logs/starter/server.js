// Ledgerline's payouts service, put together: the payouts handler (lib/payouts.js) wrapped in your
// middleware, logging through your logger, calling the bank with your outgoing headers.
// This file is read-only support; the work is in logger.js, context.js and middleware.js.
//
// `node server.js` serves on PORT (default 3000) and writes its log lines to stdout:
//   LOG_LEVEL=debug node server.js
//   curl -i -X POST localhost:3000/payouts -H 'content-type: application/json' \
//     -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' \
//     -d '{"freelancer":"fr_88123","amount":12500}'
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { createLogger } from './logger.js';
import { outgoingHeaders } from './context.js';
import { withLogging } from './middleware.js';
import { createPayoutsApp } from './lib/payouts.js';
import { createBank } from './lib/bank.js';
import { systemClock } from './lib/clock.js';

export function createServer({ clock = systemClock(), logger = createLogger({ clock }), bank = createBank() } = {}) {
  const app = createPayoutsApp({ logger, bank, outgoingHeaders });
  return http.createServer(withLogging((req, res) => app.handle(req, res), { logger, clock }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = Number(process.env.PORT ?? 3000);
  createServer({ logger }).listen(port, () => logger.info('service started', { 'server.port': port }));
}
