import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A capacity review with a known date: the campaign email goes out at a fixed time and doubles
 * traffic. The numbers to plan with are on the dashboard; the plan has to be in place before the
 * email, because instances take time to boot and queues fill in seconds.
 */
export function capacityReviewScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 40, sigma: 0.5 } };
  return {
    id: 'capacity-review',
    title: 'The email goes out at 15:00',
    briefing:
      'You own capacity for the shop API: four instances at about 350 requests a second, workers about 70% busy. Marketing sends a campaign email to every customer at 15:00 (15 minutes into this session) and expects traffic to double for a quarter of an hour. Extra instances cost money; outages cost more. Plan, then act before 15:00.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(350),
    faults: [{ id: 'campaign', type: 'traffic-spike', at: 900, duration: 900, factor: 2 }],
    rootCause: {
      summary:
        'The campaign doubled traffic as predicted. Four instances at 70% busy have headroom for about 1.4x, so without added capacity queues grew and requests timed out. Eight instances, started before 15:00, keep utilisation near 70% at the peak.',
      faults: ['campaign'],
      contributingFactors: [
        'The campaign was on the marketing calendar, but capacity planning did not read it.',
        'The autoscaler reacts after load arrives and new instances need 20 s to boot, so it cannot absorb a step this large alone.',
      ],
    },
    par: [{ at: 600, action: { type: 'scale', replicas: 8 } }],
    drill: {
      level: 'staff',
      week: null,
      lesson: 'capacity-planning',
      concepts: ['back-of-envelope capacity', 'headroom', 'cost vs risk', 'lead time'],
      doNothing: 'At 15:00 demand passes capacity: queues fill, most requests time out and the shop is down for the whole campaign.',
      hints: {
        question: 'How many requests a second can one instance serve at a comfortable utilisation (say 70%)? How many will arrive at 15:00?',
        where: 'Use the current rate and CPU per instance: requests per second per instance at 70% busy.',
        action: 'Scale to the number your estimate gives (plus headroom) a few minutes before 15:00.',
      },
    },
    success: [
      { type: 'availability', from: 900, to: 1800, atLeast: 0.999 },
      { type: 'p99-latency', from: 900, to: 1800, atMostMs: 500 },
    ],
  };
}
