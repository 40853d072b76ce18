import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A migration rewrites the orders table, slows writes, then takes an exclusive lock: every checkout waits and
 * fails while browsing carries on.
 */
export function migrationLocksTableScenario(): ScenarioInput {
  return {
    id: 'migration-locks-table',
    title: 'ALTER TABLE orders',
    briefing:
      'You own the shop\'s database: checkout writes orders to the primary, browsing reads the replica; about 300 requests a second, one in ten a checkout. A teammate is running a schema migration on the orders table this afternoon ("it was instant on staging"). Healthy means checkouts succeed.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(300),
    faults: [{ id: 'migration', type: 'migration-table-lock', at: 300, table: 'orders', slowSeconds: 60, slowFactor: 8, statementTimeoutMs: 3000 }],
    rootCause: {
      summary:
        'The migration added a column with a volatile default, which rewrites the whole table: first in batches that slowed writes, then under an ACCESS EXCLUSIVE lock that blocked every insert until the statement timeout. Cancelling the migration released the lock; expand-contract (add nullable, backfill in batches, then constrain) avoids it.',
      faults: ['migration'],
      contributingFactors: [
        'Staging\'s orders table had a few thousand rows, production\'s two hundred million.',
        'The migration ran without a lock timeout, so it waited for and then held the lock indefinitely.',
      ],
    },
    par: [
      { at: 400, action: { type: 'acknowledge' } },
      { at: 420, action: { type: 'cancel-migration' } },
    ],
    drill: {
      level: 'senior',
      week: 12,
      lesson: 'schema-changes',
      concepts: ['table locks', 'expand-contract', 'lock timeouts', 'online migrations'],
      doNothing: 'The migration holds the lock until the run ends: every checkout fails while browsing looks fine.',
      hints: {
        question: 'Only writes to one table fail. What is holding that table?',
        where: 'Database write latency and errors, the lock waits, and what started just before.',
        action: 'Cancel the migration, then plan it again as expand-contract with a lock timeout.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 400 },
      { type: 'availability', from: 900, to: 1800, atLeast: 0.999 },
    ],
  };
}
