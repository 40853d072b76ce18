// Wraps an HTTP handler: the place where a request's context is born.
import { context, requestContext } from './context.js';
import { systemClock } from './lib/clock.js';

export function withLogging(handler, { logger, clock = systemClock() }) {
  return async (req, res) => {
    // TODO 7: build the request's context (requestContext(req)), answer with its request id in an
    //   X-Request-Id header, and run the handler inside context.run(ctx, ...) so that every line it
    //   logs, after any number of awaits, carries the ids.
    // TODO 9: one access line per request, when the response closes (res.once('close')): INFO, or
    //   ERROR for a 5xx, with attributes 'http.request.method', 'url.path' (no query string),
    //   'http.response.status_code' and duration_ms. A listener runs in the context of whatever
    //   emitted the event (a client that hangs up, say), so run its body in context.run(ctx, ...).
    try {
      await handler(req, res);
    } catch (err) {
      // TODO 10: log the error once, at ERROR, with { err } (its stack goes into the line), and
      //   answer a 500 that does not contain the stack: quote the request id instead.
      logger.error(`request failed: ${err.message}`, { err });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err.stack));
      }
    }
  };
}
