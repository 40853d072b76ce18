/**
 * One machine, two windows, no server: the facilitator's page is the relay. It and the players'
 * windows (a projector, a second screen) talk over a BroadcastChannel, which only reaches pages of
 * the same origin in the same browser. The facilitator's side speaks to FacilitatorCore exactly as
 * the relay would (created, player-joined, player-action...), the players' side to PlayerLink as
 * the relay would (joined, from-facilitator...), so the pages' logic is the same in both modes.
 * What crosses the channel is what the relay would carry: already filtered for players.
 */
import { CODE_ALPHABET, parseClientMessage, type ClientMessage, type ServerMessage } from '../server/workshop/messages';

export const LOCAL_CHANNEL = 'blast-radius-workshop';

/** The part of BroadcastChannel used here (tests pass a pair of in-memory ends). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** The same shape as the relay socket's handlers (src/components/workshop/relay-socket.ts). */
export interface LocalHandlers {
  onOpen(send: (message: ClientMessage) => void): void;
  onMessage(message: ServerMessage): void;
}

type Envelope =
  | { room: string; to: 'facilitator'; conn: string; text: string }
  | { room: string; to: 'players'; conn: string | '*'; message: ServerMessage | { type: 'hello' } };

const isEnvelope = (d: unknown): d is Envelope => typeof d === 'object' && d !== null && typeof (d as Envelope).room === 'string' && typeof (d as Envelope).conn === 'string';

function random(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

const MAX_PLAYERS = 30;

/** The facilitator's side: creates a room on `create`, relays to and from player windows. */
export function openLocalRoom(channel: ChannelLike, handlers: LocalHandlers): { code: () => string | null; close(): void } {
  let code: string | null = null;
  const players = new Map<string, { playerId: string; name: string; key: string; conn: string }>();
  let next = 1;
  const post = (conn: string, message: ServerMessage | { type: 'hello' }) => code && channel.postMessage({ room: code, to: 'players', conn, message } satisfies Envelope);
  const infos = () => [...players.values()].map((p) => ({ playerId: p.playerId, name: p.name, connected: true }));

  channel.onmessage = (event) => {
    const e = event.data;
    if (!isEnvelope(e) || e.to !== 'facilitator' || e.room !== code || typeof e.text !== 'string') return;
    const parsed = parseClientMessage(e.text);
    if (!parsed.ok) return void post(e.conn, { type: 'error', code: parsed.code, message: parsed.message });
    const m = parsed.message;
    const known = [...players.values()].find((p) => p.conn === e.conn);
    if (m.type === 'join') {
      const back = m.rejoin ? players.get(m.rejoin.playerId) : undefined;
      if (back && back.key === m.rejoin!.key) {
        back.conn = e.conn;
        back.name = m.name;
        post(e.conn, { type: 'joined', code: code!, playerId: back.playerId, name: back.name, key: back.key, facilitatorPresent: true });
        return handlers.onMessage({ type: 'player-joined', player: { playerId: back.playerId, name: back.name, connected: true }, rejoined: true });
      }
      if (players.size >= MAX_PLAYERS) return void post(e.conn, { type: 'error', code: 'room-full', message: `This room has ${MAX_PLAYERS} players already.` });
      const p = { playerId: `p${(next++).toString(36)}`, name: m.name, key: random(CODE_ALPHABET, 24), conn: e.conn };
      players.set(p.playerId, p);
      post(e.conn, { type: 'joined', code: code!, playerId: p.playerId, name: p.name, key: p.key, facilitatorPresent: true });
      return handlers.onMessage({ type: 'player-joined', player: { playerId: p.playerId, name: p.name, connected: true }, rejoined: false });
    }
    if (m.type === 'action' && known) return handlers.onMessage({ type: 'player-action', playerId: known.playerId, name: known.name, action: m.action });
    if (m.type === 'ping') return void post(e.conn, { type: 'pong' });
    post(e.conn, { type: 'error', code: 'wrong-role', message: known ? 'Players send actions; that message is the facilitator’s.' : 'Join the room first.' });
  };

  const send = (m: ClientMessage) => {
    switch (m.type) {
      case 'create':
      case 'resume':
        if (!code) {
          code = random(CODE_ALPHABET, 6);
          handlers.onMessage({ type: 'created', code, secret: random(CODE_ALPHABET, 24) });
        } else handlers.onMessage({ type: 'resumed', code, players: infos() });
        // Player windows opened before this room existed (or that lost it) join now.
        post('*', { type: 'hello' });
        return;
      case 'to-players':
        return void post('*', { type: 'from-facilitator', message: m.message });
      case 'to-player': {
        const p = players.get(m.playerId);
        return void (p && post(p.conn, { type: 'from-facilitator', message: m.message }));
      }
      case 'kick': {
        const p = players.get(m.playerId);
        if (!p) return;
        players.delete(m.playerId);
        return void post(p.conn, { type: 'room-closed', reason: 'The facilitator removed you from the room.' });
      }
      default:
        return;
    }
  };
  handlers.onOpen(send);
  return {
    code: () => code,
    close() {
      if (code) post('*', { type: 'room-closed', reason: 'The facilitator closed the room.' });
      channel.onmessage = null;
      channel.close();
    },
  };
}

/** A player window's side: joins the facilitator's room in this browser; `onOpen` runs again when the room (re)appears. */
export function openLocalPlayer(channel: ChannelLike, room: string, handlers: LocalHandlers): { close(): void } {
  const conn = random('abcdefghijklmnopqrstuvwxyz0123456789', 12);
  const send = (m: ClientMessage) => channel.postMessage({ room, to: 'facilitator', conn, text: JSON.stringify(m) } satisfies Envelope);
  channel.onmessage = (event) => {
    const e = event.data;
    if (!isEnvelope(e) || e.to !== 'players' || e.room !== room || (e.conn !== '*' && e.conn !== conn)) return;
    if (e.message.type === 'hello') return handlers.onOpen(send);
    handlers.onMessage(e.message);
  };
  handlers.onOpen(send);
  return {
    close() {
      channel.onmessage = null;
      channel.close();
    },
  };
}
