/**
 * `npm run workshop [-- --port 4330] [--host 0.0.0.0]`: the workshop relay, plus the built site's
 * pages so players on other laptops can open them. Loopback unless --host is given. It never runs
 * learner code; build the site first (`npm run build`, or once `npm start`).
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay } from './relay';
import { staticSite } from './static-site';
import { securityHeaders } from '../../../scripts/headers.mjs';

export const DEFAULT_WORKSHOP_PORT = 4330;

const USAGE = 'usage: npm run workshop [-- --port <n>] [--host <address>]   (loopback unless --host; --host 0.0.0.0 for every interface)';

function parseArgs(argv: string[]): { port: number; host: string } {
  let port = Number(process.env.WORKSHOP_PORT ?? DEFAULT_WORKSHOP_PORT);
  let host = '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--port') port = Number(argv[++i]);
    else if (a === '--host') host = argv[++i] ?? '';
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown option ${a}.\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port needs a number from 0 to 65535.\n${USAGE}`);
    process.exit(2);
  }
  if (!host) {
    console.error(`--host needs an address.\n${USAGE}`);
    process.exit(2);
  }
  return { port, host };
}

const { port, host } = parseArgs(process.argv.slice(2));
const site = join(fileURLToPath(new URL('../../..', import.meta.url)), 'dist/client');
const hasSite = existsSync(join(site, 'workshop/index.html'));
const relay = await startRelay({
  port,
  host,
  sweepEveryMs: 30_000,
  onHttp: hasSite ? staticSite(site, securityHeaders as Record<string, string>) : undefined,
  log: (line) => console.log(`[relay] ${line}`),
}).catch((error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: stop the other server or pass --port <another>.` : `The relay could not start: ${error.message}`);
  process.exit(1);
});

const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
console.log(`Workshop relay on ${relay.url.replace(relay.host, shown)} (loopback only: ${host.startsWith('127.') || host === 'localhost' || host === '::1' ? 'yes' : 'no'})`);
if (hasSite) {
  console.log(`Facilitator: http://${shown}:${relay.port}/workshop/`);
  if (host === '0.0.0.0' || host === '::') {
    const lan = Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
    for (const ip of lan) console.log(`Players:     http://${ip}:${relay.port}/workshop/play/`);
  } else console.log(`Players:     http://${shown}:${relay.port}/workshop/play/  (same machine; add --host 0.0.0.0 for other laptops)`);
} else {
  console.log('No built site found (dist/client): run `npm run build` first to serve the pages from here.');
}
const stop = () => void relay.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
