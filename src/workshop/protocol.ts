/**
 * What the facilitator's page and the players' pages say to each other inside the relay's
 * envelopes (src/server/workshop/messages.ts carries them without reading them). The facilitator
 * sends console messages already filtered for players (player-view.ts) plus the session's public
 * state; players send console actions and catch-up requests. Each side validates what it receives
 * with the schemas here: a page never trusts the other end.
 */
import { z } from 'zod';

/** Team roles the facilitator hands out (Observer: watches, does not act). */
export const TEAM_ROLES = ['IC', 'Ops', 'Comms', 'Scribe', 'Observer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Facilitator -> players. `console` carries a console FromWorker message (loaded, frames, acted) for players. */
export const toPlayerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('console'), msg: z.object({ type: z.enum(['loaded', 'frames', 'acted']) }).passthrough(), by: z.string().max(60).optional() }),
  z.object({
    kind: z.literal('session'),
    roles: z.record(z.string(), z.enum(TEAM_ROLES)),
    names: z.record(z.string(), z.string()),
    ended: z.boolean(),
    /** The facilitator paused the clock for the team to discuss this (null: playing on). */
    discussion: z.string().max(500).nullable().default(null),
  }),
  z.object({ kind: z.literal('stakeholder'), at: z.number(), from: z.string().max(80), text: z.string().max(2000) }),
  /**
   * The team's debrief after the run: actions with who took them, messages, discussions and the
   * notes the facilitator shared (debrief.ts, audience 'team'); never private notes or injects.
   */
  z.object({
    kind: z.literal('debrief'),
    entries: z.array(z.object({ t: z.number(), kind: z.enum(['action', 'stakeholder', 'note', 'discussion']), who: z.string().max(80), text: z.string().max(2000) })).max(1000),
  }),
  /** An answer to one player about an action held for the facilitator's approval: waiting, then the decision. */
  z.object({ kind: z.literal('approval'), id: z.string().max(40), status: z.enum(['waiting', 'approved', 'rejected']), text: z.string().max(500), reason: z.string().max(1000).default('') }),
  /** An answer to one player: their action was refused (by role, or by the simulation). */
  z.object({ kind: z.literal('refused'), message: z.string().max(1000) }),
]);
export type ToPlayer = z.infer<typeof toPlayerSchema>;

/** Players -> facilitator. */
export const fromPlayerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('act'), action: z.record(z.string(), z.unknown()) }).strict(),
  /** "Send me the run so far": on joining, after a reconnect, or when the console reloads. */
  z.object({ kind: z.literal('catch-up') }).strict(),
]);
export type FromPlayer = z.infer<typeof fromPlayerSchema>;

export function parseFromPlayer(input: unknown): { ok: true; message: FromPlayer } | { ok: false; error: string } {
  const r = fromPlayerSchema.safeParse(input);
  if (r.success) return { ok: true, message: r.data };
  return { ok: false, error: `The facilitator's page could not read that message: ${r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}.` };
}

export function parseToPlayer(input: unknown): ToPlayer | null {
  const r = toPlayerSchema.safeParse(input);
  return r.success ? r.data : null;
}

/** A player's messages and team feed as the page keeps them across a reload (sessionStorage: checked, never trusted). */
export const keptFeedSchema = z.object({
  messages: z.array(z.object({ kind: z.enum(['stakeholder', 'refused', 'room', 'approval']), from: z.string(), text: z.string(), at: z.number().nullable() })).max(200),
  feed: z.array(z.object({ t: z.number(), who: z.string(), text: z.string() })).max(200),
});
