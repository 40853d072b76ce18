/**
 * What a player may ask of the facilitator's run. A player's page is not trusted: every request is
 * read against the players' schema, the team's rules (roles) and the console's own action schema
 * before the simulation sees it, and a refusal carries the reason the player will read.
 */
import { parseConsoleAction } from '../console/protocol';
import { parseFromPlayer } from './protocol';
import { mayAct, type SessionState } from './session';

export type PlayerRequest = { kind: 'catch-up' } | { kind: 'act'; action: Record<string, unknown> } | { kind: 'refused'; reason: string };

/** A player's raw request, judged; whether the run is on right now is the caller's to check. */
export function readPlayerRequest(session: SessionState, playerId: string, raw: Record<string, unknown>): PlayerRequest {
  const parsed = parseFromPlayer(raw);
  if (!parsed.ok) return { kind: 'refused', reason: parsed.error };
  if (parsed.message.kind === 'catch-up') return { kind: 'catch-up' };
  const action = parsed.message.action;
  const type = typeof action.type === 'string' ? action.type : '';
  if (type === 'inject-fault') return { kind: 'refused', reason: 'Players do not inject faults in a workshop; the facilitator does.' };
  const role = session.players.find((p) => p.playerId === playerId)?.role ?? null;
  const allowed = mayAct(role, type);
  if (!allowed.ok) return { kind: 'refused', reason: allowed.reason };
  try {
    parseConsoleAction(action);
  } catch (error) {
    return { kind: 'refused', reason: (error as Error).message };
  }
  return { kind: 'act', action };
}

/** A requested action in words: its type and its parameters (they were checked against the console's schema). */
export function describeRequest(action: Record<string, unknown>): string {
  const { type, ...rest } = action;
  const params = Object.entries(rest)
    .filter(([, v]) => v !== undefined && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${k} ${String(v)}`);
  return `${String(type)}${params.length ? ` (${params.join(', ')})` : ''}`.slice(0, 500);
}
