import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The primary database host dies. Automatic failover is switched off (it once flapped), so writes
 * fail until someone promotes the replica: the recovery time is however long a human takes.
 */
export function primaryLostScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.database = { ...topology.database!, failover: { automatic: false, promoteSeconds: 15 } };
  return {
    id: 'primary-lost',
    title: 'The primary is gone',
    briefing:
      'You own the shop\'s database: a primary taking checkout writes and a streaming replica serving reads, with manual failover (promotion takes about 15 s). About 200 requests a second, one in ten a checkout. The recovery objectives: lose no committed orders, be writable again within 5 minutes.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(200),
    faults: [{ id: 'primary-host-lost', type: 'db-primary-loss', at: 300 }],
    rootCause: {
      summary:
        'The primary\'s host failed. Reads kept working from the replica but every write failed, so nobody could check out. Automatic failover was off, so writes came back only when the replica was promoted by hand.',
      faults: ['primary-host-lost'],
      contributingFactors: [
        'Automatic failover had been disabled after a false failover last year, and nobody owned turning it back on.',
        'The failover runbook had never been rehearsed, so the recovery time depended on finding it.',
      ],
    },
    par: [
      { at: 340, action: { type: 'acknowledge' } },
      { at: 360, action: { type: 'failover-db' } },
    ],
    drill: {
      level: 'senior',
      week: 12,
      lesson: 'backups-disaster-recovery',
      concepts: ['failover', 'RTO', 'RPO', 'replica promotion'],
      doNothing: 'Writes fail until the end of the run: no checkout succeeds for 25 minutes, far past the 5-minute recovery objective.',
      hints: {
        question: 'What works and what does not: reads, writes, or both?',
        where: 'Look at the database panel: the primary\'s state, the replica, and write errors against reads.',
        action: 'Promote the replica (fail over), then check checkout succeeds again.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 300 },
      { type: 'availability', from: 900, to: 1800, atLeast: 0.999 },
    ],
  };
}
