// A logger that writes one JSON object per line, with field names from the OpenTelemetry log data
// model: timestamp, severity_text, severity_number, body, trace_id, span_id, attributes.
import { currentContext } from './context.js';
import { systemClock } from './lib/clock.js';

/** Levels and their OpenTelemetry severity numbers (the first of each level's range). */
export const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 };

// A key that names a credential, in any case, with or without separators: Authorization,
// Set-Cookie, password, client_secret, accessToken, api_key, X-Api-Key ...
const SECRET_KEY = /authorization|cookie|passw|secret|token|api[-_]?key/i;
export const REDACTED = '[REDACTED]';

/** A copy of `value` with every secret-looking key's value replaced, at any depth; the input is not changed. */
export function redact(value, seen = new WeakSet()) {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: value.message };
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => redact(item, seen))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redact(item, seen)]));
  seen.delete(value);
  return copy;
}

/**
 * options:
 *   level    the lowest level written: 'debug', 'info' (default), 'warn' or 'error', any case
 *   write    where each line goes (process.stdout by default); called once per event with "{...}\n"
 *   clock    { now() } in ms, for the timestamp
 *   service  this service's name, written as service.name
 * returns { debug, info, warn, error, log(level, body, attributes), level }
 */
export function createLogger({ level = 'info', write = (line) => process.stdout.write(line), clock = systemClock(), service = 'payouts' } = {}) {
  const threshold = SEVERITY[String(level).toUpperCase()];
  if (threshold === undefined) {
    throw new TypeError(`unknown log level ${JSON.stringify(level)}: use one of ${Object.keys(SEVERITY).join(', ').toLowerCase()}`);
  }

  function log(levelName, body, attributes = {}) {
    const severityText = String(levelName).toUpperCase();
    const severityNumber = SEVERITY[severityText];
    if (severityNumber === undefined) throw new TypeError(`unknown log level ${JSON.stringify(levelName)}`);
    if (severityNumber < threshold) return; // dropped before any work is done
    const { err, ...rest } = attributes ?? {};
    const attrs = redact(rest);
    if (err instanceof Error) {
      attrs['exception.type'] = err.name;
      attrs['exception.message'] = err.message;
      attrs['exception.stacktrace'] = err.stack; // JSON escapes its newlines: still one line
    } else if (err !== undefined) {
      attrs.err = redact(err);
    }
    const ctx = currentContext();
    const record = {
      timestamp: new Date(clock.now()).toISOString(),
      severity_text: severityText,
      severity_number: severityNumber,
      body: typeof body === 'string' ? body : String(body),
      ...(ctx && { trace_id: ctx.traceId, span_id: ctx.spanId, request_id: ctx.requestId }),
      'service.name': service,
      attributes: attrs,
    };
    let line;
    try {
      line = JSON.stringify(record);
    } catch (error) {
      // A value JSON cannot write (a BigInt, say) must not cost the event or crash the caller.
      line = JSON.stringify({ ...record, attributes: { 'log.error': `attributes could not be serialised: ${error.message}` } });
    }
    write(`${line}\n`);
  }

  return {
    log,
    debug: (body, attributes) => log('DEBUG', body, attributes),
    info: (body, attributes) => log('INFO', body, attributes),
    warn: (body, attributes) => log('WARN', body, attributes),
    error: (body, attributes) => log('ERROR', body, attributes),
    level: String(level).toUpperCase(),
  };
}
