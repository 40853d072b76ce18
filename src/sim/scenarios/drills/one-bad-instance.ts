import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * One instance lands on a host with a noisy neighbour and runs many times slower. Round robin keeps
 * sending it its full share, so a quarter of users see timeouts while the fleet average looks fine.
 */
export function oneBadInstanceScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, lb: 'round-robin', serviceTime: { dist: 'lognormal', meanMs: 20, sigma: 0.5 } };
  return {
    id: 'one-bad-instance',
    title: 'One of four',
    briefing:
      'You own the shop API: four instances behind a round-robin load balancer, about 300 requests a second, every instance equally busy. Healthy means p99 under half a second. Keep it there.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    faults: [{ id: 'steal', type: 'noisy-neighbour', at: 300, instances: 1, factor: 20 }],
    rootCause: {
      summary:
        'A batch job on the same host stole CPU from one instance, making it about twenty times slower. Round robin kept giving it a quarter of requests, which queued and timed out. Replacing the instance moves it to a healthy host.',
      faults: ['steal'],
      contributingFactors: [
        'Round robin balances requests, not load: it cannot see that one backend is slow.',
        'The dashboards showed fleet averages only, which hid one sick instance among four.',
      ],
    },
    // The reference play replaces every instance one by one; a sharp on-call replaces only the slow one.
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 440, action: { type: 'restart-instance', instance: 'api-1' } },
      { at: 440, action: { type: 'restart-instance', instance: 'api-2' } },
      { at: 440, action: { type: 'restart-instance', instance: 'api-3' } },
      { at: 440, action: { type: 'restart-instance', instance: 'api-4' } },
    ],
    drill: {
      level: 'mid',
      week: 5,
      lesson: 'load-balancing',
      concepts: ['round robin vs least connections', 'per-instance metrics', 'outliers'],
      doNothing: 'A quarter of requests keep landing on the slow instance and timing out until the run ends.',
      hints: {
        question: 'Is every instance equally slow, or is one dragging the rest down?',
        where: 'Break CPU, queue length and latency down by instance instead of looking at the fleet average.',
        action: 'Restart (replace) the slow instance so it comes back on a healthy host.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
