// Ledgerline's logger, as it was during the incident: it prints text for a person reading one
// terminal. The log store splits what it receives on newlines and indexes every line as an event,
// so this is what the on-call engineer had to search.
//
// Your job is the TODOs below: one JSON object per line, with the field names of the OpenTelemetry
// log data model (timestamp, severity_text, severity_number, body, trace_id, span_id, attributes),
// levels that filter, errors inside the line, and no secrets. Run the checks to see what is
// missing, and the demos (node scripts/burst.js, node scripts/log-volume.js) to see what it costs.
//
// Support files (read-only): lib/clock.js (time), lib/capture.js (what a log shipper sees),
// lib/payouts.js (the service that logs), lib/bank.js, lib/client.js, server.js.
import { currentContext } from './context.js';
import { systemClock } from './lib/clock.js';

/** Levels and their OpenTelemetry severity numbers (the first of each level's range). */
export const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 };

/**
 * A copy of `value` with the value of every key that names a credential replaced by "[REDACTED]".
 * TODO 3: redact by key name, in any case, at any depth, in arrays too: authorization, cookie,
 *   password, secret, token and api key (api_key, apiKey, X-Api-Key ...). Return a copy (never
 *   change the caller's object), survive an object that contains itself, and turn an Error into
 *   { type, message } (JSON.stringify writes an Error as {}).
 */
export function redact(value) {
  return value;
}

/**
 * options:
 *   level    the lowest level written: 'debug', 'info' (default), 'warn' or 'error', any case
 *   write    where each line goes (process.stdout by default); call it once per event, with "{...}\n"
 *   clock    { now() } in ms, for the timestamp
 *   service  this service's name, written as service.name
 * returns { debug, info, warn, error, log(level, body, attributes), level }
 */
export function createLogger({ level = 'info', write = (line) => process.stdout.write(line), clock = systemClock(), service = 'payouts' } = {}) {
  // TODO 2: levels. Write an event only if its severity number is at least the configured level's
  //   (debug 5 < info 9 < warn 13 < error 17). An unknown level name is a configuration mistake:
  //   throw here, at start, rather than log everything or nothing.

  function log(levelName, body, attributes = {}) {
    // TODO 1: one event = one write() of one line: JSON.stringify({ timestamp (ISO 8601 UTC from
    //   clock.now()), severity_text ('INFO'), severity_number (9), body, trace_id, span_id,
    //   request_id (from currentContext(), left out outside a request), 'service.name',
    //   attributes (redacted) }) + '\n'.
    // TODO 4: an Error passed as attributes.err becomes attributes['exception.type'] (its name),
    //   ['exception.message'] and ['exception.stacktrace'] (err.stack): inside the line, not after it.
    const { err, ...rest } = attributes ?? {};
    let line = `${new Date(clock.now()).toISOString()} ${String(levelName).toUpperCase()} ${body}`;
    if (Object.keys(rest).length > 0) line += ` ${JSON.stringify(rest)}`;
    write(`${line}\n`);
    if (err) write(`${err.stack}\n`);
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
