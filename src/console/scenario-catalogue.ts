/**
 * The built-in scenarios, as the console's code reaches them. Every drill's briefing, faults, par and
 * hints together are a large part of the simulation worker, and free play (`/sim/`) needs none of them:
 * so the worker loads them when a run first names one (`loadScenarioCatalogue`, see host.ts), and code
 * where size does not matter (the debrief's and the interview's workers, the CLI, tests) provides them
 * up front by importing `./all-scenarios`.
 */
import type { Scenario } from '../sim/index';

export interface ScenarioCatalogue {
  readonly SCENARIO_IDS: readonly string[];
  getScenario(id: string): Scenario;
}

let catalogue: ScenarioCatalogue | undefined;
let loading: Promise<ScenarioCatalogue> | undefined;

export function provideScenarioCatalogue(c: ScenarioCatalogue): void {
  catalogue = c;
}

/** True once the scenarios can be resolved without waiting. */
export function scenarioCatalogueReady(): boolean {
  return catalogue !== undefined;
}

export function loadScenarioCatalogue(): Promise<ScenarioCatalogue> {
  if (catalogue) return Promise.resolve(catalogue);
  loading ??= import('../sim/scenarios/index').then(
    (m) => (catalogue = m),
    (error: unknown) => {
      loading = undefined; // a failed download (offline for a moment) can be tried again
      throw error;
    },
  );
  return loading;
}

export function scenarioCatalogue(): ScenarioCatalogue {
  if (!catalogue) throw new Error('The built-in scenarios are not loaded yet: await loadScenarioCatalogue() (or import ./all-scenarios) first.');
  return catalogue;
}
