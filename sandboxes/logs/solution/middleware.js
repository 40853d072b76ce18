// Wraps an HTTP handler so that everything it logs carries the request's trace and request ids,
// each request gets one access line, and an error it throws is logged once and answered with a 500.
import { context, requestContext } from './context.js';
import { systemClock } from './lib/clock.js';

export function withLogging(handler, { logger, clock = systemClock() }) {
  return (req, res) => {
    const ctx = requestContext(req);
    const started = clock.now();
    res.setHeader('x-request-id', ctx.requestId);

    // A listener runs in the context of whatever emitted the event (a client hanging up, say), so
    // the access line restores this request's context itself.
    res.once('close', () =>
      context.run(ctx, () => {
        const status = res.statusCode;
        logger.log(status >= 500 ? 'ERROR' : 'INFO', 'request completed', {
          'http.request.method': req.method,
          'url.path': req.url.split('?')[0],
          'http.response.status_code': status,
          duration_ms: clock.now() - started,
        });
      }),
    );

    return context.run(ctx, async () => {
      try {
        await handler(req, res);
      } catch (err) {
        logger.error('request failed', { err });
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          detail: `Something went wrong on our side. Quote request id ${ctx.requestId} to support.`,
        }));
      }
    });
  };
}
