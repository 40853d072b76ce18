import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A slow leak after a release: for ten minutes nothing shows, then garbage collection gets slower as
 * the heap fills, latency creeps up, and the instances are OOM-killed one after another. The heap
 * graph tells the story long before the kills.
 */
export function memoryLeakScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 30, sigma: 0.5 }, memory: { baseMb: 256, limitMb: 1024 } };
  return {
    id: 'memory-leak',
    title: 'The heap that grew',
    briefing:
      'You own the shop API: four instances with a 1 GiB memory limit each, about 350 requests a second. v2 (a new session library) went out at the start of your shift. Healthy means flat memory, p99 under half a second and no restarts.',
    durationSeconds: 2400,
    topology,
    traffic: defaultTraffic(350),
    faults: [{ id: 'v2-leak', type: 'bad-deploy', at: 60, version: 'v2', strategy: 'rolling', errorRate: 0, leakMbPerMinute: 60 }],
    rootCause: {
      summary:
        'The new session library registers a listener per request and never removes it: about 60 MiB a minute per instance. As the heap filled, garbage collection took longer and requests slowed down; at 1 GiB each instance was OOM-killed. Rolling back removes the leak; restarting only resets the clock.',
      faults: ['v2-leak'],
      contributingFactors: [
        'The release had no soak test long enough to show memory growth.',
        'There was no alert on memory growth, only the kernel\'s OOM kill.',
      ],
    },
    par: [
      { at: 780, action: { type: 'acknowledge' } },
      { at: 800, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'senior',
      week: 10,
      lesson: 'debugging-production',
      concepts: ['heap growth', 'GC pressure', 'OOM kill', 'five whys'],
      doNothing: 'Latency climbs as each heap fills, then the instances are OOM-killed one by one and the cycle starts again.',
      hints: {
        question: 'Latency is creeping up with flat traffic. What else is creeping up?',
        where: 'Look at memory per instance since the deploy marker, and at restart reasons.',
        action: 'Roll back v2; restarting instances only buys a quarter of an hour.',
      },
    },
    success: [
      { type: 'availability', from: 1200, to: 2400, atLeast: 0.999 },
      { type: 'p99-latency', from: 1200, to: 2400, atMostMs: 500 },
    ],
  };
}
