import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The primary database's disk fills up: reads keep working, every write fails, so browsing looks
 * fine while no order can be placed. A routine deploy a minute earlier is the obvious suspect and
 * innocent. The drill is the whole loop: detect, acknowledge, mitigate, resolve.
 */
export function fullDrillScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.database = { ...topology.database!, failover: { automatic: false } };
  return {
    id: 'full-drill',
    title: 'Nobody can check out',
    briefing:
      'You are the on-call engineer for the shop: browsing reads from the cache and a database replica, checkout writes to the primary and charges the payment provider; about 300 requests a second, one in ten a checkout. Database failover is manual. A routine release (v1.1) goes out this afternoon. Run the incident: detect, acknowledge, mitigate, resolve.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    scheduledActions: [{ at: 240, action: { type: 'deploy', version: 'v1.1', strategy: 'rolling' } }],
    faults: [{ id: 'disk', type: 'disk-full', at: 300 }],
    rootCause: {
      summary:
        'The primary\'s disk filled with write-ahead log kept for a replica slot nobody used, so every write failed while reads kept working: checkout was down, browsing was not. The v1.1 deploy was unrelated. Failing over to the replica (which had space) restored writes.',
      faults: ['disk'],
      contributingFactors: [
        'An abandoned replication slot kept WAL forever; there was no alert on disk usage.',
        'Failover was manual, and the runbook for it was not linked from the alert.',
      ],
    },
    stakeholders: [{ id: 'eta', when: { incident: 'acknowledged' }, from: 'vp', question: 'Nobody can check out. ETA?' }],
    par: [
      { at: 360, action: { type: 'acknowledge' } },
      { at: 420, action: { type: 'failover-db' } },
      { at: 900, action: { type: 'resolve-incident' } },
    ],
    drill: {
      level: 'senior',
      week: 10,
      lesson: 'incident-response',
      concepts: ['incident lifecycle', 'mitigate before root cause', 'red herring', 'resolve deliberately'],
      doNothing: 'Every checkout fails until the run ends (a tenth of all requests), while browsing looks healthy.',
      hints: {
        question: 'Which requests fail, and which do not? What do the failing ones have in common?',
        where: 'Split errors by route, then look at the database: writes against reads, and the primary\'s state.',
        action: 'Fail the database over to the replica, confirm checkouts succeed, then resolve the incident.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 400 },
      { type: 'availability', from: 900, to: 1800, atLeast: 0.999 },
    ],
  };
}
