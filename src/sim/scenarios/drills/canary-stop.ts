import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The pipeline ships v2 as a canary and its analysis fails, again and again, but someone set it to
 * tolerate ten failures before rolling back. The canary keeps hurting its 10% of users until a human
 * reads the analysis and stops it.
 */
export function canaryStopScenario(): ScenarioInput {
  return {
    id: 'canary-stop',
    title: 'The canary is coughing',
    briefing:
      'You own the shop API: four instances, about 200 requests a second, almost no errors. The pipeline releases v2 as a canary this afternoon: 10% of users first, analysed against a baseline every minute. Healthy means the canary looks like the baseline.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    faults: [{ id: 'v2-canary', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'canary', errorRate: 0.3, failureThreshold: 10 }],
    rootCause: {
      summary:
        'v2 fails 30% of requests. The canary analysis caught it at the first check, but the pipeline was configured to tolerate ten failed analyses, so the canary served its users errors for ten minutes. Rolling back the canary ends it at once.',
      faults: ['v2-canary'],
      contributingFactors: [
        'The failure threshold had been raised to 10 to get past a flaky analysis last month and never lowered.',
        'Failed analyses were written to the deploy log but did not page anyone.',
      ],
    },
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 440, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'mid',
      week: 8,
      lesson: 'canary-releases',
      concepts: ['canary analysis', 'baseline comparison', 'abort criteria'],
      doNothing: 'The canary stays at 10% through ten failed analyses before the pipeline gives up: ten minutes of errors for a tenth of users.',
      hints: {
        question: 'The canary analysis has an opinion. What is it?',
        where: 'Read the canary analysis lines in the deploy annotations: errors in the canary against the baseline.',
        action: 'Roll back the canary now instead of waiting for the pipeline to run out of tolerance.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 300 },
      { type: 'error-budget', maxBurnedPercent: 0.6 },
    ],
  };
}
