import type { ScenarioInput } from '../../../src/sim/index';
import { defaultTopology, defaultTraffic } from '../../../src/sim/index';

/** The default system with a custom id, duration and faults; handy for short behaviour tests. */
export function defaultScenario(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    id: 'test',
    title: 'test',
    durationSeconds: 300,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    ...over,
  };
}

/** One service, one route, no retries: the simplest system that still has an SLO. */
export function tinyScenario(rate: number, over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    id: 'tiny',
    title: 'tiny',
    topology: {
      service: { replicas: 2, workers: 8, serviceTime: { dist: 'exponential', meanMs: 10 }, bootSeconds: 5 },
      routes: [{ id: 'api', steps: ['cpu'] }],
    },
    traffic: { sources: [{ id: 'users', rate, timeoutMs: 2000, routes: { api: 1 } }] },
    ...over,
  };
}
