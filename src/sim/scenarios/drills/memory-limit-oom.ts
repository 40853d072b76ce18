import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A release leaks memory fast enough that the container hits its memory limit a few minutes after
 * each start. The kernel kills it (OOMKilled), it restarts with back-off, and the instances die in
 * step because they were all deployed together.
 */
export function memoryLimitOomScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = {
    ...topology.service,
    serviceTime: { dist: 'lognormal', meanMs: 30, sigma: 0.5 },
    memory: { baseMb: 256, limitMb: 1024 },
  };
  return {
    id: 'memory-limit-oom',
    title: 'OOMKilled',
    briefing:
      'You own the shop API: four containers, each with a 1 GiB memory limit, using about 256 MiB at rest; about 400 requests a second. Release v2 rolls out shortly. Healthy means steady memory, no restarts and almost no errors.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(400),
    faults: [{ id: 'v2-leak', type: 'bad-deploy', at: 200, version: 'v2', strategy: 'rolling', errorRate: 0, leakMbPerMinute: 220 }],
    rootCause: {
      summary:
        'v2 keeps every request\'s parsed payload in a module-level cache that never evicts, about 220 MiB a minute. Each container hits its 1 GiB limit within four minutes, is OOMKilled and restarts with growing back-off; as they die together, capacity collapses. Rolling back to v1 stops the leak.',
      faults: ['v2-leak'],
      contributingFactors: [
        'The memory limit was the only guard: no alert on memory growth rate or on restarts.',
        'The rolling deploy started every v2 container within a minute or two, so they reach the limit at about the same time.',
      ],
    },
    par: [
      { at: 520, action: { type: 'acknowledge' } },
      { at: 540, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'mid',
      week: 5,
      lesson: 'containers-orchestration',
      concepts: ['memory limits', 'OOMKilled', 'CrashLoopBackOff', 'rollback'],
      doNothing: 'Containers keep filling their memory and being killed; every few minutes capacity drops and requests fail until the run ends.',
      hints: {
        question: 'Why do instances restart when nobody restarts them?',
        where: 'Look at each instance\'s memory against its limit and at the reason given for the last restart.',
        action: 'Roll back the release that made memory climb; restarting only resets the clock.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
