import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * Junior checkpoint: a release crash-loops and the learner must resolve it on their own within the
 * error budget. Bigger system than the week-1 drill, no guided briefing, and a harmless alert that
 * fires all the time.
 */
export function juniorCheckpointScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, replicas: 6, serviceTime: { dist: 'lognormal', meanMs: 40, sigma: 0.5 } };
  return {
    id: 'checkpoint-junior',
    title: 'Checkpoint: Junior',
    briefing:
      'You are on call for the shop API: six instances, about 600 requests a second. Release v2 rolls out this afternoon. The "cache-hit-ratio" ticket fires every so often and has never needed action. To pass: resolve whatever happens while burning at most 3% of the month\'s error budget.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(600),
    // The error-rate page comes with the first wave of crashes (about T+745 s); the SLO burn-rate page
    // alone comes with the second (T+914 s), when most of the 3% is gone, leaving no room to act on it.
    alerts: {
      rules: [
        { id: 'cache-hit-ratio', severity: 'ticket', metric: 'cache.hitRatio', op: '<', threshold: 0.56, forSeconds: 3 },
        { id: 'api-error-rate', severity: 'page', metric: 'edge.errorRatio', threshold: 0.05, forSeconds: 30 },
      ],
    },
    faults: [{ id: 'v2-crashes', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'rolling', errorRate: 0, crashAfterSeconds: 90 }],
    rootCause: {
      summary:
        'v2 exits about 90 seconds after it starts (a required environment variable is missing in production). The rolling deploy kept replacing healthy v1 instances with v2 ones that crash-loop, so capacity shrank until the rest overloaded. Rolling back to v1 restored it.',
      faults: ['v2-crashes'],
      contributingFactors: [
        'The readiness check passed before the crashing code path ran, so the rollout kept going.',
        'The missing variable was set in staging by hand and never added to the production config.',
      ],
    },
    par: [
      { at: 760, action: { type: 'acknowledge' } },
      { at: 780, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'junior',
      week: 4,
      lesson: 'health-checks',
      concepts: ['crash loop', 'rollback', 'error budget', 'noisy alerts'],
      doNothing: 'The rollout keeps swapping healthy instances for crashing ones; errors come in waves until the run ends and the budget limit is blown.',
      hints: {
        question: 'What changed, and what are the instances doing since?',
        where: 'Instance phases, restarts and versions next to the deploy marker.',
        action: 'Roll back to v1 and watch the ready count recover.',
      },
      checkpoint: 'junior',
    },
    success: [
      { type: 'mitigated-within', seconds: 900 },
      { type: 'error-budget', maxBurnedPercent: 3 },
    ],
  };
}
