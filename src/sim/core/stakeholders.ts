import type { StakeholderQuestion } from '../scenarios/stakeholders';
import type { IncidentContext } from '../machines/incident.machine';
import type { Annotations } from '../telemetry/logs';
import type { ControlPlane } from './controlplane';
import { metricValue, type AlertInputs } from './alerting';
import { stopIfReviving } from '../checkpoint/blank';

/** A question as the summary reports it. */
export interface AskedQuestion {
  id: string;
  from: StakeholderQuestion['from'];
  question: string;
  askedAt: number;
  /** When a status update answered it (within its deadline), or null. */
  answeredAt: number | null;
  /** Latest time a status update answers it. */
  deadline: number;
}

const MILESTONE_FIELD = {
  started: 'startedAt',
  detected: 'detectedAt',
  acknowledged: 'acknowledgedAt',
  mitigated: 'mitigatedAt',
  resolved: 'resolvedAt',
} as const satisfies Record<string, keyof IncidentContext>;

/**
 * Scripted stakeholder questions: rule-based and deterministic (no randomness, only the clock and
 * what the run measured). Each is asked once, as a visible annotation, at the first closed second at
 * or after its `at` when its condition holds; a status update answers every open question whose
 * deadline has not passed.
 */
export class Stakeholders {
  readonly asked: AskedQuestion[] = [];
  private pending: Array<{ q: StakeholderQuestion; id: string; heldSince: number }>;

  constructor(
    questions: readonly StakeholderQuestion[],
    private cp: ControlPlane,
    private annotations: Annotations,
  ) {
    stopIfReviving(this, new.target);
    this.pending = questions.map((q, i) => ({ q, id: q.id ?? `q${i + 1}`, heldSince: -1 }));
  }

  /** After the second ending at `now` closed, with the values alert rules read. */
  onSecond(now: number, v: AlertInputs): void {
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i]!;
      const holds = this.holds(p, now, v);
      if (!holds || (p.q.at !== undefined && now < p.q.at)) continue;
      this.pending.splice(i--, 1);
      this.asked.push({ id: p.id, from: p.q.from, question: p.q.question, askedAt: now, answeredAt: null, deadline: now + p.q.answerWithinSeconds });
      this.annotations.add(now, 'stakeholder', `${p.q.from} asks: ${p.q.question}`);
    }
  }

  /** A status update went out: answers the open questions still within their deadline. Returns how many. */
  statusUpdate(now: number): number {
    let n = 0;
    for (const a of this.asked) {
      if (a.answeredAt === null && now <= a.deadline) {
        a.answeredAt = now;
        n++;
      }
    }
    return n;
  }

  /** Asked and not answered in time (open ones included: the run ended before an answer). */
  unanswered(): AskedQuestion[] {
    return this.asked.filter((a) => a.answeredAt === null);
  }

  private holds(p: { q: StakeholderQuestion; heldSince: number }, now: number, v: AlertInputs): boolean {
    const c = p.q.when;
    if (c === undefined) return true;
    if (c.incident !== undefined) return this.cp.incidentContext()[MILESTONE_FIELD[c.incident]] !== null;
    if (c.alertFiring !== undefined) return this.cp.alertRecords.get(c.alertFiring)?.state === 'firing';
    const x = metricValue(c.metric!, v);
    const on = Number.isFinite(x) && (c.op === '>' ? x > c.threshold! : x < c.threshold!);
    if (!on) {
      p.heldSince = -1;
      return false;
    }
    if (p.heldSince < 0) p.heldSince = now;
    return now - p.heldSince >= c.forSeconds;
  }
}
