// Writing a text/event-stream (HTML Living Standard, "Server-sent events"). An event is a block of
// "field: value" lines ended by an empty line:
//
//   id: 42
//   event: card-moved
//   data: {"card":"c-19","to":"done"}
//   <empty line>
//
// The browser joins the data: lines of one event with "\n", remembers the last id, and sends it
// back as Last-Event-ID when it reconnects. A line that starts with ":" is a comment, ignored by
// the browser (a heartbeat); "retry: 5000" sets how long it waits before reconnecting.

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * One event as stream text, ending with the empty line that dispatches it.
 * @param {{ id?: number | string, event?: string, data: string }} event
 */
export function formatEvent({ id, event, data }) {
  let text = '';
  if (id !== undefined) {
    const value = String(id);
    if (/[\r\n\0]/.test(value)) throw new TypeError(`an event id must be one line without NULL, got ${JSON.stringify(value)}`);
    text += `id: ${value}\n`;
  }
  if (event !== undefined) {
    const value = String(event);
    if (/[\r\n]/.test(value)) throw new TypeError(`an event name must be one line, got ${JSON.stringify(value)}`);
    text += `event: ${value}\n`;
  }
  // One data: line per line of the payload; the browser joins them again with "\n".
  for (const line of String(data).split(LINE_BREAK)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** A comment line: the browser ignores it, proxies see traffic. Used for heartbeats. */
export function formatComment(text = '') {
  return `${String(text)
    .split(LINE_BREAK)
    .map((line) => `: ${line}\n`)
    .join('')}\n`;
}

/** Tells the browser how long to wait before reconnecting, in ms. */
export function formatRetry(ms) {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`retry must be a whole number of ms, got ${ms}`);
  return `retry: ${ms}\n\n`;
}
