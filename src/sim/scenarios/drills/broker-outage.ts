import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The message broker goes down for ten minutes. Checkout commits the order, then fails to publish
 * it: every checkout meanwhile is an error for an order that exists and will never be fulfilled.
 * Switching checkout to the outbox (already built, behind a flag) turns lost orders into late ones.
 */
export function brokerOutageScenario(): ScenarioInput {
  return {
    id: 'broker-outage',
    title: 'Orders without messages',
    briefing:
      'You own checkout: it writes the order to the database, then publishes an "order placed" message for fulfilment; about 200 requests a second, one in ten a checkout. An outbox path for checkout shipped last month and is still switched off. Healthy means every committed order is fulfilled.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    // Checkout errors page on their own: the SLO's burn-rate page needs minutes of a one-in-ten failure.
    alerts: { rules: [{ id: 'checkout-errors', metric: 'edge.errorRatio', threshold: 0.05, forSeconds: 60, severity: 'page' }] },
    faults: [{ id: 'broker-down', type: 'broker-outage', at: 300, duration: 600 }],
    rootCause: {
      summary:
        'The message broker was unavailable for ten minutes. Checkout had already committed each order when the publish failed, so customers saw an error for an order that existed but would never be fulfilled (a dual write). Switching to the outbox (order and message in one transaction, published by a relay) makes checkout independent of the broker.',
      faults: ['broker-down'],
      contributingFactors: [
        'Checkout wrote to two systems (database, broker) without a transaction spanning both.',
        'A failed publish returned an error to the customer after the order was committed.',
      ],
    },
    par: [
      { at: 390, action: { type: 'acknowledge' } },
      { at: 420, action: { type: 'enable-outbox' } },
    ],
    drill: {
      level: 'senior',
      week: 11,
      lesson: 'transactional-outbox',
      concepts: ['dual writes', 'transactional outbox', 'idempotent consumers'],
      doNothing: 'Every checkout during the outage commits an order and then fails: ten minutes of orders nobody will fulfil.',
      hints: {
        question: 'The order is in the database but the customer saw an error. Which step failed?',
        where: 'The checkout error logs, and the broker panel: which call is refused, and after which write?',
        action: 'Publish through the outbox so the broker being down delays messages instead of failing checkouts.',
      },
    },
    // About two minutes after the page to switch: fewer lost orders than that, and checkout healthy after.
    success: [
      { type: 'max-lost-messages', atMost: 9000 },
      { type: 'availability', from: 540, to: 900, atLeast: 0.99 },
    ],
  };
}
