/**
 * The scenario a console run simulates: its source resolved and validated, the warm-up's shift aside
 * (warmup.ts), and the faults the player injected (free play) added at their times, since the
 * simulator schedules faults up front.
 */
import { parseScenario, type Scenario } from '../sim/scenarios/schema';
import type { Fault } from '../sim/faults/schema';
import { scenarioCatalogue } from './scenario-catalogue';
import { isInjectFault, type ConsoleAction, type RunSource } from './protocol';

/** A log entry with its action validated. */
export type Timed = { at: number; action: ConsoleAction };

export class RunError extends Error {
  override readonly name = 'RunError';
}

/**
 * An injected fault starts this long after the second it was injected in closed: after that
 * second's frame (already on screen), before anything of the next one, as an action would.
 */
export const INJECT_AFTER_SECONDS = 0.001;

/** The scenario a source names, validated; the error says which field is wrong. */
export function resolveScenario(source: RunSource): Scenario {
  if (source.kind === 'builtin') {
    const { SCENARIO_IDS, getScenario } = scenarioCatalogue();
    if (!SCENARIO_IDS.includes(source.id)) throw new RunError(`There is no scenario "${source.id}". Known: ${SCENARIO_IDS.join(', ')}.`);
    return getScenario(source.id);
  }
  try {
    return parseScenario(source.scenario);
  } catch (error) {
    throw new RunError((error as Error).message);
  }
}

/** The scenario with the player's injected faults added at their times (the simulator schedules faults up front). */
export function withInjected(scenario: Scenario, log: readonly Timed[]): Scenario {
  const injected = log.flatMap((e): Fault[] => (isInjectFault(e.action) ? [{ ...e.action.fault, at: e.at + INJECT_AFTER_SECONDS } as Fault] : []));
  if (injected.length === 0) return scenario;
  try {
    return parseScenario({ ...scenario, faults: [...scenario.faults, ...injected] });
  } catch (error) {
    throw new RunError(`This fault cannot run on this system: ${(error as Error).message.replace(/^invalid scenario:\s*/, '')}`);
  }
}

/** Which faults a log injects, as a key: a checkpoint serves only logs that inject the same ones. */
export function injectedKey(log: readonly Timed[]): string {
  return JSON.stringify(log.filter((e) => isInjectFault(e.action)).map((e) => [e.at, e.action]));
}
