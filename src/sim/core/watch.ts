import type { Scenario } from '../scenarios/schema';
import type { SloTracker } from '../telemetry/slo';
import type { Annotations } from '../telemetry/logs';
import type { ControlPlane } from './controlplane';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * Watches user impact for the incident: severity from the last minute's error ratio; mitigated once
 * the last two minutes are within the SLO after impact was seen; resolved after ten healthy minutes.
 */
export class IncidentWatch {
  private impactSeen = false;
  private lastHurtAt = 0;
  private healthySince = -1;

  constructor(
    private scenario: Scenario,
    private cp: ControlPlane,
    private slo: SloTracker,
    private annotations: Annotations,
  ) {
    stopIfReviving(this, new.target);
  }

  /** Whether a second with `bad` failed and `slow` slow requests out of `total` hurt users (twice the SLO's allowance). */
  hurts(total: number, bad: number, slow: number): boolean {
    const allowed = 1 - this.scenario.slo.availability;
    const allowedSlow = 1 - this.scenario.slo.latencyTarget;
    return total > 0 && (bad > 2 * allowed * total || slow > 2 * allowedSlow * total);
  }

  /** `secondHurt`: whether the second that just closed hurt users. */
  watch(now: number, secondHurt: boolean): void {
    const cp = this.cp;
    const state = cp.incidentState;
    if (state === 'quiet' || state === 'resolved') return;
    const slo = this.slo;
    const allowed = 1 - this.scenario.slo.availability;
    const allowedSlow = 1 - this.scenario.slo.latencyTarget;
    const err1m = slo.errorRatio(60);
    const impact = err1m > 2 * allowed || slo.slowRatio(60) > 2 * allowedSlow;
    if (impact) {
      this.impactSeen = true;
      const level = err1m >= 0.5 ? 1 : err1m >= 0.2 ? 2 : err1m >= 0.05 ? 3 : err1m >= 0.01 ? 4 : 5;
      const cur = cp.incidentContext().severity;
      if (cur === null || level < cur) cp.incident.send({ type: 'SEVERITY', t: now, level });
    }
    if (secondHurt) this.lastHurtAt = now;
    const healthy = slo.errorRatio(120) <= allowed && slo.slowRatio(120) <= allowedSlow;
    if (!healthy) this.healthySince = -1;
    else if (this.healthySince < 0) this.healthySince = now;
    if (state === 'mitigated') {
      if (impact) cp.incident.send({ type: 'REGRESSED', t: now });
      else if (this.healthySince >= 0 && now - this.healthySince >= 600) {
        this.annotations.add(now, 'incident', 'incident auto-resolved after 10 healthy minutes');
        cp.incident.send({ type: 'RESOLVE', t: now });
      }
    } else if (this.impactSeen && healthy) {
      // Users stopped being hurt at the end of the last bad second, not when the window caught up.
      cp.incident.send({ type: 'MITIGATED', t: Math.max(this.lastHurtAt, cp.incidentContext().startedAt ?? 0) });
    }
  }
}
