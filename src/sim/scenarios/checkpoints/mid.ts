import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * Mid checkpoint, two incidents in one shift: a canary whose analysis keeps failing but whose
 * pipeline will not give up for ten minutes (stop it), then a slow payment provider that turns
 * client retries into double charges (stop the unsafe retries).
 */
export function midCheckpointScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.dependencies = [{ id: 'payments', latency: { meanMs: 150, sigma: 0.6 }, errorRate: 0.002, timeoutMs: 5000, sideEffects: true }];
  return {
    id: 'checkpoint-mid',
    title: 'Checkpoint: Mid',
    briefing:
      'You are on call for the shop: about 100 requests a second, one in ten a checkout, which charges the payment provider (5 s timeout); the web client retries failed requests up to three times. The pipeline releases v2 as a canary this afternoon. To pass: keep the error budget burn under 6% and the double charges under 600.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(100),
    faults: [
      { id: 'v2-canary', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'canary', errorRate: 0.3, failureThreshold: 10 },
      { id: 'provider-slow', type: 'dependency-latency', at: 900, duration: 600, dependency: 'payments', factor: 15 },
    ],
    rootCause: {
      summary:
        'Two unrelated incidents. v2 failed 30% of its canary\'s requests; the analysis said so every minute, but the pipeline tolerated ten failed analyses, so only a manual rollback stopped it early. Later the payment provider slowed past the client timeout; clients retried checkouts whose charge had gone through, charging customers twice, until retries were switched off.',
      faults: ['v2-canary', 'provider-slow'],
      contributingFactors: [
        'The canary\'s failure threshold had been raised to 10 and never lowered.',
        'Checkout was retried by the client without an idempotency key.',
        'The server\'s payment timeout (5 s) was longer than the client\'s (2 s).',
      ],
    },
    stakeholders: [
      { id: 'canary-errors', at: 480, from: 'product', question: 'Is the new release why some customers see errors? Should we hold the launch post?' },
      { id: 'double-charges', at: 1020, from: 'support', question: 'Customers report double charges. Is this a known issue?' },
    ],
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 440, action: { type: 'rollback' } },
      { at: 970, action: { type: 'set-retry-policy', kind: 'none', maxAttempts: 1 } },
    ],
    drill: {
      level: 'mid',
      week: 8,
      lesson: 'canary-releases',
      concepts: ['canary analysis', 'abort a release', 'idempotency', 'unsafe retries'],
      doNothing: 'The canary hurts its users for ten minutes, then the slow provider turns every retried checkout into a second charge: thousands of them, and a fifth of the budget gone.',
      hints: {
        question: 'First: what does the canary analysis say? Later: how can one checkout be charged twice?',
        where: 'Canary analysis lines in the deploy annotations; then payments latency against the client timeout, and retries.',
        action: 'Roll back the canary; later, stop client retries of checkout until charges carry idempotency keys.',
      },
      checkpoint: 'mid',
    },
    success: [
      { type: 'error-budget', maxBurnedPercent: 6 },
      { type: 'max-duplicates', dependency: 'payments', atMost: 600 },
    ],
  };
}
