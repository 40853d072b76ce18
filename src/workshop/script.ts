/**
 * The facilitator's script for one drill, computed at build time from the scenario: its faults
 * become timed injects the facilitator can fire early, delay or skip; the scenario the simulation
 * runs has no faults of its own (they arrive as injects, so the schedule is the facilitator's),
 * and the hidden parts (root cause, par) stay on the facilitator's page.
 */
import { getScenario, SCENARIO_IDS, type Scenario } from '../sim/index';
import { contingenciesFromPar, type ScriptContingency } from './contingency';

export interface ScriptInject {
  /** The fault's id in the scenario, or its position. */
  id: string;
  /** When it fires, in simulated seconds after the warm-up (T+). */
  at: number;
  /** The fault as `inject-fault` takes it: no time, no id (null: a stakeholder message, see `message`). */
  fault: Record<string, unknown> | null;
  /** A timed stakeholder message (a pack's inject) instead of a fault. */
  message?: { from: string; text: string };
  /** Seconds it stays on (null: until fixed). */
  durationSeconds: number | null;
  summary: string;
}

export interface WorkshopScript {
  id: string;
  title: string;
  briefing: string;
  minutes: number;
  injects: ScriptInject[];
  rootCause: Scenario['rootCause'];
  par: { at: number; action: Record<string, unknown> }[];
  /** Stakeholder messages sent only if the team has not done what par does by a time. */
  contingencies: ScriptContingency[];
  /** The scenario the facilitator's simulation runs: the drill without its faults. */
  scenario: Record<string, unknown>;
  /** What a scenario pack (pack.ts) adds: phases with the facilitator's notes and timing, and a rubric. */
  pack?: { title: string; prepMinutes: number; phases: { title: string; from: number; notes: string }[]; rubric: string[] };
}

function describe(fault: Record<string, unknown>): string {
  const { type, ...rest } = fault;
  const params = Object.entries(rest)
    .filter(([, v]) => v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k} ${String(v)}`);
  return params.length ? `${String(type)} (${params.join(', ')})` : String(type);
}

export function workshopScript(scenario: Scenario): WorkshopScript {
  const injects = scenario.faults.map((f, i): ScriptInject => {
    const { at, id, duration, ...fault } = f as typeof f & { duration?: number };
    return { id: id ?? `fault-${i + 1}`, at, fault: { ...fault, ...(duration !== undefined ? { duration } : {}) }, durationSeconds: duration ?? null, summary: describe(fault) };
  });
  return {
    id: scenario.id,
    title: scenario.title,
    briefing: scenario.briefing,
    minutes: Math.round(scenario.durationSeconds / 60),
    injects: injects.sort((a, b) => a.at - b.at),
    rootCause: scenario.rootCause,
    par: scenario.par.map((p) => ({ at: p.at, action: p.action as Record<string, unknown> })),
    contingencies: contingenciesFromPar(scenario.par, scenario.durationSeconds),
    // The root cause names faults by id; those are injects now, so the simulation's copy names none.
    scenario: JSON.parse(JSON.stringify({ ...scenario, faults: [], rootCause: { ...scenario.rootCause, faults: [] } })) as Record<string, unknown>,
  };
}

/** Every drill (a scenario with faults) as a workshop script. */
export function workshopScripts(): WorkshopScript[] {
  return SCENARIO_IDS.map((id) => getScenario(id))
    .filter((s) => s.faults.length > 0)
    .map(workshopScript);
}
