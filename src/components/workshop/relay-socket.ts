/**
 * The page's WebSocket to the workshop relay: JSON in and out, and reconnection with backoff (a
 * laptop lid closed, Wi-Fi dropped). `onOpen` runs again after each reconnect, so the page can
 * resume its room or rejoin.
 */
import type { ClientMessage, ServerMessage } from '../../server/workshop/messages';

export interface RelaySocket {
  close(): void;
}

export interface RelayHandlers {
  onOpen(send: (message: ClientMessage) => void): void;
  onMessage(message: ServerMessage): void;
  onClose(reason: string): void;
}

/** Where the relay is: `?relay=` when given, else the server that served this page (`npm run workshop`). */
export function relayAddress(): string {
  const given = new URLSearchParams(location.search).get('relay');
  if (given) return given;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/relay`;
}

export function openRelay(url: string, handlers: RelayHandlers): RelaySocket {
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    try {
      ws = new WebSocket(url);
    } catch (error) {
      handlers.onClose(`The relay address "${url}" is not a WebSocket address (${(error as Error).message}).`);
      return;
    }
    const socket = ws;
    socket.onopen = () => {
      attempt = 0;
      handlers.onOpen((m) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(m)));
    };
    socket.onmessage = (event) => {
      try {
        handlers.onMessage(JSON.parse(String(event.data)) as ServerMessage);
      } catch {
        /* the relay only sends JSON; anything else is not ours to act on */
      }
    };
    socket.onclose = (event) => {
      if (stopped) return;
      handlers.onClose(event.code === 1000 ? 'The relay closed the connection.' : `Lost the relay at ${url}; reconnecting…`);
      if (event.code === 1000) return;
      timer = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempt++));
    };
  };
  connect();
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
      ws?.close(1000);
    },
  };
}
