import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A television mention sends two and a half times the usual traffic for fifteen minutes. The fleet
 * has headroom for about a quarter more; more instances (or the autoscaler) absorb it.
 */
export function trafficSpikeScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 40, sigma: 0.5 } };
  return {
    id: 'traffic-spike',
    title: 'On the telly',
    briefing:
      'You own the shop API: four instances, each with 8 workers, about 400 requests a second, workers about 80% busy. The autoscaler is installed but switched off. Healthy means p99 under half a second and almost no errors.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(400),
    faults: [{ id: 'spike', type: 'traffic-spike', at: 300, duration: 900, factor: 2.5 }],
    rootCause: {
      summary:
        'A TV programme mentioned the shop and traffic rose 2.5x for fifteen minutes. Four instances can serve about 500 requests a second; the rest queued and timed out. Scaling out (by hand or with the autoscaler) absorbs it.',
      faults: ['spike'],
      contributingFactors: [
        'The autoscaler was switched off after an earlier scaling incident and never switched back on.',
        'Nobody knew how many requests a second one instance can take, so there was no headroom alert.',
      ],
    },
    par: [
      { at: 360, action: { type: 'acknowledge' } },
      { at: 370, action: { type: 'scale', replicas: 10 } },
      { at: 370, action: { type: 'autoscaler', enabled: true, min: 4, max: 16 } },
    ],
    drill: {
      level: 'mid',
      week: 5,
      lesson: 'scaling-autoscaling',
      concepts: ['horizontal scaling', 'autoscaling', 'headroom', 'boot time'],
      doNothing: 'For fifteen minutes demand exceeds capacity: queues fill, most requests time out, and the incident ends only when the audience goes away.',
      hints: {
        question: 'Did the system get worse, or did more people arrive?',
        where: 'Compare requests per second with CPU and queue length per instance.',
        action: 'Add instances (they take 20 s to boot) and switch the autoscaler on so it follows the curve.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 300 },
      { type: 'availability', from: 300, to: 1200, atLeast: 0.9 },
    ],
  };
}
