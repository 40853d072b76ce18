// `node server.js` serves the stream for real on PORT (default 3000), publishing a made-up card
// move every 2 seconds, so you can watch it with curl:
//
//   curl -N http://localhost:3000/events
//   curl -N -H 'Last-Event-ID: 3' http://localhost:3000/events
//
// The checks and demos do not use this file: they drive stream.js on a virtual scheduler.
import http from 'node:http';
import { createEventStream } from './stream.js';

const port = Number(process.env.PORT ?? 3000);
const stream = createEventStream();
const columns = ['todo', 'doing', 'review', 'done'];
let n = 0;
setInterval(() => {
  n += 1;
  const card = `c${(n % 5) + 1}`;
  stream.publish('card-moved', { card, from: columns[n % 4], to: columns[(n + 1) % 4], by: 'ana' });
}, 2000);

http
  .createServer((req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/events')) return stream.handle(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Try GET /events\n');
  })
  .listen(port, () => console.log(`board events on http://localhost:${port}/events`));
