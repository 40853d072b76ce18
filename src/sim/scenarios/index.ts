import { parseScenario, type Scenario, type ScenarioInput } from './schema';
import { baselineScenario } from './defaults';
import { badDeployScenario } from './bad-deploy';
import { cacheFlushStampedeScenario } from './cache-flush-stampede';
import { retryStormScenario } from './retry-storm';
import { firstIncidentScenario } from './drills/first-incident';
import { instanceCrashLoopScenario } from './drills/instance-crash-loop';
import { oneBadInstanceScenario } from './drills/one-bad-instance';
import { trafficSpikeScenario } from './drills/traffic-spike';
import { memoryLimitOomScenario } from './drills/memory-limit-oom';
import { overloadScenario } from './drills/overload';
import { flagKillSwitchScenario } from './drills/flag-kill-switch';
import { canaryStopScenario } from './drills/canary-stop';
import { saturatedResourceScenario } from './drills/saturated-resource';
import { slowBurnScenario } from './drills/slow-burn';
import { fullDrillScenario } from './drills/full-drill';
import { writeThePostmortemScenario } from './drills/write-the-postmortem';
import { memoryLeakScenario } from './drills/memory-leak';
import { primaryLostScenario } from './drills/primary-lost';
import { capacityLabScenario } from './drills/capacity-lab';
import { capacityReviewScenario } from './drills/capacity-review';
import { commanderDrillScenario } from './drills/commander-drill';
import { noisyPagerScenario } from './drills/noisy-pager';
import { dependencyOutageScenario } from './drills/dependency-outage';
import { slowDependencyScenario } from './drills/slow-dependency';
import { doubleChargeScenario } from './drills/double-charge';
import { poolExhaustionScenario } from './drills/pool-exhaustion';
import { slowQueryAfterDeployScenario } from './drills/slow-query-after-deploy';
import { poisonMessageScenario } from './drills/poison-message';
import { partitionScenario } from './drills/partition';
import { migrationLocksTableScenario } from './drills/migration-locks-table';
import { brokerOutageScenario } from './drills/broker-outage';
import { juniorCheckpointScenario } from './checkpoints/junior';
import { midCheckpointScenario } from './checkpoints/mid';
import { seniorCheckpointScenario } from './checkpoints/senior';

/** Built-in scenarios by id. Each call returns fresh data, so callers may tweak it. */
export const SCENARIOS: Readonly<Record<string, () => ScenarioInput>> = {
  baseline: baselineScenario,
  'bad-deploy': badDeployScenario,
  'cache-flush-stampede': cacheFlushStampedeScenario,
  'retry-storm': retryStormScenario,
  'first-incident': firstIncidentScenario,
  'instance-crash-loop': instanceCrashLoopScenario,
  'one-bad-instance': oneBadInstanceScenario,
  'traffic-spike': trafficSpikeScenario,
  'memory-limit-oom': memoryLimitOomScenario,
  overload: overloadScenario,
  'flag-kill-switch': flagKillSwitchScenario,
  'canary-stop': canaryStopScenario,
  'saturated-resource': saturatedResourceScenario,
  'slow-burn': slowBurnScenario,
  'full-drill': fullDrillScenario,
  'write-the-postmortem': writeThePostmortemScenario,
  'memory-leak': memoryLeakScenario,
  'primary-lost': primaryLostScenario,
  'capacity-lab': capacityLabScenario,
  'capacity-review': capacityReviewScenario,
  'commander-drill': commanderDrillScenario,
  'noisy-pager': noisyPagerScenario,
  'dependency-outage': dependencyOutageScenario,
  'slow-dependency': slowDependencyScenario,
  'double-charge': doubleChargeScenario,
  'pool-exhaustion': poolExhaustionScenario,
  'slow-query-after-deploy': slowQueryAfterDeployScenario,
  'poison-message': poisonMessageScenario,
  partition: partitionScenario,
  'migration-locks-table': migrationLocksTableScenario,
  'broker-outage': brokerOutageScenario,
  'checkpoint-junior': juniorCheckpointScenario,
  'checkpoint-mid': midCheckpointScenario,
  'checkpoint-senior': seniorCheckpointScenario,
};

export const SCENARIO_IDS = Object.keys(SCENARIOS);

export function getScenario(id: string): Scenario {
  const make = SCENARIOS[id];
  if (!make) throw new Error(`unknown scenario "${id}"; known: ${SCENARIO_IDS.join(', ')}`);
  return parseScenario(make());
}
