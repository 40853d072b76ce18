import type { ScenarioInput } from './schema';

/**
 * Metastable failure: a new mobile client retries immediately (no backoff, no jitter, no budget).
 * A 20-second stall of the API fills the queues; clients time out and retry; the queues never drain
 * because every request is served after its client has already given up and retried. The stall is
 * long over, yet the system stays down until load is shed (or the retries are tamed).
 */
export function retryStormScenario(): ScenarioInput {
  return {
    id: 'retry-storm',
    title: 'The storm that would not stop',
    briefing: 'A new version of the mobile app shipped this morning. Traffic looks normal. You are on call.',
    durationSeconds: 1800,
    seed: 5,
    topology: {
      service: {
        id: 'api',
        replicas: 4,
        workers: 8,
        queueLimit: 512,
        serviceTime: { dist: 'exponential', meanMs: 50 },
        lb: 'least-connections',
        bootSeconds: 20,
      },
      routes: [{ id: 'api', steps: ['cpu'] }],
    },
    traffic: {
      sources: [
        {
          id: 'mobile',
          rate: 300,
          users: 50_000,
          timeoutMs: 1000,
          retry: { backoff: { kind: 'exponential', maxAttempts: 3, baseMs: 200, capMs: 5000, jitter: 'full' }, budget: { kind: 'ratio' } },
          routes: { api: 1 },
        },
      ],
    },
    faults: [{ id: 'storm', type: 'retry-storm', at: 300, attempts: 5, triggerSeconds: 20, triggerFactor: 20 }],
    rootCause: {
      summary:
        'The new app retries failed requests immediately, up to 5 times, with no jitter and no retry budget. A 20 s stall filled the queues; afterwards each request waited longer than the client timeout, so all work was wasted and every timeout became another request. Shedding load (bounded queues, dropping requests that waited too long) lets the queues drain; backoff with jitter and a retry budget prevents it.',
      faults: ['storm'],
      contributingFactors: [
        'The new mobile app retried immediately, five times, with no backoff, jitter or retry budget.',
        'The API queues were bounded only at 512 per instance, far beyond what clients wait for, so queued work was already abandoned.',
      ],
    },
    // The storm sustains itself: only shedding the abandoned work lets the queues drain.
    par: [
      { at: 371, action: { type: 'acknowledge' } },
      { at: 401, action: { type: 'load-shedding', enabled: true } },
    ],
    drill: {
      level: 'junior',
      week: 2,
      lesson: 'timeouts-retries',
      concepts: ['retry storm', 'metastable failure', 'load shedding'],
      doNothing: 'The stall is over in 20 seconds but the system never recovers: retries keep every queue full and two thirds of the error budget burns.',
      hints: {
        question: 'The slowdown ended long ago; why are requests still failing?',
        where: 'Look at requests per second against successes, retries, and how long requests wait in the queue.',
        action: 'Shed load: drop requests that have waited longer than clients wait, so the queues can drain.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 900 },
      { type: 'availability', from: 1500, to: 1800, atLeast: 0.99 },
    ],
  };
}
