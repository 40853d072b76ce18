import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The on-call phone has been buzzing all shift with pages that never mean anything (a CPU threshold
 * set too low, a cache hit ratio that wobbles). Among them, one page is real. The drill: tell signal
 * from noise, act on the real one, and know which alerts to delete afterwards.
 */
export function noisyPagerScenario(): ScenarioInput {
  return {
    id: 'noisy-pager',
    title: 'The pager that cried wolf',
    briefing:
      'You start an on-call shift for the shop API: four instances, about 200 requests a second. The handover note says "pager is noisy, mostly cpu-above-30% and cache-hit-ratio, ignore them". Release v2 is scheduled this afternoon. Healthy means the SLO (99.9% of requests succeed) holds.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    alerts: {
      rules: [
        { id: 'cpu-above-30%', severity: 'page', metric: 'service.cpu', threshold: 0.3, forSeconds: 0 },
        { id: 'cache-hit-ratio', severity: 'page', metric: 'cache.hitRatio', op: '<', threshold: 0.55, forSeconds: 2 },
      ],
    },
    faults: [{ id: 'v2-errors', type: 'bad-deploy', at: 600, version: 'v2', strategy: 'rolling', errorRate: 0.05 }],
    rootCause: {
      summary:
        'v2 fails 5% of requests. The error rate was plain on the dashboard from the deploy on, and the SLO burn-rate page followed within half an hour, but among dozens of pages from two alerts that describe causes (CPU, cache ratio) instead of user pain, pages were no longer read. Rolling back v2 fixed it.',
      faults: ['v2-errors'],
      contributingFactors: [
        'Two paging alerts fired many times a shift without ever needing action, so pages were no longer read.',
        'The handover note normalised ignoring pages instead of filing them for deletion.',
      ],
    },
    par: [
      { at: 780, action: { type: 'acknowledge' } },
      { at: 800, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'staff',
      week: null,
      lesson: 'on-call',
      concepts: ['alert fatigue', 'symptom vs cause alerts', 'actionable pages', 'handover'],
      doNothing: 'One request in twenty fails until the end of the run, burning the error budget fast behind a wall of ignored pages.',
      hints: {
        question: 'Of everything firing and moving now, what is about users being hurt?',
        where: 'Compare each alert\'s history (the noisy ones fire all shift, deploy or not) with the error rate since the v2 deploy marker.',
        action: 'Roll back v2, then list the alerts that should be tickets or deleted.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
