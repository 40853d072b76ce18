/**
 * An interview room inside one browser: the interviewer's window and the candidate's window talk over
 * a BroadcastChannel instead of the workshop relay, with the relay's own messages
 * (src/server/workshop/messages.ts), so the workshop's FacilitatorCore and PlayerLink run unchanged on
 * either side. The interviewer's page hosts the room (it plays the relay's part for its one room); no
 * server is needed. Every message read off the channel is checked with the relay's schema.
 */
import { CODE_ALPHABET, clientMessageSchema, type ClientMessage, type ServerMessage } from '../server/workshop/messages';

/** What crosses the channel: to the host (with the sender's seat), or to one seat or all of them. */
type Wire =
  | { to: 'host'; from: string; msg: unknown }
  | { to: string; msg: ServerMessage }
  | { to: 'host'; from: string; leave: true };

/** The smallest part of BroadcastChannel used here (a fake in tests would need only this). */
export interface Channel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export type OpenChannel = (name: string) => Channel;
const browserChannel: OpenChannel = (name) => new BroadcastChannel(name) as unknown as Channel;

export const channelName = (code: string) => `blast-radius-interview-${code}`;

function random(n: number, alphabet: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export const newRoomCode = () => random(6, CODE_ALPHABET);
/** A seat id in the relay's form ("p" and up to 12 of [0-9a-z]), chosen by the candidate's window. */
export const newSeatId = () => `p${random(10, '0123456789abcdefghijklmnopqrstuvwxyz')}`;

export interface LocalHost {
  readonly code: string;
  /** What the facilitator logic sends (to-players, to-player, kick...). */
  send(message: ClientMessage): void;
  close(): void;
}

/**
 * Hosts a room: `onMessage` gets what the relay would send the facilitator ('created', 'player-joined',
 * 'player-action'...). Returns the facilitator's send.
 */
export function hostLocalRoom(onMessage: (message: ServerMessage) => void, open: OpenChannel = browserChannel, code = newRoomCode()): LocalHost {
  const channel = open(channelName(code));
  const secret = random(24, CODE_ALPHABET);
  const seats = new Map<string, { name: string; key: string; connected: boolean }>();
  const post = (to: string, msg: ServerMessage) => channel.postMessage({ to, msg } satisfies Wire);

  channel.onmessage = (event) => {
    const wire = event.data as Partial<{ to: string; from: string; msg: unknown; leave: boolean }> | null;
    if (!wire || wire.to !== 'host' || typeof wire.from !== 'string' || !/^p[0-9a-z]{1,12}$/.test(wire.from)) return;
    const from = wire.from;
    const seat = seats.get(from);
    if (wire.leave) {
      if (seat?.connected) {
        seat.connected = false;
        onMessage({ type: 'player-left', player: { playerId: from, name: seat.name, connected: false } });
      }
      return;
    }
    const parsed = clientMessageSchema.safeParse(wire.msg);
    if (!parsed.success) {
      post(from, { type: 'error', code: 'invalid', message: `The interviewer's window could not read that message: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
      return;
    }
    const m = parsed.data;
    if (m.type === 'join') {
      if (m.code !== code) return;
      // A window that reloads keeps its seat id (sessionStorage), so it comes back as the same player.
      const rejoined = seat !== undefined;
      const s = seat ?? { name: m.name, key: random(24, CODE_ALPHABET), connected: true };
      s.connected = true;
      s.name = m.name;
      seats.set(from, s);
      post(from, { type: 'joined', code, playerId: from, name: s.name, key: s.key, facilitatorPresent: true });
      onMessage({ type: 'player-joined', player: { playerId: from, name: s.name, connected: true }, rejoined });
    } else if (m.type === 'action') {
      if (!seat?.connected) return;
      onMessage({ type: 'player-action', playerId: from, name: seat.name, action: m.action });
    }
  };

  return {
    code,
    send(message) {
      switch (message.type) {
        case 'create':
          onMessage({ type: 'created', code, secret });
          return;
        case 'resume':
          onMessage({ type: 'resumed', code, players: [...seats].map(([playerId, s]) => ({ playerId, name: s.name, connected: s.connected })) });
          return;
        case 'to-players':
          post('*', { type: 'from-facilitator', message: message.message });
          return;
        case 'to-player':
          post(message.playerId, { type: 'from-facilitator', message: message.message });
          return;
        case 'kick':
          seats.delete(message.playerId);
          post(message.playerId, { type: 'room-closed', reason: 'The interviewer removed this window from the interview.' });
          return;
        default:
          return;
      }
    },
    close() {
      post('*', { type: 'facilitator-left' });
      channel.close();
    },
  };
}

export interface LocalSeat {
  close(): void;
}

/** How often a candidate's window asks to join until the interviewer's window answers. */
export const JOIN_RETRY_MS = 1000;

/**
 * Joins a room from the candidate's window, with the relay socket's handlers (relay-socket.ts):
 * `onOpen` is called again until the room answers, so a candidate who opens the link before the
 * interviewer's window is ready still gets in.
 */
export function joinLocalRoom(
  code: string,
  seatId: string,
  handlers: { onOpen(send: (message: ClientMessage) => void): void; onMessage(message: ServerMessage): void },
  open: OpenChannel = browserChannel,
): LocalSeat {
  const channel = open(channelName(code));
  let joined = false;
  const send = (msg: ClientMessage) => channel.postMessage({ to: 'host', from: seatId, msg } satisfies Wire);
  channel.onmessage = (event) => {
    const wire = event.data as Partial<{ to: string; msg: ServerMessage }> | null;
    if (!wire || (wire.to !== seatId && wire.to !== '*') || !wire.msg || typeof wire.msg.type !== 'string') return;
    if (wire.msg.type === 'joined') joined = true;
    if (wire.msg.type === 'facilitator-left') joined = false;
    handlers.onMessage(wire.msg);
  };
  handlers.onOpen(send);
  const timer = setInterval(() => {
    if (!joined) handlers.onOpen(send);
  }, JOIN_RETRY_MS);
  return {
    close() {
      clearInterval(timer);
      channel.postMessage({ to: 'host', from: seatId, leave: true } satisfies Wire);
      channel.close();
    },
  };
}
