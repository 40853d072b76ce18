import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A release whose processes die a minute after they start. Each new instance passes its readiness
 * check, takes traffic and then crashes, so the rolling deploy keeps replacing healthy capacity with
 * instances stuck in restart back-off.
 */
export function instanceCrashLoopScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 40, sigma: 0.5 } };
  return {
    id: 'instance-crash-loop',
    title: 'Restarting, again',
    briefing:
      'You own the shop API: four instances, about 400 requests a second, workers about 80% busy. Healthy means every instance ready and errors near zero. Release v2 goes out by rolling deploy after lunch. Keep the shop serving.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(400),
    faults: [{ id: 'v2-crashes', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'rolling', errorRate: 0, crashAfterSeconds: 60 }],
    rootCause: {
      summary:
        'v2 reads a setting that is missing in production and exits about a minute after it starts. The rolling deploy replaced healthy v1 instances with v2 ones stuck in CrashLoopBackOff, so capacity shrank and the rest overloaded. Rolling back restores v1.',
      faults: ['v2-crashes'],
      contributingFactors: [
        'The readiness check passed before the code path that crashes ran, so each v2 instance looked healthy long enough to replace a v1 one.',
        'The deploy pipeline did not watch restarts, so it kept rolling while instances were crash-looping.',
      ],
    },
    par: [
      { at: 480, action: { type: 'acknowledge' } },
      { at: 500, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'junior',
      week: 1,
      lesson: 'health-checks',
      concepts: ['crash loop', 'restart back-off', 'readiness vs liveness', 'rollback'],
      doNothing: 'The rollout keeps swapping healthy instances for crashing ones: capacity keeps dropping, errors come in waves and the incident never ends.',
      hints: {
        question: 'Why are there fewer ready instances than you asked for?',
        where: 'Look at the instance list: phases, restart counts and the version each one runs, next to the deploy marker.',
        action: 'Roll back to v1; the crashing version cannot be fixed by restarting it.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
