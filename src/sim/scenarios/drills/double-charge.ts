import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The provider slows past the client's timeout; clients retry checkouts whose first charge went
 * through, and customers are charged twice.
 */
export function doubleChargeScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.dependencies = [{ id: 'payments', latency: { meanMs: 150, sigma: 0.6 }, errorRate: 0.002, timeoutMs: 5000, sideEffects: true }];
  return {
    id: 'double-charge',
    title: 'Charged twice',
    briefing:
      'You own checkout: it writes the order, charges the payment provider (5 s timeout) and publishes the order; the web client retries failed requests up to three times. About 100 requests a second, one in ten a checkout. Support forwards what customers write in.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(100),
    faults: [{ id: 'provider-slow', type: 'dependency-latency', at: 300, duration: 900, dependency: 'payments', factor: 15 }],
    rootCause: {
      summary:
        'The provider slowed to about 2 s per charge, past the client\'s 2 s timeout. The client gave up and retried while the server was still charging, and the charge had no idempotency key, so each retry charged again. Stopping client retries ends the duplicates; an idempotency key per checkout prevents them.',
      faults: ['provider-slow'],
      contributingFactors: [
        'Checkout was retried by the client although it is not idempotent.',
        'The server\'s call timeout (5 s) was longer than the client\'s (2 s), so work continued after the client left.',
      ],
    },
    stakeholders: [
      { id: 'double-charges', at: 420, from: 'support', question: 'Customers report double charges on their cards. Is this a known issue, and should we refund?' },
      { id: 'refund-scope', when: { incident: 'mitigated' }, from: 'customer-success', question: 'Which customers were charged twice, and from when to when? We want to refund them before they ask.' },
    ],
    par: [
      { at: 360, action: { type: 'acknowledge' } },
      { at: 370, action: { type: 'set-retry-policy', kind: 'none', maxAttempts: 1 } },
    ],
    drill: {
      level: 'mid',
      week: 7,
      lesson: 'idempotency',
      concepts: ['idempotency keys', 'safe retries', 'timeouts across layers'],
      doNothing: 'Every slow checkout that the client retries charges again: nearly 3,000 duplicate charges in fifteen minutes, and the retries overload the API.',
      hints: {
        question: 'How can one click produce two charges?',
        where: 'Compare payments latency with the client timeout, and count retries of checkout.',
        action: 'Stop retrying checkout now; give every checkout an idempotency key the provider deduplicates on.',
      },
    },
    success: [
      { type: 'max-duplicates', dependency: 'payments', atMost: 600 },
      { type: 'error-budget', maxBurnedPercent: 10 },
    ],
  };
}
