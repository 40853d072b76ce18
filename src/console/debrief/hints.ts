/**
 * The hint ladder: a question to ask, then where to look, then what to do. It is offered after two
 * wall-clock minutes without a meaningful action, so playing at 60x does not bring it sooner. The
 * clock is injected: the page passes Date.now, tests pass their own.
 */
import { isCommsAction, type ConsoleAction } from '../protocol';

// The wire type lives with the protocol, so the protocol imports nothing from here.
export type { HintTaken } from '../protocol';

export const HINT_IDLE_MS = 2 * 60 * 1000;

export const RUNGS = ['question', 'where', 'action'] as const;
export type Rung = (typeof RUNGS)[number];
export const RUNG_LABEL: Record<Rung, string> = { question: 'a question to ask', where: 'where to look', action: 'what to do' };


/**
 * Whether an action shows the learner is working the incident: anything that changes the system,
 * acknowledging, declaring or updating stakeholders. A note or a silenced alert does not.
 */
export function isMeaningful(action: Pick<ConsoleAction, 'type'>, accepted = true): boolean {
  if (!accepted) return false;
  // A silence quiets a page without touching the cause (it is a system action only for the pager).
  if (action.type === 'silence-alert') return false;
  if (!isCommsAction(action)) return true;
  return action.type === 'declare-incident' || action.type === 'status-update' || action.type === 'set-severity' || action.type === 'assign-role';
}

export class HintTimer {
  #since: number;

  constructor(
    private readonly now: () => number,
    readonly idleMs = HINT_IDLE_MS,
  ) {
    this.#since = now();
  }

  /** A meaningful action (or the start of play) restarts the wait. */
  reset(): void {
    this.#since = this.now();
  }

  /** Whether the ladder is on offer now. */
  offered(): boolean {
    return this.now() - this.#since >= this.idleMs;
  }

  /** Milliseconds until it will be (0 when it is). */
  remainingMs(): number {
    return Math.max(0, this.idleMs - (this.now() - this.#since));
  }
}

/** The next rung after `taken` rungs, or null when the ladder is climbed. */
export function nextRung(hints: { question: string; where: string; action: string }, taken: number): { rung: number; text: string } | null {
  const key = RUNGS[taken];
  return key ? { rung: taken + 1, text: hints[key] } : null;
}
