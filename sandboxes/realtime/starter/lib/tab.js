// A browser tab with an EventSource, simulated in-process for the demos (no sockets, so every run
// gives the same numbers): it connects to stream.handle() through lib/slow-client.js and follows
// the HTML standard's reconnection rules. When the connection drops it waits its reconnection time
// (3 s until the server sends retry:) and connects again, sending Last-Event-ID with the last id
// it saw, unless sendLastEventId is false (a hand-made client that forgets it).
//
//   const tab = simulatedTab({ scheduler, stream, path: '/events', networkUp: () => !outage });
//   tab.events, tab.lastEventId, tab.connections, tab.drop()
import { slowClient } from './slow-client.js';

export function simulatedTab({ scheduler, stream, path = '/events', sendLastEventId = true, networkUp = () => true, readBytesPerSec = Infinity }) {
  let client = null;
  const tab = {
    events: [],
    lastEventId: '',
    reconnectionTime: 3000,
    connections: 0,
    failedAttempts: 0,
    /** The network drops this tab's connection; it reconnects after its reconnection time. */
    drop() {
      if (!client) return;
      const dying = client;
      client = null;
      dying.disconnect();
      retryLater();
    },
  };

  function retryLater() {
    scheduler.setTimeout(connect, tab.reconnectionTime);
  }

  function connect() {
    if (!networkUp()) {
      tab.failedAttempts += 1;
      return retryLater();
    }
    tab.connections += 1;
    const headers = sendLastEventId && tab.lastEventId !== '' ? { 'last-event-id': tab.lastEventId } : {};
    const me = slowClient({
      scheduler,
      url: path,
      headers,
      readBytesPerSec,
      onEvent(e) {
        tab.lastEventId = e.lastEventId;
        tab.events.push(e);
      },
      onRetry(ms) {
        tab.reconnectionTime = ms;
      },
    });
    client = me;
    me.res.on('close', () => {
      // Closed by the server (dropped, or a non-stream answer): reconnect like a browser would.
      if (client === me) {
        client = null;
        retryLater();
      }
    });
    stream.handle(me.req, me.res);
  }

  connect();
  return tab;
}
