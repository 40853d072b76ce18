/**
 * What the player looked at, as 'viewed' entries for the run's log: an interview judges investigation
 * by whether the data that could disprove a hypothesis was looked at before acting. The console calls
 * `ObservationGate.admit` on deliberate looks (a map node opened, a chart or alert handled, a logs
 * filter set, the timeline read); the gate keeps one entry per look, not one per click or keystroke.
 * A view changes nothing in the simulation and is not a "meaningful action" for the hint ladder.
 */
import type { ViewPanel } from './protocol';

/** The same look (panel and focus) again within this many simulated seconds is the same observation. */
export const REPEAT_SECONDS = 60;
/** The protocol's limit on a focus. */
const FOCUS_MAX = 200;

export interface Observation {
  panel: ViewPanel;
  focus?: string;
}

/** A focus as logged: one line, trimmed, within the protocol's limit; undefined when empty. */
export function focusText(focus: string | null | undefined): string | undefined {
  const s = (focus ?? '').replace(/\s+/g, ' ').trim();
  if (s === '') return undefined;
  return s.length > FOCUS_MAX ? `${s.slice(0, FOCUS_MAX - 1)}…` : s;
}

/**
 * Decides which looks become log entries. Deduplicated by simulated time: the same panel and focus
 * within REPEAT_SECONDS is one look, and a bare look at a panel adds nothing right after a focused
 * one there. Rewinding (time going backwards) forgets everything after the new time.
 */
export class ObservationGate {
  #seen = new Map<string, number>();
  #panelAt = new Map<ViewPanel, number>();
  #lastT = -Infinity;

  /** Returns the action to log for a look at simulated second `t`, or null when it is a repeat. */
  admit(look: Observation, t: number): { type: 'viewed'; panel: ViewPanel; focus?: string } | null {
    if (t < this.#lastT) this.#forgetAfter(t);
    this.#lastT = t;
    const focus = focusText(look.focus);
    const key = `${look.panel}\u0000${focus ?? ''}`;
    const recent = (at: number | undefined) => at !== undefined && t - at < REPEAT_SECONDS;
    if (recent(this.#seen.get(key))) return null;
    if (focus === undefined && recent(this.#panelAt.get(look.panel))) return null;
    this.#seen.set(key, t);
    this.#panelAt.set(look.panel, t);
    return focus === undefined ? { type: 'viewed', panel: look.panel } : { type: 'viewed', panel: look.panel, focus };
  }

  #forgetAfter(t: number): void {
    for (const [k, at] of this.#seen) if (at > t) this.#seen.delete(k);
    for (const [k, at] of this.#panelAt) if (at > t) this.#panelAt.delete(k);
  }
}

/** The logs panel's filter as a focus ("level error, route /checkout"), or undefined when nothing is filtered. */
export function logsFilterFocus(filter: { level?: string; route?: string; instance?: string; correlation?: string }): string | undefined {
  const parts = [
    filter.level ? `level ${filter.level}` : '',
    filter.route ? `route ${filter.route}` : '',
    filter.instance ? `instance ${filter.instance}` : '',
    filter.correlation?.trim() ? `correlation id ${filter.correlation.trim()}` : '',
  ].filter(Boolean);
  return parts.length ? `filtered: ${parts.join(', ')}` : undefined;
}
