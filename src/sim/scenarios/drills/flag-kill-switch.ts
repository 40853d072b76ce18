import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * An experiment ramps a feature whose code path waits on a slow recommendations call. At 10% nobody
 * notices; at 50% the waiting holds so many workers that every request slows down. An unrelated
 * deploy goes out in between, which makes the timeline tempting to misread.
 */
export function flagKillSwitchScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.flags = [{ id: 'new-recommendations', percentage: 0, effect: { extraLatencyMs: 400, errorRate: 0.02 } }];
  return {
    id: 'flag-kill-switch',
    title: 'Kill it',
    briefing:
      'You own the shop API: four instances, about 300 requests a second, p99 around 300 ms. The growth team is ramping the "new-recommendations" experiment today, and the platform team ships v1.1 (a logging library upgrade) this afternoon. Healthy means almost no errors and p99 under half a second.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    scheduledActions: [{ at: 480, action: { type: 'deploy', version: 'v1.1', strategy: 'rolling' } }],
    faults: [
      { id: 'ramp-10', type: 'flag-change', at: 300, flag: 'new-recommendations', percentage: 10 },
      { id: 'ramp-50', type: 'flag-change', at: 600, flag: 'new-recommendations', percentage: 50 },
    ],
    rootCause: {
      summary:
        'The new-recommendations code path waits about 400 ms on a recommendations call. At 50% of users those waits held most of the workers, so every request queued. The v1.1 deploy was unrelated. Killing the flag removes the slow path in seconds; no deploy is needed.',
      faults: ['ramp-10', 'ramp-50'],
      contributingFactors: [
        'The experiment jumped from 10% to 50% on a schedule, without a check of latency at 10%.',
        'The slow call runs inside the request, holding a worker, instead of being fetched asynchronously with a short timeout.',
      ],
    },
    par: [
      { at: 680, action: { type: 'acknowledge' } },
      { at: 700, action: { type: 'set-flag', flag: 'new-recommendations', killed: true } },
    ],
    drill: {
      level: 'mid',
      week: 7,
      lesson: 'feature-flags',
      concepts: ['kill switch', 'percentage rollout', 'deploy is not release', 'red herring'],
      doNothing: 'With half of users on the slow path, workers stay saturated and requests keep timing out until the run ends.',
      hints: {
        question: 'Two things changed this afternoon. Which one lines up with the moment latency jumped?',
        where: 'Put the flag changes and the v1.1 deploy markers next to p99 latency and worker saturation.',
        action: 'Kill the "new-recommendations" flag; it takes effect in seconds, faster than any rollback.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 900, to: 1800, atLeast: 0.999 },
    ],
  };
}
