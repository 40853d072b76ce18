import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * Replication stops but nothing fails: the replica keeps answering, with older and older data.
 */
export function partitionScenario(): ScenarioInput {
  return {
    id: 'partition',
    title: 'Everything is green and wrong',
    briefing:
      'You own the shop\'s data: a primary for writes and an asynchronous replica for reads, about 200 requests a second. Healthy means reads reflect writes within a second.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    faults: [{ id: 'split', type: 'replica-partition', at: 300 }],
    rootCause: {
      summary:
        'A network change cut replication between the primary and the replica. The replica stayed up and answered reads from an ever older snapshot; the lag check looked at the replica\'s own clock and saw nothing wrong. Sending reads to the primary trades load for consistency until replication is repaired.',
      faults: ['split'],
      contributingFactors: [
        'Replication lag was measured on the replica, which cannot notice that it stopped receiving changes.',
        'Order history read from the replica with no read-your-writes guarantee.',
      ],
    },
    stakeholders: [{ id: 'missing-orders', at: 390, from: 'support', question: 'Customers say their new orders are missing from their order history. Are orders being lost?' }],
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 440, action: { type: 'route-reads', to: 'primary' } },
    ],
    drill: {
      level: 'senior',
      week: 12,
      lesson: 'consistency-cap',
      concepts: ['replication lag', 'stale reads', 'consistency vs availability'],
      doNothing: 'The replica serves ever older data for the rest of the run; nothing errors, customers just see the past.',
      hints: {
        question: 'Nothing is failing. What would make a successful read wrong?',
        where: 'Replication state and lag measured from the primary, not the replica.',
        action: 'Send reads to the primary (choosing consistency), then repair replication.',
      },
    },
    // Stale reads are not errors: the stale-read ratio is the harm.
    success: [
      { type: 'metric-mean', metric: 'db.staleReadRatio', from: 600, to: 1800, atMost: 0.05 },
      { type: 'error-budget', maxBurnedPercent: 5 },
    ],
  };
}
