import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * Every instance slows down at once. Traffic is flat, the database and the cache look the way they
 * always look (the cache-hit alert is noisy every day), but CPU is at 100% with a queue behind it:
 * the hosts lost CPU to another tenant. USE on each resource finds it; more instances relieve it.
 */
export function saturatedResourceScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 20, sigma: 0.5 } };
  return {
    id: 'saturated-resource',
    title: 'Which one is full?',
    briefing:
      'You own the shop API: four instances on a shared node pool, a cache in front of a database replica, a payment provider; about 300 requests a second. The "cache-hit-ratio" ticket fires most days and has never meant anything. Healthy means p99 under half a second and almost no errors.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    alerts: { rules: [{ id: 'cache-hit-ratio', severity: 'ticket', metric: 'cache.hitRatio', op: '<', threshold: 0.56, forSeconds: 3 }] },
    faults: [{ id: 'steal', type: 'noisy-neighbour', at: 300, instances: 4, factor: 5 }],
    rootCause: {
      summary:
        'A batch job on the shared node pool took most of the CPU of the hosts running all four instances, making request handling five times slower. CPU utilisation hit 100% and requests queued (saturation); the database, cache and payment provider were fine. New instances scheduled on other hosts relieved it.',
      faults: ['steal'],
      contributingFactors: [
        'The instances had no CPU reservation, so a co-tenant could take what they needed.',
        'The noisy cache-hit-ratio ticket trained everyone to ignore tickets, and dashboards did not show saturation per resource.',
      ],
    },
    par: [
      { at: 400, action: { type: 'acknowledge' } },
      { at: 430, action: { type: 'scale', replicas: 10 } },
    ],
    drill: {
      level: 'senior',
      week: 9,
      lesson: 'metrics-red-use',
      concepts: ['USE method', 'utilisation vs saturation', 'RED', 'noisy alerts'],
      doNothing: 'The instances stay starved of CPU: queues never drain and most requests time out until the run ends.',
      hints: {
        question: 'For each resource (CPU, queue, database pool, cache, payment provider): how busy is it, is work waiting, are there errors?',
        where: 'Walk the USE numbers resource by resource; compare with traffic, which did not change.',
        action: 'Add instances so work lands on hosts with spare CPU, then find who took the CPU.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 400 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
