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

/** A join form's entries as the room takes them, or which one is wrong (each page words the reason its own way). */
export function readJoin(typedCode: string, typedName: string, nameRequired: boolean): { ok: true; code: string; name: string } | { ok: false; wrong: 'code' | 'name' } {
  const code = normaliseRoomCode(typedCode);
  if (!ROOM_CODE_PATTERN.test(code)) return { ok: false, wrong: 'code' };
  const name = typedName.trim();
  if (nameRequired && !name) return { ok: false, wrong: 'name' };
  return { ok: true, code, name };
}
