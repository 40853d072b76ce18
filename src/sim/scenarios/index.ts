import { parseScenario, type Scenario, type ScenarioInput } from './schema';
import { baselineScenario } from './defaults';
import { badDeployScenario } from './bad-deploy';
import { cacheFlushStampedeScenario } from './cache-flush-stampede';
import { retryStormScenario } from './retry-storm';

/** Built-in scenarios by id. Each call returns fresh data, so callers may tweak it. */
export const SCENARIOS: Readonly<Record<string, () => ScenarioInput>> = {
  baseline: baselineScenario,
  'bad-deploy': badDeployScenario,
  'cache-flush-stampede': cacheFlushStampedeScenario,
  'retry-storm': retryStormScenario,
};

export const SCENARIO_IDS = Object.keys(SCENARIOS);

export function getScenario(id: string): Scenario {
  const make = SCENARIOS[id];
  if (!make) throw new Error(`unknown scenario "${id}"; known: ${SCENARIO_IDS.join(', ')}`);
  return parseScenario(make());
}
