import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * More work arrives than the service can do, and its queues have no bound. Every request waits
 * behind the ones before it until all of them wait longer than clients do: the servers stay busy
 * doing work nobody will read. A bounded queue (shedding) keeps most users served.
 */
export function overloadScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 40, sigma: 0.5 }, queueLimit: null };
  return {
    id: 'overload',
    title: 'More than we can take',
    briefing:
      'You own the shop API: four instances, about 380 requests a second, with every instance about 80% busy. There is no budget for more instances this month. A partner is launching a campaign today. Keep as many users served as you can.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(380),
    faults: [{ id: 'surge', type: 'traffic-spike', at: 300, duration: 600, factor: 1.6 }],
    rootCause: {
      summary:
        'The partner campaign raised traffic by 60%, well past what four instances can serve. With unbounded queues every request waited behind the backlog until clients gave up, so the servers worked flat out on abandoned requests and goodput fell to almost nothing. Shedding what cannot be served in time keeps the rest fast.',
      faults: ['surge'],
      contributingFactors: [
        'The instance queues had no limit, so overload turned into latency for everyone instead of fast rejections for a few.',
        'Requests were served in arrival order with no deadline, so work whose client had already left was still done.',
      ],
    },
    par: [
      { at: 360, action: { type: 'acknowledge' } },
      { at: 370, action: { type: 'load-shedding', enabled: true, maxQueueWaitMs: 250, maxQueue: 16 } },
    ],
    drill: {
      level: 'mid',
      week: 6,
      lesson: 'backpressure',
      concepts: ['bounded queues', 'load shedding', 'goodput', 'queueing delay'],
      doNothing: 'While the campaign runs almost every request times out after waiting in a queue, although the servers are busy the whole time.',
      hints: {
        question: 'The servers are 100% busy. Why is almost nobody getting an answer?',
        where: 'Compare throughput (successes per second) with arrivals, and look at how long requests wait in the queue against the client timeout.',
        action: 'Turn on load shedding: bound the queue and drop requests that waited too long, so what is served is served in time.',
      },
    },
    success: [
      { type: 'availability', from: 300, to: 900, atLeast: 0.6 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.99 },
    ],
  };
}
