import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * Pending: needs a message-broker outage fault (proposed: `{ type: 'broker-outage' }`, publishes fail)
 * and an outbox model (proposed: topology `messageQueue.outbox: true` and an `enable-outbox` action)
 * in which checkout commits the order and its message together and a relay publishes later.
 */
export function brokerOutageScenario() {
  return {
    id: 'broker-outage',
    title: 'Orders without messages',
    briefing:
      'You own checkout: it writes the order to the database, then publishes an "order placed" message for fulfilment; about 200 requests a second, one in ten a checkout. Healthy means every committed order is fulfilled.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
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
      { at: 380, action: { type: 'acknowledge' } },
      { at: 400, action: { type: 'enable-outbox' } },
    ],
    drill: {
      level: 'senior',
      week: 11,
      lesson: 'transactional-outbox',
      concepts: ['dual writes', 'transactional outbox', 'idempotent consumers'],
      doNothing: 'Every checkout during the outage commits an order and then fails: ten minutes of orders nobody will fulfil.',
      hints: {
        question: 'The order is in the database but the customer saw an error. Which step failed?',
        where: 'Checkout errors by step: database write, payment, publish.',
        action: 'Publish through the outbox so the broker being down delays messages instead of failing checkouts.',
      },
    },
    success: [{ type: 'availability', from: 300, to: 900, atLeast: 0.99 }],
  };
}
