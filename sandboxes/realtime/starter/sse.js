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
//
// Right now formatEvent works for the events Huddleboard sends today, which fit on one line.
// Your job is the TODOs below. lib/sse-parser.js is the parser the checks read your stream with.

/**
 * One event as stream text, ending with the empty line that dispatches it.
 * @param {{ id?: number | string, event?: string, data: string }} event
 */
export function formatEvent({ id, event, data }) {
  // TODO 1: data may hold line breaks (a card description, a pasted log). Each line of it needs its
  //   own "data:" line, or everything after the first break is read as junk fields. Treat "\r\n",
  //   "\r" and "\n" all as line breaks, as the parser does. Keep each line exactly, leading spaces
  //   included ("data: " + line: the parser removes only the one space after the colon).
  //
  // TODO 2: id and event are one line each. A value that holds "\r" or "\n" would let it write
  //   fields of its own (an event named "x\ndata: forged" adds data the server never sent), and an
  //   id holding "\0" is ignored by browsers. Refuse such values with a TypeError.
  let text = '';
  if (id !== undefined) text += `id: ${id}\n`;
  if (event !== undefined) text += `event: ${event}\n`;
  text += `data: ${data}\n`;
  return `${text}\n`;
}

/** A comment line: the browser ignores it, proxies see traffic. Used for heartbeats. */
export function formatComment(text = '') {
  return `${String(text)
    .split(/\r\n|\r|\n/)
    .map((line) => `: ${line}\n`)
    .join('')}\n`;
}

/** Tells the browser how long to wait before reconnecting, in ms. */
export function formatRetry(ms) {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`retry must be a whole number of ms, got ${ms}`);
  return `retry: ${ms}\n\n`;
}
