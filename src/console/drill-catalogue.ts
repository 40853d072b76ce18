/**
 * The drills: every built-in scenario with faults (each has a briefing, a hidden root cause and
 * success criteria). Read at build time by the pages; a new scenario appears here without a page
 * change. The baseline scenario is free play's quiet default. A drill's lesson comes from its
 * scenario (`drill.lesson`), so the catalogue's "Practises" link and the lesson's "Try it in the
 * simulator" link are the same fact read from both ends.
 */
import { getScenario, SCENARIO_IDS } from '../sim/index';
import type { Level } from '../schemas/levels';
import { describeCriterion } from './player-scenario';

export interface DrillInfo {
  id: string;
  title: string;
  briefing: string;
  /** The first sentence of the briefing, for cards. */
  excerpt: string;
  /** Simulated minutes of play after the warm-up. */
  minutes: number;
  successCriteria: string[];
  slo: { availability: number; windowDays: number };
  /** The lesson the drill practises, when the scenario names one. */
  lesson: string | null;
  /** The level whose checkpoint this drill is, if it is one. */
  checkpoint: string | null;
  /** Where the drill sits on the path (null for a scenario file of your own). */
  level: Level | null;
  /** Its week of the 90-day plan (null beyond day 90, or for a file of your own). */
  week: number | null;
}

export function drillCatalogue(): DrillInfo[] {
  return SCENARIO_IDS.map((id) => getScenario(id))
    .filter((s) => s.faults.length > 0)
    .map((s) => ({
      id: s.id,
      title: s.title,
      briefing: s.briefing,
      excerpt: /^[^.!?]*[.!?]/.exec(s.briefing)?.[0] ?? s.briefing,
      minutes: Math.round(s.durationSeconds / 60),
      successCriteria: s.success.map(describeCriterion),
      slo: { availability: s.slo.availability, windowDays: s.slo.windowDays },
      lesson: s.drill?.lesson ?? null,
      checkpoint: s.drill?.checkpoint ?? null,
      level: s.drill?.level ?? null,
      week: s.drill?.week ?? null,
    }));
}

/**
 * The drills a lesson leads to: those whose scenario names the lesson. (A lesson's front matter
 * `scenario`, where present, must name one of them; a unit test checks it.)
 */
export function drillsForLesson(lesson: { id: string }): DrillInfo[] {
  return drillCatalogue().filter((d) => d.lesson === lesson.id);
}
