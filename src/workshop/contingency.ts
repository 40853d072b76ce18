/**
 * Contingency injects (HSEEP's "expected action not taken"): a stakeholder message that goes to the
 * players only if the team has not done something by a time, e.g. no rollback by T+13 -> the VP asks
 * for an ETA. A script's contingencies come from the drill's reference play (par): for each step a
 * good on-call takes, a nudge a couple of minutes after par if nobody has taken it.
 */
import type { LoggedAction } from '../console/protocol';

export interface ScriptContingency {
  id: string;
  /** Simulated seconds after the warm-up (T+) by which one of `expected` should have happened. */
  by: number;
  /** Action types that meet it (any of them, accepted, by anyone). */
  expected: string[];
  from: string;
  text: string;
}

export type ContingencyStatus = 'waiting' | 'sent' | 'met' | 'skipped';

/** How long after par the team gets before the nudge: room for discussion, not for drifting. */
export const GRACE_SECONDS = 120;

const NUDGES: Record<string, { from: string; text: (minute: number) => string }> = {
  acknowledge: { from: 'Support lead', text: (m) => `Minute ${m}: customers are reporting problems and nobody has picked up the page. Is someone on it?` },
  rollback: { from: 'VP Engineering', text: (m) => `Minute ${m} and customers are still affected. What is the ETA for a fix?` },
};
const MITIGATION = { from: 'VP Engineering', text: (m: number) => `Minute ${m} and customers are still affected. What is the ETA, and what are you trying first?` };

/** The contingencies of a drill, from its par (one per distinct action type, at its first use). */
export function contingenciesFromPar(par: readonly { at: number; action: { type: string } }[], durationSeconds: number): ScriptContingency[] {
  const seen = new Set<string>();
  const out: ScriptContingency[] = [];
  let mitigationAsked = false;
  for (const step of par) {
    const type = step.action.type;
    if (seen.has(type)) continue;
    seen.add(type);
    const nudge = NUDGES[type];
    // Several mitigations in par are alternatives to the team: one nudge about mitigating covers them all.
    if (!nudge) {
      if (mitigationAsked) {
        out.find((c) => c.id === 'no-mitigation')!.expected.push(type);
        continue;
      }
      mitigationAsked = true;
    }
    const by = Math.min(durationSeconds, Math.ceil((step.at + GRACE_SECONDS) / 60) * 60);
    const { from, text } = nudge ?? MITIGATION;
    out.push({ id: nudge ? `no-${type}` : 'no-mitigation', by, expected: [type], from, text: text(by / 60) });
  }
  return out;
}

/**
 * What to do with each waiting contingency at simulated second `t` (absolute): met (one of its
 * actions was accepted in time), due (its time has come without one), or nothing yet.
 */
export function contingencyUpdates(
  waiting: readonly (ScriptContingency & { status: ContingencyStatus })[],
  log: readonly LoggedAction[],
  t: number,
  warmupSeconds: number,
): { met: string[]; due: string[] } {
  const met: string[] = [];
  const due: string[] = [];
  for (const c of waiting) {
    if (c.status !== 'waiting') continue;
    const deadline = warmupSeconds + c.by;
    if (log.some((l) => l.accepted && c.expected.includes(l.action.type) && l.at <= deadline)) met.push(c.id);
    else if (t >= deadline) due.push(c.id);
  }
  return { met, due };
}
