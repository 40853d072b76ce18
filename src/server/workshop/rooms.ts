/**
 * Rooms without sockets: codes, secrets, who is in which room, and expiry. The relay (relay.ts)
 * maps connections to these; tests drive this directly.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_ALPHABET, type PlayerInfo } from './messages';

export interface Player<C> {
  playerId: string;
  name: string;
  key: string;
  conn: C | null;
}

export interface Room<C> {
  code: string;
  secret: string;
  facilitator: C | null;
  players: Map<string, Player<C>>;
  /** When the facilitator last sent anything (ms). */
  lastActivity: number;
  nextPlayer: number;
}

export function newCode(taken: (code: string) => boolean): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!taken(code)) return code;
  }
}

export const newSecret = () => randomBytes(24).toString('base64url');

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function playerInfo<C>(p: Player<C>): PlayerInfo {
  return { playerId: p.playerId, name: p.name, connected: p.conn !== null };
}

export class Rooms<C> {
  readonly #rooms = new Map<string, Room<C>>();

  get size(): number {
    return this.#rooms.size;
  }

  get(code: string): Room<C> | undefined {
    return this.#rooms.get(code);
  }

  create(facilitator: C, now: number): Room<C> {
    const room: Room<C> = { code: newCode((c) => this.#rooms.has(c)), secret: newSecret(), facilitator, players: new Map(), lastActivity: now, nextPlayer: 1 };
    this.#rooms.set(room.code, room);
    return room;
  }

  addPlayer(room: Room<C>, name: string, conn: C): Player<C> {
    const player: Player<C> = { playerId: `p${(room.nextPlayer++).toString(36)}`, name, key: newSecret(), conn };
    room.players.set(player.playerId, player);
    return player;
  }

  delete(code: string): void {
    this.#rooms.delete(code);
  }

  /** Rooms whose facilitator has been silent longer than `idleMs` at `now`. */
  expired(now: number, idleMs: number): Room<C>[] {
    return [...this.#rooms.values()].filter((r) => now - r.lastActivity > idleMs);
  }
}
