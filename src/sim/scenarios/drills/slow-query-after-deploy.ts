import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * v2 drops an index from a query's plan: every cache miss now scans, the database connections stay
 * busy longer, and browsing queues behind them. A rollback restores the plan.
 */
export function slowQueryAfterDeployScenario(): ScenarioInput {
  return {
    id: 'slow-query-after-deploy',
    title: 'It was fast yesterday',
    briefing:
      'You own the shop API: browsing reads through a cache to a database replica (20 connections), checkout writes to the primary; about 300 requests a second. Release v2 (a new product filter) rolls out this afternoon. Healthy means p99 under half a second.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(300),
    faults: [{ id: 'v2-scan', type: 'slow-query-deploy', at: 300, version: 'v2', strategy: 'rolling', factor: 12 }],
    rootCause: {
      summary:
        'v2 rewrote the product query so it no longer uses the (category, price) index: each cache miss became a sequential scan, twelve times slower. The replica\'s connection pool filled, browsing waited for connections and timed out. Rolling back restores the indexed plan.',
      faults: ['v2-scan'],
      contributingFactors: [
        'The query was only tested against a small development database, where a scan is as fast as an index lookup.',
        'Nobody looked at the query plan (EXPLAIN) in review.',
      ],
    },
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 440, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'junior',
      week: 3,
      lesson: 'indexes-n-plus-one',
      concepts: ['query plans', 'indexes', 'connection pool saturation', 'rollback'],
      doNothing: 'Every cache miss stays slow: the replica pool stays full and browsing keeps timing out until the run ends.',
      hints: {
        question: 'The database got slower right after a deploy. Which queries, and why?',
        where: 'Database read latency and pool waiting, next to the deploy marker; then the slow query\'s plan.',
        action: 'Roll back v2 now; fix the query (or add the index) before shipping it again.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
