/**
 * The drills: every built-in scenario with faults (each has a briefing, a hidden root cause and
 * success criteria). Read at build time by the pages; the drill library will add scenarios, and
 * they appear here without a page change. The baseline scenario is free play's quiet default.
 */
import { getScenario, SCENARIO_IDS } from '../sim/index';
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
    }));
}

/** The drills a lesson leads to: the one its front matter names (`scenario`) and any that name the lesson. */
export function drillsForLesson(lesson: { id: string; scenario?: string }): DrillInfo[] {
  return drillCatalogue().filter((d) => d.id === lesson.scenario || d.lesson === lesson.id);
}
