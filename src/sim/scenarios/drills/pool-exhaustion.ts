import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * A release leaks database connections: every v2 process keeps one now and then and never gives it
 * back. The primary's pool drains until checkouts cannot get a connection. Rolling back ends the
 * leaking processes, and their connections return to the pool.
 */
export function poolExhaustionScenario(): ScenarioInput {
  return {
    id: 'pool-exhaustion',
    title: 'Out of connections',
    briefing:
      'You own the shop API: 20 database connections per node, checkout writes to the primary, about 200 requests a second. Release v2 (a refactor of the order repository) goes out this afternoon. Healthy means connections come back to the pool after every request.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(200),
    faults: [{ id: 'v2-leak', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'rolling', errorRate: 0, leakConnectionsPerSecond: 0.1 }],
    rootCause: {
      summary:
        'v2 returns early on a validation error without releasing its database connection. The pool drains one connection at a time until no request can get one within the acquire timeout. Rolling back stops the leak and the restarted processes return the leaked connections.',
      faults: ['v2-leak'],
      contributingFactors: [
        'Connections were acquired and released by hand instead of with a scoped helper that always releases.',
        'There was no alert on pool usage or on connection wait time.',
      ],
    },
    par: [
      { at: 480, action: { type: 'acknowledge' } },
      { at: 500, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'junior',
      week: 4,
      lesson: 'connection-pooling',
      concepts: ['connection leaks', 'acquire timeouts', 'pool sizing'],
      doNothing: 'The pool keeps shrinking until no checkout can get a connection; writes fail until the end.',
      hints: {
        question: 'The database is idle, yet requests wait for connections. Where did the connections go?',
        where: 'Pool in use against leaked and waiting, since the deploy marker.',
        action: 'Roll back v2 (restarted processes give their connections back), then fix the early return.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'availability', from: 1200, to: 1800, atLeast: 0.999 },
    ],
  };
}
