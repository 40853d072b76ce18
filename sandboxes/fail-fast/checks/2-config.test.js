// Checks for config.js and main(): configuration is read once at start, every problem is named at
// once, secrets are never printed, and a bad configuration stops the service before it listens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.js';
import { main } from '../server.js';

const GOOD = Object.freeze({
  PORT: '3000',
  DATABASE_URL: 'postgres://shop:hunter2@db.internal:5432/shop',
  PAYMENT_API_KEY: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  MAIL_FROM: 'orders@kestrel.example',
});

/** Calls loadConfig and returns the error it throws (failing the check if it throws nothing). */
function configError(env, what) {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    return err;
  }
  assert.fail(`${what}: loadConfig returned ${JSON.stringify(config)} instead of throwing; a service that starts like this fails later, in the middle of a request`);
}

function problemsOf(err) {
  assert.ok(err instanceof Error, `loadConfig should throw an Error (a ConfigError), got ${String(err)}`);
  assert.ok(Array.isArray(err.problems), `the ConfigError should carry .problems, one string per problem, got ${JSON.stringify(err.problems)}`);
  return err.problems;
}

test('loadConfig reads a valid environment into typed values, with defaults', () => {
  const config = loadConfig({ ...GOOD });
  assert.equal(config.port, 3000, `PORT=3000 should give port 3000 (a number), got ${JSON.stringify(config.port)}`);
  assert.equal(config.databaseUrl, GOOD.DATABASE_URL, 'databaseUrl should be DATABASE_URL');
  assert.equal(config.paymentApiKey, GOOD.PAYMENT_API_KEY, 'paymentApiKey should be PAYMENT_API_KEY');
  assert.equal(config.mailFrom, GOOD.MAIL_FROM, 'mailFrom should be MAIL_FROM');
  assert.equal(config.maxBodyBytes, 16_384, `MAX_BODY_BYTES unset should give the default 16384, got ${JSON.stringify(config.maxBodyBytes)}`);
  assert.ok(Object.isFrozen(config), 'the config should be frozen (Object.freeze), so nothing can change it after the start');
  const { PORT, ...noPort } = GOOD;
  const defaults = loadConfig({ ...noPort, MAX_BODY_BYTES: '65536' });
  assert.equal(defaults.port, 8080, `PORT unset should give the default 8080, got ${JSON.stringify(defaults.port)}`);
  assert.equal(defaults.maxBodyBytes, 65_536, `MAX_BODY_BYTES=65536 should give 65536 (a number), got ${JSON.stringify(defaults.maxBodyBytes)}`);
  let blank;
  assert.doesNotThrow(() => (blank = loadConfig({ ...GOOD, PORT: '' })), 'PORT="" (set but empty) counts as not set, so the default applies');
  assert.equal(blank.port, 8080, `PORT="" counts as not set: expected the default 8080, got ${JSON.stringify(blank.port)}`);
});

test('loadConfig names every missing variable in one error', () => {
  const problems = problemsOf(configError({}, 'an empty environment'));
  for (const name of ['DATABASE_URL', 'PAYMENT_API_KEY', 'MAIL_FROM']) {
    assert.ok(problems.some((p) => p.includes(name)), `an empty environment: no problem names ${name} (got ${JSON.stringify(problems)}); report every missing variable, not only the first`);
  }
  assert.equal(problems.length, 3, `an empty environment: expected 3 problems (PORT and MAX_BODY_BYTES have defaults), got ${problems.length}: ${JSON.stringify(problems)}`);
  const empty = problemsOf(configError({ ...GOOD, MAIL_FROM: '' }, 'MAIL_FROM=""'));
  assert.ok(empty.length === 1 && empty[0].includes('MAIL_FROM'), `MAIL_FROM="" (empty) counts as not set: expected one problem naming MAIL_FROM, got ${JSON.stringify(empty)}`);
  const err = configError({}, 'an empty environment');
  for (const name of ['DATABASE_URL', 'PAYMENT_API_KEY', 'MAIL_FROM']) {
    assert.ok(err.message.includes(name), `the error's message should name ${name} too (it is what a crash log shows), got ${JSON.stringify(err.message)}`);
  }
});

test('loadConfig names malformed values and never prints a secret', () => {
  const env = {
    PORT: '80a',
    MAX_BODY_BYTES: '16kb',
    DATABASE_URL: 'mysql://shop:hunter2@db.internal/shop',
    PAYMENT_API_KEY: 'pk_live_51HqLyjWDarjtT1zdp7dc',
    MAIL_FROM: 'orders-at-kestrel.example',
  };
  const err = configError(env, 'five malformed variables');
  const problems = problemsOf(err);
  for (const name of Object.keys(env)) {
    assert.ok(problems.some((p) => p.includes(name)), `no problem names ${name}=${JSON.stringify(env[name])} (got ${JSON.stringify(problems)})`);
  }
  assert.equal(problems.length, 5, `expected 5 problems, one per variable, got ${problems.length}: ${JSON.stringify(problems)}`);
  const shown = `${err.message}\n${problems.join('\n')}`;
  for (const secret of ['hunter2', 'pk_live_51HqLyjWDarjtT1zdp7dc']) {
    assert.ok(!shown.includes(secret), `the error shows the secret "${secret}": name the variable and say what is wrong, never print the value of DATABASE_URL or PAYMENT_API_KEY`);
  }
  for (const [name, value] of [['PORT', '0'], ['PORT', '65536'], ['PORT', '8080.5'], ['MAX_BODY_BYTES', '512']]) {
    const bad = problemsOf(configError({ ...GOOD, [name]: value }, `${name}=${value}`));
    assert.ok(bad.length === 1 && bad[0].includes(name), `${name}=${value} is out of range: expected one problem naming ${name}, got ${JSON.stringify(bad)}`);
  }
});

test('a bad configuration stops the service before it listens: one line, exit code 1', async () => {
  const calls = { exit: [], write: [], listen: [] };
  const fakes = {
    exit: (code) => calls.exit.push(code),
    write: (text) => calls.write.push(String(text)),
    listen: async (server, port) => {
      calls.listen.push(port);
      return server;
    },
  };
  let returned;
  try {
    returned = await main({ env: { PORT: '80a', PAYMENT_API_KEY: '', DATABASE_URL: GOOD.DATABASE_URL }, ...fakes });
  } catch (err) {
    assert.fail(`main() threw (${err.message}): a bad configuration should be reported with one line and exit(1), not an unhandled exception with a stack trace`);
  }
  assert.ok(calls.listen.length === 0, `main() started listening (on port ${calls.listen[0]}) with a broken configuration: the rollout would go ahead and the mistake surface in a request`);
  assert.deepEqual(calls.exit, [1], `main() should call exit(1) once, got ${calls.exit.length ? `exit(${calls.exit.join('), exit(')})` : 'no exit'}`);
  assert.equal(calls.write.length, 1, `main() should write exactly one line, got ${calls.write.length} writes: ${JSON.stringify(calls.write)}`);
  const line = calls.write[0];
  assert.ok(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, `the report should be one line ending in "\\n", got ${JSON.stringify(line)}`);
  for (const name of ['PORT', 'PAYMENT_API_KEY', 'MAIL_FROM']) {
    assert.ok(line.includes(name), `the line should name ${name}, got ${JSON.stringify(line)}`);
  }
  assert.ok(!line.includes('hunter2'), 'the line shows the database password');
  assert.ok(returned === null || returned === undefined, 'main() should return nothing when it refuses to start');

  calls.listen.length = 0;
  calls.exit.length = 0;
  const server = await main({ env: { ...GOOD }, ...fakes });
  assert.deepEqual(calls.exit, [], `with a valid configuration main() should not exit, got exit(${calls.exit[0]})`);
  assert.deepEqual(calls.listen, [3000], `with a valid configuration main() should listen on PORT (3000), got ${JSON.stringify(calls.listen)}`);
  server?.close?.();
});
