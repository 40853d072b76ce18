import type { ScenarioInput } from '../schema';
import { defaultTopology, defaultTraffic } from '../defaults';

/**
 * The payment provider has an outage you cannot fix, and in the middle of it an engineer ships a
 * "hotfix" that crash-loops. The commander's job: keep one picture of the incident, freeze changes,
 * undo the one thing you can undo, and wait out the one you cannot.
 */
export function commanderDrillScenario(): ScenarioInput {
  const topology = defaultTopology();
  topology.service = { ...topology.service, serviceTime: { dist: 'lognormal', meanMs: 30, sigma: 0.5 } };
  return {
    id: 'commander-drill',
    title: 'Too many cooks',
    briefing:
      'You are incident commander for the shop: four API instances, about 300 requests a second, checkout charges an external payment provider. Several engineers are online and can deploy. Your job is the whole incident: one picture, clear decisions, nothing made worse.',
    durationSeconds: 1800,
    topology,
    traffic: defaultTraffic(300),
    faults: [
      { id: 'provider-down', type: 'dependency-outage', at: 300, duration: 900, dependency: 'payments', mode: 'errors' },
      { id: 'hotfix', type: 'bad-deploy', at: 480, version: 'v2-hotfix', strategy: 'rolling', errorRate: 0, crashAfterSeconds: 60 },
    ],
    rootCause: {
      summary:
        'The payment provider was down for 15 minutes: checkouts failed and nothing on our side could fix that. Three minutes in, an engineer deployed a "hotfix" (v2-hotfix) to retry payments; it crashed a minute after start and took browsing down too. Rolling back the hotfix restored browsing; checkouts recovered when the provider did.',
      faults: ['provider-down', 'hotfix'],
      contributingFactors: [
        'There was no change freeze during incidents, and the deploy did not go through the commander.',
        'The provider\'s status page was not linked from our payment alerts, so people guessed at the cause.',
      ],
    },
    stakeholders: [
      { id: 'eta', when: { incident: 'detected' }, from: 'vp', question: 'ETA?' },
      { id: 'checkout-down', at: 600, from: 'support', question: 'Customers say checkout fails and now the site is down too. What do we tell them?' },
    ],
    par: [
      { at: 360, action: { type: 'acknowledge' } },
      { at: 600, action: { type: 'rollback' } },
    ],
    drill: {
      level: 'staff',
      week: null,
      lesson: 'incident-commander',
      concepts: ['incident command', 'change freeze', 'what you can and cannot fix', 'status updates'],
      doNothing: 'The hotfix keeps crash-looping after the provider recovers: the shop stays mostly down until the run ends.',
      hints: {
        question: 'Which part of this incident is yours to fix, and which is the provider\'s? What changed on our side since it began?',
        where: 'Separate checkout errors (payments) from everything else, and read the deploy markers after the start.',
        action: 'Freeze deploys, roll back the hotfix, and post a status update that checkouts depend on the provider.',
      },
    },
    success: [
      { type: 'availability', from: 1320, to: 1800, atLeast: 0.999 },
      { type: 'error-budget', maxBurnedPercent: 10 },
    ],
  };
}
