// A simulated client on a slow connection, for the checks and demos. It hands the stream handler
// a request and a response that behave like Node's (writeHead, write, end, destroy, the 'drain'
// and 'close' events, writableLength), but the bytes go into a buffer that the "network" empties
// only as fast as the client reads: `readBytesPerSec` on the scheduler, or by hand with read().
//
// res.write() returns false once the buffer holds highWaterMark bytes or more, and 'drain' is
// emitted when it is empty again, as with a real socket. A server that keeps writing after false
// makes the buffer (memory in the server process) grow without limit; this simulator lets you see
// it: client.buffered, client.peakBuffered.
//
//   const client = slowClient({ scheduler, highWaterMark: 1024, readBytesPerSec: 2000 });
//   stream.handle(client.req, client.res);
//   client.events            events the client has read so far: { type, data, lastEventId }
//   client.pause() / resume() / read(bytes = Infinity)   (readBytesPerSec Infinity: reads as
//                            soon as anything is written, unless paused)
//   client.disconnect()      the client goes away (the tab is closed)
//   options onEvent(e), onRetry(ms): called as the client reads them
//   client.dropped           true when the server destroyed the response
import { EventEmitter } from 'node:events';
import { createParser } from './sse-parser.js';

export function slowClient({ scheduler, url = '/events', headers = {}, highWaterMark = 16 * 1024, readBytesPerSec = Infinity, tickMs = 100, onEvent, onRetry } = {}) {
  if (typeof scheduler?.setInterval !== 'function') throw new TypeError('slowClient needs the scheduler');
  const chunks = []; // strings written and not yet read
  let buffered = 0;
  let needDrain = false;
  let paused = false;
  let closed = false;
  let reader = null;
  const fast = !Number.isFinite(readBytesPerSec); // reads everything as soon as it is written

  const client = {
    events: [],
    comments: [],
    retries: [],
    status: null,
    headers: null,
    /** Bytes written by the server and not yet read by the client: memory the server holds. */
    get buffered() {
      return buffered;
    },
    peakBuffered: 0,
    bytesWritten: 0,
    bytesRead: 0,
    /** Writes attempted after the response was destroyed or ended (they go nowhere). */
    writesAfterClose: 0,
    /** True when the server destroyed the response. */
    dropped: false,
    droppedAt: null,
    /** Events in everything the server wrote (read or not), to see what it sent. */
    written: [],
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      if (fast) client.read();
    },
    /** Reads up to `bytes` from the connection now. */
    read(bytes = Infinity) {
      let budget = bytes;
      while (budget > 0 && chunks.length > 0) {
        const head = chunks[0];
        const size = Buffer.byteLength(head);
        let piece = head;
        if (size > budget) {
          piece = Buffer.from(head).subarray(0, budget).toString('utf8');
          // never split a multi-byte character: take fewer bytes instead
          while (piece.endsWith('\ufffd') && piece.length > 0) piece = piece.slice(0, -1);
          if (piece === '') break;
          chunks[0] = head.slice(piece.length);
        } else chunks.shift();
        const n = Buffer.byteLength(piece);
        budget -= n;
        buffered -= n;
        client.bytesRead += n;
        readParser.feed(piece);
      }
      if (buffered === 0 && needDrain && !res.destroyed) {
        needDrain = false;
        res.emit('drain');
      }
    },
    /** The client goes away: the server sees 'close' on the request and the response. */
    disconnect() {
      close('disconnect');
    },
  };

  const readParser = createParser({
    onEvent: (e) => {
      client.events.push(e);
      onEvent?.(e);
    },
    onComment: (c) => client.comments.push(c),
    onRetry: (ms) => {
      client.retries.push(ms);
      onRetry?.(ms);
    },
  });
  const writeParser = createParser({ onEvent: (e) => client.written.push(e) });

  const socket = { setNoDelay() {}, setKeepAlive() {}, setTimeout() {}, remoteAddress: '127.0.0.1' };
  const req = Object.assign(new EventEmitter(), {
    method: 'GET',
    url,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])),
    socket,
  });

  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    headersSent: false,
    destroyed: false,
    writableEnded: false,
    socket,
    setHeader(name, value) {
      (this._headers ??= {})[name.toLowerCase()] = value;
    },
    writeHead(status, head = {}) {
      if (this.headersSent) throw new Error('writeHead() was called twice');
      this.statusCode = status;
      this.headersSent = true;
      client.status = status;
      client.headers = { ...(this._headers ?? {}), ...Object.fromEntries(Object.entries(head).map(([k, v]) => [k.toLowerCase(), v])) };
      return this;
    },
    flushHeaders() {
      if (!this.headersSent) this.writeHead(this.statusCode);
    },
    write(chunk, encoding, callback) {
      if (typeof encoding === 'function') callback = encoding;
      if (this.destroyed || this.writableEnded) {
        client.writesAfterClose += 1;
        return false;
      }
      if (!this.headersSent) this.writeHead(this.statusCode);
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const n = Buffer.byteLength(text);
      chunks.push(text);
      buffered += n;
      client.bytesWritten += n;
      client.peakBuffered = Math.max(client.peakBuffered, buffered);
      writeParser.feed(text);
      if (typeof callback === 'function') queueMicrotask(callback);
      if (fast && !paused) client.read();
      if (buffered >= highWaterMark) {
        needDrain = true;
        return false;
      }
      return true;
    },
    end(chunk, encoding, callback) {
      if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk, encoding);
      this.writableEnded = true;
      close('end');
      return this;
    },
    destroy() {
      if (this.destroyed) return this;
      client.dropped = true;
      client.droppedAt = scheduler.now();
      close('destroy');
      return this;
    },
  });

  // Getters must be defined, not assigned (Object.assign would copy their value once).
  Object.defineProperties(res, {
    writableLength: { get: () => buffered },
    writableNeedDrain: { get: () => needDrain },
    writableHighWaterMark: { get: () => highWaterMark },
  });

  function close(kind) {
    if (closed) return;
    if (kind === 'end') client.read(); // the client still receives what was written before end()
    closed = true;
    res.destroyed = true;
    chunks.length = 0;
    buffered = 0;
    needDrain = false;
    if (reader) scheduler.clearInterval(reader);
    reader = null;
    // Node emits 'close' asynchronously; a microtask keeps the order deterministic.
    queueMicrotask(() => {
      req.emit('close');
      res.emit('close');
    });
  }

  if (Number.isFinite(readBytesPerSec)) {
    if (!(readBytesPerSec > 0)) throw new RangeError(`readBytesPerSec must be above 0, got ${readBytesPerSec}`);
    const perTick = (readBytesPerSec * tickMs) / 1000;
    let credit = 0;
    reader = scheduler.setInterval(() => {
      if (paused) return;
      credit += perTick;
      const whole = Math.floor(credit);
      credit -= whole;
      if (whole > 0) client.read(whole);
    }, tickMs);
  }

  client.req = req;
  client.res = res;
  return client;
}
