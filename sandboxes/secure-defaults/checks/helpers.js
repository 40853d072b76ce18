// Shared setup for the checks (not a test file): a fresh app on a loopback port with its own
// database, logger, fake clock and secrets, always closed afterwards.
import { createApp } from '../app.js';
import { ledgerlyDatabase } from '../lib/data.js';
import { createLogger } from '../lib/logger.js';
import { fakeClock } from '../lib/clock.js';
import { close, listen, request } from '../lib/client.js';

export const ADMIN_TOKEN = 'adm_7Qm2v9XcL4pR8sT1wZ6yB3nK5hJ0dF2g';
export const DEVICE_SECRET = 'dev_Hc81mQx2Lp93ZvTa0yRb47WkNe5Jd6Us';

export async function withApp(run) {
  const db = ledgerlyDatabase();
  const logger = createLogger();
  const clock = fakeClock();
  const server = createApp({ db, logger, clock, config: { adminToken: ADMIN_TOKEN, deviceSecret: DEVICE_SECRET } });
  const port = await listen(server);
  const call = (options) => request(port, options);
  try {
    await run({ db, logger, clock, call });
  } finally {
    await close(server);
  }
}

/** POST /login from `ip`, with an optional Cookie header. */
export function login(call, { email, password, ip = '198.51.100.7', cookie } = {}) {
  return call({ method: 'POST', path: '/login', body: { email, password }, ip, headers: cookie ? { cookie } : {} });
}

export const retryAfter = (res) => (res.headers['retry-after'] === undefined ? undefined : Number(res.headers['retry-after']));
