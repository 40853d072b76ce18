import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The provider slows down but mostly still answers inside the timeout, so the breaker (which counts
 * failures) never trips while checkouts hold the workers browsing needs.
 */
export function slowDependencyScenario(): ScenarioInput {
  return {
    id: 'slow-dependency',
    title: 'Slow is worse than down',
    briefing:
      'You own the shop API: browsing and checkout, which charges an external payment provider behind a circuit breaker (opens at 50% failures); about 400 requests a second. Healthy means p99 under half a second.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(400),
    faults: [{ id: 'provider-slow', type: 'dependency-latency', at: 300, duration: 900, dependency: 'payments', factor: 5 }],
    rootCause: {
      summary:
        'The provider became five times slower but kept answering. Most calls still finished inside the 1 s timeout, so the failure-rate breaker never opened, while each checkout held a worker for most of a second and browsing queued behind them. Opening the breaker by hand stops the cascade; a breaker that also counts slow calls would have.',
      faults: ['provider-slow'],
      contributingFactors: [
        'The breaker counted only failures, not slow calls.',
        'The call timeout (1 s) was far above the provider\'s normal latency (150 ms).',
      ],
    },
    par: [
      { at: 380, action: { type: 'acknowledge' } },
      { at: 400, action: { type: 'force-breaker', dependency: 'payments', open: true } },
      { at: 1260, action: { type: 'force-breaker', dependency: 'payments', open: false } },
    ],
    drill: {
      level: 'senior',
      week: 11,
      lesson: 'circuit-breakers',
      concepts: ['slow-call rate', 'cascading failure', 'timeouts', 'breaker tuning'],
      doNothing: 'Checkouts hold workers for most of a second each; browsing queues behind them and about two requests in five fail until the provider recovers.',
      hints: {
        question: 'The breaker is closed. Is the dependency healthy, or just not failing?',
        where: 'Payments latency against its timeout, and workers busy per instance.',
        action: 'Open the payments breaker by hand until the provider recovers; then tune the timeout and a slow-call threshold.',
      },
    },
    success: [{ type: 'availability', from: 300, to: 1200, atLeast: 0.72 }],
  };
}
