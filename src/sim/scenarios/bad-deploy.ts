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
    },
    success: [
      { type: 'mitigated-within', seconds: 900 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
      { type: 'error-budget', maxBurnedPercent: 10 },
    ],
  };
}
