import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A release fails under one request in a hundred. Nothing looks on fire, no dashboard is red, but the
 * error budget burns eight times faster than the SLO allows. Only the burn-rate alerts notice.
 */
export function slowBurnScenario(): ScenarioInput {
  return {
    id: 'slow-burn',
    title: 'Nothing is on fire',
    briefing:
      'You own the shop API: 99.9% of requests must succeed over 30 days, so the month\'s error budget is 0.1% of requests. About 200 requests a second. Release v2 rolls out early in your shift. Healthy means the budget burns no faster than it refills.',
    durationSeconds: 3600,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    alerts: { rules: [{ id: 'error-ratio-above-0.5%', severity: 'ticket', metric: 'edge.errorRatio', threshold: 0.005, forSeconds: 300 }] },
    faults: [{ id: 'v2-errors', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'canary', errorRate: 0.008 }],
    rootCause: {
      summary:
        'v2 fails 0.8% of requests (a serialisation bug for one currency). That looks small, but it burns the error budget eight times faster than the SLO allows: left alone it would spend the month\'s budget in under four days. Rolling back stops the burn.',
      faults: ['v2-errors'],
      contributingFactors: [
        'The canary analysis tolerates up to one percentage point more errors than the baseline, so 0.8% passed.',
        'Only page-level alerts reached a human; the slower burn-rate alerts filed tickets nobody triaged the same day.',
      ],
    },
    par: [
      { at: 1200, action: { type: 'acknowledge' } },
      { at: 1260, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'senior',
      week: 9,
      lesson: 'slo-burn-rate',
      concepts: ['error budget', 'burn rate', 'multi-window alerts', 'tickets vs pages'],
      doNothing: 'Errors stay at 0.8% for the whole hour: availability never returns to the SLO and the burn keeps going.',
      hints: {
        question: 'Errors are under 1%. Is that fine? How fast is the budget going?',
        where: 'Look at the burn rate and the budget burned so far, and at the burn-rate alerts, not the error-rate graph\'s shape.',
        action: 'Roll back the release that raised the error floor, then check the burn rate falls back below 1.',
      },
    },
    success: [
      { type: 'availability', from: 2400, to: 3600, atLeast: 0.999 },
      { type: 'error-budget', maxBurnedPercent: 0.5 },
    ],
  };
}
