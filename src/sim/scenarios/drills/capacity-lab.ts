import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A load test against production-like staging, in steps of 1.5x, 2x, 2.5x and 3x normal traffic.
 * Latency stays flat, then bends sharply at the knee. The job: see the knee coming and size the
 * fleet so the last step passes with p99 under budget.
 */
export function capacityLabScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 40, sigma: 0.5 } };
  return {
    id: 'capacity-lab',
    title: 'Find the knee',
    briefing:
      'You run a load test on the staging copy of the shop API: four instances at 300 requests a second (normal traffic), then steps of 1.5x, 2x, 2.5x and 3x, five minutes each. The performance budget is p99 under 500 ms at 3x. You may add instances at any time (20 s to boot).',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    faults: [
      { id: 'step-1', type: 'traffic-spike', at: 300, duration: 300, factor: 1.5 },
      { id: 'step-2', type: 'traffic-spike', at: 600, duration: 300, factor: 2 },
      { id: 'step-3', type: 'traffic-spike', at: 900, duration: 300, factor: 2.5 },
      { id: 'step-4', type: 'traffic-spike', at: 1200, duration: 600, factor: 3 },
    ],
    rootCause: {
      summary:
        'Four instances have about 32 workers; latency stays flat until utilisation nears 100% and then grows without bound (the knee, between 1.5x and 2x here). Passing 3x needs roughly twice the instances, added before the step that crosses the knee.',
      faults: ['step-1', 'step-2', 'step-3', 'step-4'],
      contributingFactors: [
        'Capacity had never been measured, only assumed from last year\'s peak.',
        'The load generator is open-loop (arrivals do not wait for answers), as real users are, so overload shows as queueing, not as a lower request rate.',
      ],
    },
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 560, action: { type: 'scale', replicas: 10 } },
    ],
    drill: {
      level: 'senior',
      week: 11,
      lesson: 'load-testing',
      concepts: ['the knee', 'open vs closed load', 'utilisation', 'performance budget'],
      doNothing: 'From the 2x step on, queues grow faster than they drain: p99 hits the client timeout and most requests fail.',
      hints: {
        question: 'At which step does p99 stop being flat? How busy are the workers there?',
        where: 'Plot p99 against throughput and worker utilisation for each step.',
        action: 'Add instances before the step that crosses the knee; aim for well under 100% busy at 3x.',
      },
    },
    success: [
      { type: 'p99-latency', from: 300, to: 1800, atMostMs: 500 },
      { type: 'availability', from: 300, to: 1800, atLeast: 0.999 },
    ],
  };
}
