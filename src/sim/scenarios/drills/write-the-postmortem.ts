import type { ScenarioInput } from '../schema';

/**
 * A release makes request handling six times slower on a service with little headroom; clients
 * time out and retry, which adds load exactly when there is none to spare. A short incident with
 * several contributing factors: the material for a good blameless postmortem.
 */
export function writeThePostmortemScenario(): ScenarioInput {
  return {
    id: 'write-the-postmortem',
    title: 'Tell the story',
    briefing:
      'You own the search API: six instances, about 500 requests a second from the web app, which retries failed requests. Release v2 (a new ranking model) goes out this afternoon. Handle the incident if there is one, then write its postmortem from the timeline.',
    durationSeconds: 1800,
    topology: {
      service: { id: 'search', replicas: 6, workers: 8, queueLimit: 128, serviceTime: { dist: 'lognormal', meanMs: 20, sigma: 0.5 }, bootSeconds: 20 },
      routes: [{ id: 'search', steps: ['cpu'] }],
    },
    traffic: {
      sources: [
        {
          id: 'web',
          rate: 500,
          timeoutMs: 1000,
          retry: { backoff: { kind: 'exponential', maxAttempts: 3, baseMs: 100, capMs: 1000, jitter: 'full' } },
          routes: { search: 1 },
        },
      ],
    },
    faults: [{ id: 'v2-slow', type: 'bad-deploy', at: 300, version: 'v2', strategy: 'rolling', errorRate: 0, latencyFactor: 6 }],
    rootCause: {
      summary:
        'v2\'s ranking model made each search six times more expensive. Six instances normally run at about a fifth of their capacity, so a six-fold cost overloaded them: as v2 rolled out queues grew, clients timed out and retried, and the retries added more load. Rolling back to v1 restored latency.',
      faults: ['v2-slow'],
      contributingFactors: [
        'The new model was load-tested on a laptop, not against production traffic.',
        'The rolling deploy had no latency check, so it finished rolling out while latency climbed.',
        'Clients retried up to three times with no retry budget, adding load during the overload.',
      ],
    },
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 440, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'senior',
      week: 10,
      lesson: 'postmortems-runbooks',
      concepts: ['blameless postmortem', 'timeline', 'contributing factors', 'action items'],
      doNothing: 'Searches stay slow and most time out until the run ends; there is no recovery to write about.',
      hints: {
        question: 'When did users start to hurt, when did you know, when did it stop? What made it worse?',
        where: 'Use the timeline: deploy markers, the first alert, your actions, and the retry count next to latency.',
        action: 'Roll back, then draft the postmortem: impact, timeline, contributing factors, one action item for each.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 400 },
      { type: 'availability', from: 900, to: 1800, atLeast: 0.999 },
    ],
  };
}
