import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The payment provider stops answering. With a long timeout and no breaker, checkouts hold workers
 * for ten seconds each and take browsing down with them; failing payments fast keeps browsing up.
 */
export function dependencyOutageScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.dependencies = [{ id: 'payments', latency: { meanMs: 150, sigma: 0.6 }, errorRate: 0.002, timeoutMs: 10_000, breaker: { enabled: false } }];
  return {
    id: 'dependency-outage',
    title: 'The provider is down',
    briefing:
      'You own the shop API: browsing (nine requests in ten) and checkout, which charges an external payment provider; about 300 requests a second. Healthy means browsing works whatever happens to payments.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    faults: [{ id: 'provider-hangs', type: 'dependency-outage', at: 300, duration: 900, dependency: 'payments', mode: 'hang' }],
    rootCause: {
      summary:
        'The payment provider stopped answering for 15 minutes. Checkout waited 10 s for each call, holding a worker the whole time, so workers ran out and browsing failed too. Failing payments fast (opening the breaker by hand) keeps browsing up and checkout honest ("payments unavailable, try later").',
      faults: ['provider-hangs'],
      contributingFactors: [
        'The payments call had a 10 s timeout and no circuit breaker.',
        'Checkout and browsing share one worker pool (no bulkhead), so one slow dependency starves everything.',
      ],
    },
    par: [
      { at: 360, action: { type: 'acknowledge' } },
      { at: 380, action: { type: 'force-breaker', dependency: 'payments', open: true } },
      { at: 1260, action: { type: 'force-breaker', dependency: 'payments', open: false } },
    ],
    drill: {
      level: 'junior',
      week: 2,
      lesson: 'graceful-degradation',
      concepts: ['fail fast', 'degraded mode', 'timeouts', 'bulkheads'],
      doNothing: 'For fifteen minutes the whole shop is down, not just checkout: hung payment calls hold every worker.',
      hints: {
        question: 'Payments is down. Why is browsing, which never calls payments, failing too?',
        where: 'Workers busy per instance, and how long checkout requests take compared with browsing.',
        action: 'Stop calling payments for now (open its breaker) so checkout fails fast and browsing gets its workers back.',
      },
    },
    success: [
      { type: 'availability', from: 300, to: 1200, atLeast: 0.65 },
      { type: 'availability', from: 1320, to: 1800, atLeast: 0.999 },
    ],
  };
}
