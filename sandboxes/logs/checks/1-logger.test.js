// Checks for logger.js on its own: what one event looks like, levels, errors, redaction. Every
// line is read the way a log shipper reads it: split on newlines, then parsed as JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../logger.js';
import { captureLines } from '../lib/capture.js';
import { fakeClock } from '../lib/clock.js';

function setup(options = {}) {
  const capture = captureLines();
  const clock = fakeClock();
  const log = createLogger({ write: capture.write, clock, ...options });
  return { capture, clock, log };
}

/** The one record an event produced, after checking it was written as exactly one line. */
function onlyRecord(capture, what) {
  const writes = capture.writes;
  assert.equal(writes.length, 1, `${what}: expected one write() call for one event, got ${writes.length}: ${JSON.stringify(writes).slice(0, 300)}`);
  const text = writes[0];
  assert.ok(text.endsWith('\n'), `${what}: a line must end with "\\n" so the next event starts on a line of its own; got ${JSON.stringify(text.slice(-40))}`);
  const lines = capture.lines();
  assert.equal(lines.length, 1, `${what}: one event became ${lines.length} lines, so the shipper stores ${lines.length} separate events: ${JSON.stringify(text).slice(0, 300)}`);
  return capture.records()[0];
}

test('every event is one line of JSON with timestamp, severity_text, severity_number and body', () => {
  const { capture, log } = setup();
  log.info('payout accepted', { 'payout.id': 'po_9Q2', 'payout.amount': 12500 });
  const record = onlyRecord(capture, "log.info('payout accepted', ...)");
  assert.equal(record.timestamp, '2025-03-11T14:05:22.481Z', `timestamp: expected the clock's time as ISO 8601 UTC, "2025-03-11T14:05:22.481Z", got ${JSON.stringify(record.timestamp)}`);
  assert.equal(record.severity_text, 'INFO', `severity_text: expected "INFO", got ${JSON.stringify(record.severity_text)}`);
  assert.equal(record.severity_number, 9, `severity_number: INFO is 9 in the OpenTelemetry data model, got ${JSON.stringify(record.severity_number)}`);
  assert.equal(record.body, 'payout accepted', `body: expected the message "payout accepted", got ${JSON.stringify(record.body)}`);
  assert.deepEqual(record.attributes, { 'payout.id': 'po_9Q2', 'payout.amount': 12500 }, `attributes: expected the details as an object, got ${JSON.stringify(record.attributes)}`);
  for (const field of ['trace_id', 'span_id', 'request_id']) {
    assert.ok(record[field] === undefined || record[field] === null, `outside any request there is no ${field} to write, got ${JSON.stringify(record[field])}`);
  }

  const numbers = { debug: 5, info: 9, warn: 13, error: 17 };
  const all = setup({ level: 'debug' });
  for (const [name, number] of Object.entries(numbers)) {
    all.capture.clear();
    all.log[name]('two lines\nin one message');
    const r = onlyRecord(all.capture, `log.${name}() with a newline in its message`);
    assert.equal(r.severity_text, name.toUpperCase(), `log.${name}(): severity_text should be "${name.toUpperCase()}", got ${JSON.stringify(r.severity_text)}`);
    assert.equal(r.severity_number, number, `log.${name}(): severity_number should be ${number}, got ${JSON.stringify(r.severity_number)}`);
    assert.equal(r.body, 'two lines\nin one message', `log.${name}(): the body should keep its newline inside the JSON string`);
  }
});

test('levels below the configured one are not written, and an unknown level is refused', () => {
  const cases = [
    { level: undefined, written: ['info', 'warn', 'error'] },
    { level: 'debug', written: ['debug', 'info', 'warn', 'error'] },
    { level: 'WARN', written: ['warn', 'error'] },
    { level: 'Error', written: ['error'] },
  ];
  for (const { level, written } of cases) {
    const { capture, log } = setup(level === undefined ? {} : { level });
    for (const name of ['debug', 'info', 'warn', 'error']) log[name](`a ${name} event`);
    const got = capture.lines().map((line) => {
      try {
        return JSON.parse(line).severity_text?.toLowerCase();
      } catch {
        return `not JSON: ${line.slice(0, 40)}`;
      }
    });
    const named = level === undefined ? 'the default level (info)' : `level ${JSON.stringify(level)}`;
    assert.deepEqual(got, written, `with ${named}, one event at each level should write ${written.join(', ')}; got ${got.join(', ') || 'nothing'}`);
  }
  assert.throws(() => createLogger({ level: 'verbose', write: () => {} }), `createLogger({ level: 'verbose' }) should throw: a typo in LOG_LEVEL should stop the service at start, not silently log everything or nothing`);
});

test("an error's stack stays inside its one JSON line", () => {
  const { capture, log } = setup();
  const err = new TypeError('Request timed out after 5000 ms');
  log.error('payout failed', { err, 'payout.id': 'po_9Q2' });
  const record = onlyRecord(capture, "log.error('payout failed', { err })");
  const attrs = record.attributes ?? {};
  assert.equal(record.severity_text, 'ERROR');
  assert.equal(attrs['exception.type'], 'TypeError', `attributes["exception.type"] should be the error's name "TypeError", got ${JSON.stringify(attrs['exception.type'])}`);
  assert.equal(attrs['exception.message'], err.message, `attributes["exception.message"] should be the error's message, got ${JSON.stringify(attrs['exception.message'])}`);
  assert.equal(attrs['exception.stacktrace'], err.stack, `attributes["exception.stacktrace"] should be err.stack, whole (its newlines are escaped inside the JSON string), got ${JSON.stringify(attrs['exception.stacktrace'])?.slice(0, 120)}`);
  assert.equal(attrs['payout.id'], 'po_9Q2', 'the other attributes should stay next to the exception fields');

  capture.clear();
  log.warn('bank call retried', { cause: new RangeError('socket hang up') });
  const nested = onlyRecord(capture, "log.warn('bank call retried', { cause: new RangeError(...) })");
  assert.match(JSON.stringify(nested.attributes?.cause ?? null), /socket hang up/, `an Error under another key should keep at least its message; JSON.stringify(error) alone writes {}. Got ${JSON.stringify(nested.attributes)}`);
});

test("secrets are redacted at any depth, whatever the key's case", () => {
  const { capture, log } = setup({ level: 'debug' });
  const secrets = ['Bearer sk_live_4f9aX', 'sid=8c1e', 'hunter2', 'k_123_api', 'bk_live_1', 's3cr3t', 'tok_A1', 'tok_R2', 'xk_9'];
  log.debug('bank request', {
    'http.request.headers': { Authorization: secrets[0], 'content-type': 'application/json', Cookie: secrets[1], 'X-Api-Key': secrets[8] },
    user: { id: 'u_88123', profile: { PASSWORD: secrets[2], apiKey: secrets[3], country: 'DE' } },
    bank: { api_key: secrets[4], client_secret: secrets[5] },
    accessToken: secrets[6],
    refresh_token: secrets[7],
    note: 'weekly run',
  });
  const line = capture.lines()[0] ?? '';
  const leaked = secrets.filter((s) => line.includes(s));
  assert.deepEqual(leaked, [], `these secret values reached the log line: ${leaked.join(', ')}. Redact by key name (authorization, cookie, password, secret, token, api key), in any case, at every depth`);
  const record = onlyRecord(capture, 'a debug line with credentials');
  const a = record.attributes ?? {};
  assert.equal(a['http.request.headers']?.Authorization, '[REDACTED]', `a redacted value should read "[REDACTED]" and keep its key, got ${JSON.stringify(a['http.request.headers'])}`);
  assert.equal(a.user?.profile?.PASSWORD, '[REDACTED]', `user.profile.PASSWORD should be "[REDACTED]", got ${JSON.stringify(a.user)}`);
  const kept = [
    [a['http.request.headers']?.['content-type'], 'application/json', 'the content-type header'],
    [a.user?.id, 'u_88123', 'user.id'],
    [a.user?.profile?.country, 'DE', 'user.profile.country'],
    [a.note, 'weekly run', 'note'],
  ];
  for (const [got, want, what] of kept) assert.equal(got, want, `${what} is not a secret and should be logged as it is (${JSON.stringify(want)}), got ${JSON.stringify(got)}`);
});

test("redaction reaches into arrays and survives circular references, without changing the caller's object", () => {
  const { capture, log } = setup();
  const job = { id: 'job_7', items: [{ id: 1, token: 'tok_in_array' }, [{ password: 'pw_in_nested_array' }]] };
  job.self = job;
  assert.doesNotThrow(() => log.info('job queued', { job }), 'logging an object that refers to itself should not throw: a log call must never take the request down');
  const line = capture.lines()[0] ?? '';
  for (const secret of ['tok_in_array', 'pw_in_nested_array']) {
    assert.ok(!line.includes(secret), `"${secret}" reached the log line: redaction must go into arrays too`);
  }
  const record = onlyRecord(capture, 'a line with a circular object');
  const items = record.attributes?.job?.items;
  assert.ok(Array.isArray(items) && Array.isArray(items[1]), `arrays should stay arrays, got ${JSON.stringify(items)}`);
  assert.equal(items[0]?.id, 1, `the array's other values should be kept: ${JSON.stringify(record.attributes?.job)}`);
  assert.equal(job.items[0].token, 'tok_in_array', "the caller's object was changed: redact a copy, the request still needs its token");
  assert.equal(job.items[1][0].password, 'pw_in_nested_array', "the caller's object was changed: redact a copy");
});
