// A text/event-stream parser that follows the HTML Living Standard ("Server-sent events",
// interpreting an event stream), the way a browser's EventSource reads a stream. The checks, the
// demos and lib/event-source.js use it; you do not need to change it.
//
//   const parser = createParser({ onEvent, onComment, onRetry });
//   parser.feed(text)   // any chunking: a line may arrive in pieces
//
// onEvent({ type, data, lastEventId })  type defaults to "message"; data lines are joined with "\n"
// onComment(text)                       a line starting with ":" (text without the colon and one space)
// onRetry(ms)                           a retry: field made only of ASCII digits
//
// Rules worth knowing: lines end with CRLF, LF or CR. "field: value" loses one space after the
// colon, no more. An id field containing NULL is ignored. An empty line dispatches the event, but
// only if some data: line was seen; the id still counts (the last event ID is updated anyway).
// Unknown fields are ignored.

export function createParser({ onEvent = () => {}, onComment = () => {}, onRetry = () => {} } = {}) {
  let pending = '';
  let first = true;
  let sawCR = false; // the previous chunk ended with CR: a LF at the start of this one belongs to it
  let data = '';
  let type = '';
  let lastEventId = ''; // the last event ID buffer
  let committed = ''; // the source's last event ID string, set when an event is dispatched

  function dispatch() {
    committed = lastEventId;
    if (data === '') {
      type = '';
      return;
    }
    if (data.endsWith('\n')) data = data.slice(0, -1);
    onEvent({ type: type || 'message', data, lastEventId });
    data = '';
    type = '';
  }

  function line(text) {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return onComment(text.slice(1).replace(/^ /, ''));
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data += `${value}\n`;
    else if (field === 'event') type = value;
    else if (field === 'id') {
      if (!value.includes('\0')) lastEventId = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) onRetry(Number(value));
    }
  }

  return {
    feed(chunk) {
      let text = String(chunk);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (sawCR && text.startsWith('\n')) text = text.slice(1);
      sawCR = false;
      pending += text;
      for (;;) {
        const m = /\r\n|\r|\n/.exec(pending);
        if (!m) break;
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (m[0] === '\r' && m.index === pending.length - 1) {
          line(pending.slice(0, m.index));
          pending = '';
          sawCR = true;
          break;
        }
        line(pending.slice(0, m.index));
        pending = pending.slice(m.index + m[0].length);
      }
    },
    /** The last event ID as of the last blank line (what an EventSource would send as Last-Event-ID). */
    get lastEventId() {
      return committed;
    },
  };
}

/** Parses a whole stream at once: { events, comments, retries, lastEventId }. */
export function parseStream(text) {
  const events = [];
  const comments = [];
  const retries = [];
  const parser = createParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c), onRetry: (ms) => retries.push(ms) });
  parser.feed(text);
  return { events, comments, retries, lastEventId: parser.lastEventId };
}
