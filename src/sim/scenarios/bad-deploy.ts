import type { ScenarioInput } from './schema';
import { defaultTopology, defaultTraffic } from './defaults';

/**
 * A teammate's change goes out with a rolling deploy and a quarter of requests start failing. The fix
 * is a rollback; the lesson is to correlate the error spike with the deploy annotation.
 */
export function badDeployScenario(): ScenarioInput {
  return {
    id: 'bad-deploy',
    title: 'The Friday deploy',
    briefing:
      'You are on call for the shop API. A routine release is scheduled this afternoon. Watch the dashboards and keep the error budget safe.',
    durationSeconds: 1800,
    seed: 7,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    faults: [{ id: 'v2-errors', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'rolling', errorRate: 0.25 }],
    rootCause: {
      summary: 'Version v2 returns 500 for a quarter of requests (a null check removed in a refactor). Rolling back to v1 mitigates it.',
      faults: ['v2-errors'],
      contributingFactors: [
        'The rolling deploy had no automated check on error rate, so every instance got v2 before anyone looked.',
        'The refactor that removed the null check had no test for a missing field.',
      ],
    },
    // Acknowledge the page, see the errors began with the deploy, roll back.
    par: [
      { at: 600, action: { type: 'acknowledge' } },
      { at: 630, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'mid',
      week: 8,
      lesson: 'deploy-strategies',
      concepts: ['rollback', 'deploy annotations', 'correlating changes with errors'],
      doNothing: 'A quarter of requests keep failing until the run ends: about 14% of the month\'s error budget burns in 25 minutes.',
      hints: {
        question: 'What changed just before the errors started?',
        where: 'Look at the deploy markers on the error-rate chart and at which version the failing instances run.',
        action: 'Roll back to the last good version, then watch the error rate fall before you resolve.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 900 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
      { type: 'error-budget', maxBurnedPercent: 10 },
    ],
  };
}
