/**
 * The one local runner of this server process. Kept on globalThis so a module loaded twice (dev
 * server reloads, separate route chunks) still shares one token and one concurrency count.
 */
import { configFromEnv } from './config';
import { LocalRunner } from './runner';
import { TOKEN_ENV } from './token';

const KEY = Symbol.for('blast-radius.local-runner');
type Holder = { [KEY]?: LocalRunner };

export function localRunner(): LocalRunner {
  const holder = globalThis as Holder;
  let runner = holder[KEY];
  if (!runner) {
    // `npm start` makes the token and prints it in the link the learner opens; it reaches this
    // process through the environment, which the runs never see (scrubbedEnv builds theirs).
    const given = process.env[TOKEN_ENV] || undefined;
    runner = new LocalRunner(configFromEnv(), given);
    // Under `astro dev` nobody printed a link yet: print it here, once.
    if (!given) console.log(`Blast Radius local runner: open http://localhost:${runner.config.port}/#runner=${runner.token.value} to run sandboxes on this machine.`);
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
