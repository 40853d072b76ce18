/**
 * Every message the workshop relay accepts, as one zod schema per message, and every message it
 * sends. The relay never looks inside what the facilitator streams to players or what a player
 * sends back (`message`, `action`): it checks only their envelope, size and rate. What those
 * payloads mean is the pages' protocol (src/workshop/protocol.ts).
 */
import { z } from 'zod';
import { CODE_ALPHABET, normaliseRoomCode, ROOM_CODE_PATTERN } from '../../workshop/room-code';

export { CODE_ALPHABET };
export const roomCodeSchema = z
  .string()
  .transform(normaliseRoomCode)
  .pipe(z.string().regex(ROOM_CODE_PATTERN, 'a room code is 6 letters and digits, as the facilitator shows it'));

const payload = z.record(z.string(), z.unknown());
const playerId = z.string().regex(/^p[0-9a-z]{1,12}$/, 'a player id as the relay gave it');

export const createSchema = z.object({ type: z.literal('create') }).strict();
/** A facilitator comes back to its room (reload, lost connection) with the secret it was given. */
export const resumeSchema = z.object({ type: z.literal('resume'), code: roomCodeSchema, secret: z.string().min(16).max(100) }).strict();
export const joinSchema = z
  .object({
    type: z.literal('join'),
    code: roomCodeSchema,
    name: z.string().trim().min(1, 'a name is needed to join').max(40, 'names are at most 40 characters'),
    /** A player who reconnects keeps their identity (and so their attributed actions). */
    rejoin: z.object({ playerId, key: z.string().min(16).max(100) }).strict().optional(),
  })
  .strict();
export const toPlayersSchema = z.object({ type: z.literal('to-players'), message: payload }).strict();
export const toPlayerSchema = z.object({ type: z.literal('to-player'), playerId, message: payload }).strict();
export const kickSchema = z.object({ type: z.literal('kick'), playerId }).strict();
export const actionSchema = z.object({ type: z.literal('action'), action: payload }).strict();
export const pingSchema = z.object({ type: z.literal('ping') }).strict();

export const clientMessageSchema = z.discriminatedUnion('type', [createSchema, resumeSchema, joinSchema, toPlayersSchema, toPlayerSchema, kickSchema, actionSchema, pingSchema]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];
export const CLIENT_MESSAGE_TYPES = clientMessageSchema.options.map((o) => o.shape.type.value);

/** Who may send what: a connection is nobody until it creates, resumes or joins a room. */
export const ALLOWED: Record<'nobody' | 'facilitator' | 'player', ReadonlySet<ClientMessageType>> = {
  nobody: new Set(['create', 'resume', 'join', 'ping']),
  facilitator: new Set(['to-players', 'to-player', 'kick', 'ping']),
  player: new Set(['action', 'ping']),
};

export type ErrorCode = 'malformed' | 'unknown-type' | 'invalid' | 'too-large' | 'rate-limited' | 'wrong-role' | 'no-room' | 'room-full' | 'too-many-rooms' | 'bad-secret' | 'no-player';

export interface PlayerInfo {
  playerId: string;
  name: string;
  connected: boolean;
}

export type ServerMessage =
  | { type: 'created'; code: string; secret: string }
  | { type: 'resumed'; code: string; players: PlayerInfo[] }
  | { type: 'joined'; code: string; playerId: string; name: string; key: string; facilitatorPresent: boolean }
  | { type: 'player-joined'; player: PlayerInfo; rejoined: boolean }
  | { type: 'player-left'; player: PlayerInfo }
  | { type: 'player-action'; playerId: string; name: string; action: Record<string, unknown> }
  | { type: 'from-facilitator'; message: Record<string, unknown> }
  | { type: 'facilitator-left' }
  | { type: 'facilitator-back' }
  | { type: 'room-closed'; reason: string }
  | { type: 'error'; code: ErrorCode; message: string; refused?: string }
  | { type: 'pong' };

/**
 * Parses one text frame. Returns the message, or the error to send back: which part was wrong and
 * what to do, never an exception.
 */
export function parseClientMessage(text: string): { ok: true; message: ClientMessage } | { ok: false; code: ErrorCode; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed', message: 'Messages are JSON objects such as {"type":"ping"}; this one is not valid JSON.' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, code: 'malformed', message: 'Messages are JSON objects with a "type" field.' };
  }
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string' || !(CLIENT_MESSAGE_TYPES as string[]).includes(type)) {
    return { ok: false, code: 'unknown-type', message: `Unknown message type ${JSON.stringify(type ?? null)}; the relay knows ${CLIENT_MESSAGE_TYPES.join(', ')}.` };
  }
  const r = clientMessageSchema.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || type}: ${i.message}`).join('; ');
    return { ok: false, code: 'invalid', message: `The "${type}" message is not valid: ${issues}.` };
  }
  return { ok: true, message: r.data };
}
