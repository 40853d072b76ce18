import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A few malformed orders fail every time a worker picks them up and go straight back to the queue; they end up holding every
 * worker while good orders pile up behind them.
 */
export function poisonMessageScenario(): ScenarioInput {
  return {
    id: 'poison-message',
    title: 'The order that never goes away',
    briefing:
      'You own order fulfilment: checkout publishes an order message, four workers process them (about 50 ms each), about 20 orders a second. Healthy means the queue stays near empty and orders are fulfilled within seconds.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    faults: [{ id: 'poison', type: 'poison-message', at: 300, count: 4, processSeconds: 30 }],
    rootCause: {
      summary:
        'A partner sent four orders with a currency code the worker cannot parse. Each attempt fails after a 30 s timeout and the message is redelivered at once, so the four messages occupy all four workers for good and the queue grows without bound. A dead-letter queue after a few receives sets the workers free.',
      faults: ['poison'],
      contributingFactors: [
        'The queue had no maximum receive count and no dead-letter queue.',
        'The worker treated a parse error (permanent) like a timeout (transient) and retried it.',
      ],
    },
    par: [
      { at: 480, action: { type: 'acknowledge' } },
      { at: 500, action: { type: 'enable-dlq' } },
    ],
    drill: {
      level: 'mid',
      week: 6,
      lesson: 'async-queues',
      concepts: ['poison messages', 'dead-letter queues', 'permanent vs transient failures'],
      doNothing: 'The poison messages hold every worker for the rest of the run; the queue only grows.',
      hints: {
        question: 'The workers are all busy, yet almost nothing is processed. What are they busy with?',
        where: 'Queue depth, processed per second and redeliveries: the same messages keep coming back.',
        action: 'Turn on the dead-letter queue so messages that failed a few times are set aside for a human.',
      },
    },
    // A stuck queue is not a client error: the queue's depth is the harm.
    success: [
      { type: 'metric-mean', metric: 'mq.depth', from: 900, to: 1800, atMost: 500 },
      { type: 'error-budget', maxBurnedPercent: 5 },
    ],
  };
}
