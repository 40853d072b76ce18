import type { ScenarioInput } from '../schema';

/**
 * Senior checkpoint: a metastable retry storm. A 30-second slowdown of the ledger service sets off an
 * aggressive client's retries; the slowdown ends but the storm does not. Scaling out is too slow to
 * help; only shedding abandoned work lets the queues drain. Then the learner writes the postmortem.
 */
export function seniorCheckpointScenario(): ScenarioInput {
  return {
    id: 'checkpoint-senior',
    title: 'Checkpoint: Senior',
    briefing:
      'You are on call for the ledger API: six instances, about 450 requests a second from the partner SDK, p99 around 200 ms. A new SDK version rolled out to partners this week; the platform team finished an unrelated OS patch deploy just before your shift. To pass: restore service within 15 minutes, then write the postmortem.',
    durationSeconds: 1800,
    topology: {
      service: {
        id: 'ledger',
        replicas: 6,
        workers: 8,
        queueLimit: 512,
        serviceTime: { dist: 'exponential', meanMs: 60 },
        lb: 'least-connections',
        bootSeconds: 30,
      },
      routes: [{ id: 'ledger', steps: ['cpu'] }],
    },
    traffic: {
      sources: [
        {
          id: 'partner-sdk',
          rate: 450,
          users: 5_000,
          timeoutMs: 1000,
          retry: { backoff: { kind: 'exponential', maxAttempts: 3, baseMs: 200, capMs: 5000, jitter: 'full' }, budget: { kind: 'ratio' } },
          routes: { ledger: 1 },
        },
      ],
    },
    faults: [{ id: 'storm', type: 'retry-storm', at: 300, attempts: 5, triggerSeconds: 30, triggerFactor: 10 }],
    rootCause: {
      summary:
        'The new SDK retries immediately, up to five times, with no backoff, jitter or budget. A 30-second slowdown filled the queues; from then on every request waited longer than the 1 s client timeout, so all work was wasted and every timeout came back as a retry. The slowdown ended but the overload sustained itself. Shedding requests that had waited too long let the queues drain; a client retry budget prevents it.',
      faults: ['storm'],
      contributingFactors: [
        'The SDK release changed the retry policy without review by the API owners.',
        'Server queues held far more work than could be served within the client timeout, and nothing dropped expired work.',
        'There was no server-side signal (429 with Retry-After, or a breaker) to tell clients to back off.',
      ],
    },
    par: [
      { at: 380, action: { type: 'acknowledge' } },
      { at: 400, action: { type: 'load-shedding', enabled: true } },
      { at: 420, action: { type: 'set-retry-policy', kind: 'exponential', maxAttempts: 3, jitter: 'full', budget: 'ratio' } },
    ],
    drill: {
      level: 'senior',
      week: 11,
      lesson: 'circuit-breakers',
      concepts: ['metastable failure', 'load shedding', 'retry budgets', 'postmortem'],
      doNothing: 'The trigger is over after 30 seconds, yet the system never recovers: retries keep every queue full until the run ends.',
      hints: {
        question: 'The slowdown ended minutes ago. What keeps the load above capacity?',
        where: 'Compare arrivals with first attempts: count retries, and compare queue wait with the client timeout.',
        action: 'Shed work that waited longer than the client will wait, and get the clients onto backoff with a budget.',
      },
      checkpoint: 'senior',
    },
    success: [
      { type: 'mitigated-within', seconds: 900 },
      { type: 'availability', from: 1500, to: 1800, atLeast: 0.99 },
    ],
  };
}
