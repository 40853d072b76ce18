import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The guided first incident: a teammate turns a half-finished feature on for everyone, and a fifth of
 * requests fail. The lesson is the loop itself: notice, acknowledge, ask what changed, undo it.
 */
export function firstIncidentScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.flags = [...(topology.flags ?? []), { id: 'new-search', percentage: 0, effect: { errorRate: 0.2 } }];
  return {
    id: 'first-incident',
    title: 'Your first page',
    briefing:
      'You own the shop API: four instances serving browsing and checkout, about 200 requests a second. Healthy means almost no errors and pages in well under half a second. Teammates ship changes all day. If users start seeing errors, your job is to notice, say you are on it, find what changed and undo it.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(200),
    faults: [{ id: 'flag-on', type: 'flag-change', at: 300, flag: 'new-search', percentage: 100 }],
    rootCause: {
      summary:
        'A teammate switched the unfinished "new-search" feature on for every user at 300 s; its code path fails a fifth of requests. Turning the flag off stops the errors within seconds.',
      faults: ['flag-on'],
      contributingFactors: [
        'The flag went from 0% to 100% in one step instead of a small percentage first.',
        'Nobody watched the error rate after the change, so the page was the first signal.',
      ],
    },
    par: [
      { at: 420, action: { type: 'acknowledge' } },
      { at: 450, action: { type: 'set-flag', flag: 'new-search', percentage: 0 } },
    ],
    drill: {
      level: 'junior',
      week: 1,
      lesson: 'production-mindset',
      concepts: ['owning what you ship', 'what changed?', 'undo first, investigate after'],
      doNothing: 'A fifth of all requests fail until the end of the run: the incident never ends and about a tenth of the month\'s error budget burns.',
      hints: {
        question: 'Errors began suddenly at one moment. What happened at that moment?',
        where: 'Read the annotations on the error chart: deploys, flag changes and operator actions are all marked.',
        action: 'Acknowledge the page, then set the "new-search" flag back to 0% and watch the error rate fall.',
      },
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'error-budget', maxBurnedPercent: 4 },
    ],
  };
}
