/**
 * The hidden faults, placed on the debrief's charts as bands, and each alert tied to the fault
 * that caused it: the fault that was running when the alert fired (the latest to start, when
 * several were). Times are from the player's join, as the charts' x axis.
 */
import type { Reveal } from '../protocol';

export interface FaultBand {
  id: string | null;
  type: string;
  /** Seconds from the join. */
  from: number;
  /** Null: it ran until the end of the run (or until fixed by an action). */
  to: number | null;
}

export interface AlertCause {
  alert: string;
  severity: 'page' | 'ticket';
  /** Seconds from the join. */
  firedAt: number;
  /** The fault running when it fired, or null when none was (a false alarm, or a side effect of an action). */
  fault: FaultBand | null;
}

export function faultBands(reveal: Pick<Reveal, 'faults'>, warmupSeconds: number): FaultBand[] {
  return reveal.faults.map((f) => ({ id: f.id, type: f.type, from: f.at - warmupSeconds, to: f.until === null ? null : f.until - warmupSeconds })).sort((a, b) => a.from - b.from);
}

export function alertCauses(reveal: Pick<Reveal, 'faults' | 'summary'>, warmupSeconds: number): AlertCause[] {
  const bands = faultBands(reveal, warmupSeconds);
  return reveal.summary.alerts.map((a) => {
    const firedAt = a.firedAt - warmupSeconds;
    const running = bands.filter((b) => b.from <= firedAt && (b.to === null || b.to >= firedAt - 3600));
    return { alert: a.id, severity: a.severity, firedAt, fault: running.at(-1) ?? null };
  });
}
