/**
 * The room code's one rule, for the relay's schema and for the join forms alike (kept free of zod so
 * the players' and candidates' pages do not load it).
 */

/** Six characters from an alphabet without look-alikes (no 0/O, 1/I/L), easy to read off a projector. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{6}$`);

/** The code as typed, trimmed and upper-cased. */
export function normaliseRoomCode(typed: string): string {
  return typed.trim().toUpperCase();
}
