/**
 * The one local runner of this server process. Kept on globalThis so a module loaded twice (dev
 * server reloads, separate route chunks) still shares one token and one concurrency count.
 */
import { configFromEnv } from './config';
import { LocalRunner } from './runner';

const KEY = Symbol.for('blast-radius.local-runner');
type Holder = { [KEY]?: LocalRunner };

export function localRunner(): LocalRunner {
  const holder = globalThis as Holder;
  let runner = holder[KEY];
  if (!runner) {
    runner = new LocalRunner(configFromEnv());
    holder[KEY] = runner;
    // Runs are process-group leaders of their own; take them down with the server.
    process.once('exit', () => runner?.killAll());
  }
  return runner;
}

/** Astro's clientAddress throws where the adapter cannot tell; treat that as unknown. */
export function peerAddress(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
