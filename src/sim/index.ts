/**
 * Blast Radius simulator: public API. Pure TypeScript, no DOM and no Node-only modules, so the same
 * code runs in Node (CLI, tests, benchmarks) and in a Web Worker.
 */
import { Simulation, type SimulationOptions } from './core/simulation';
import type { Scenario, ScenarioInput } from './scenarios/schema';

export { Simulation };
export type { SimulationOptions } from './core/simulation';
export type { SimulationCheckpoint } from './checkpoint/classes';
export type { SecondStats, RedSecond, ActionRecord } from './core/types';
export { scenarioSchema, parseScenario, sloSchema, alertRuleSchema, successCriterionSchema } from './scenarios/schema';
export type { Scenario, ScenarioInput, SloConfig, AlertRuleConfig, SuccessCriterion } from './scenarios/schema';
export { stakeholderQuestionSchema, stakeholderConditionSchema, STAKEHOLDER_ROLES } from './scenarios/stakeholders';
export type { StakeholderQuestion, StakeholderCondition } from './scenarios/stakeholders';
export { gameDaySchema, steadyStateConditionSchema, abortConditionSchema, COMPARATORS } from './scenarios/game-day';
export type { GameDay, SteadyStateCondition, AbortCondition, Comparator } from './scenarios/game-day';
export { metricNames, type MetricName } from './scenarios/metrics';
export { topologySchema, sourceSchema, serviceSchema } from './model/topology';
export type { Topology, TopologyInput } from './model/topology';
export { faultSchema, FAULT_TYPES } from './faults/schema';
export type { Fault, FaultType } from './faults/schema';
export { actionSchema, actionLogSchema, timedActionSchema } from './actions/schema';
export type { Action, ActionInput, TimedAction } from './actions/schema';
export { ACTION_DELAYS } from './actions/apply';
export { SCENARIOS, SCENARIO_IDS, getScenario } from './scenarios/index';
export { defaultTopology, defaultTraffic } from './scenarios/defaults';
export { runQueueLab, queueLabScenario, queueLabTheory, queueLabSchema } from './labs/queue';
export type { QueueLabParams } from './labs/queue';
export { runCacheLab, cacheLabScenario, cacheLabTheory, cacheLabSchema } from './labs/cache';
export type { CacheLabParams } from './labs/cache';
export { erlangC, mmc, cheHitRatio, zipfProbabilities } from './labs/theory';
export { BURN_RATE_RULES, secondsToTrip } from './telemetry/alerts';
export type { LogEntry, Annotation } from './telemetry/logs';

/** Creates a run of a scenario (validated with the scenario schema). */
export function createSimulation(scenario: Scenario | ScenarioInput, options: SimulationOptions = {}): Simulation {
  return new Simulation(scenario, options);
}

export type SimulationSummary = ReturnType<Simulation['summary']>;
export type SimulationSnapshot = ReturnType<Simulation['snapshot']>;
