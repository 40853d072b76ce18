/**
 * Free play (/sim/): the systems a learner can pick, built from the simulator's default topology, and
 * how busy it is. Each pick is an ordinary scenario without faults (the learner injects them), so a
 * free-play run shares, exports and replays like a drill. Pages build these at build time and hand
 * them to the console as plain data.
 */
import { defaultTopology, defaultTraffic, type ScenarioInput } from '../sim/index';
import { composeFreePlay, type FreePlayOptions, type TrafficLevel } from './free-play';

type TopologyInput = ScenarioInput['topology'];

export interface Preset {
  id: string;
  title: string;
  description: string;
  topology: () => TopologyInput;
}

function only(parts: { cache?: boolean; queue?: boolean; payments?: boolean }): TopologyInput {
  const t = defaultTopology();
  const browse = parts.cache ? ['cpu', 'cache-read'] : ['cpu', 'db-read'];
  const checkout = ['cpu', 'db-write', ...(parts.payments ? ['call:payments'] : []), ...(parts.queue ? ['publish'] : [])];
  return {
    ...t,
    routes: [
      { id: 'browse', steps: browse },
      { id: 'checkout', steps: checkout },
    ],
    cache: parts.cache ? t.cache : null,
    messageQueue: parts.queue ? t.messageQueue : null,
    dependencies: parts.payments ? t.dependencies : [],
  };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'shop',
    title: 'The whole shop',
    description: 'Four API instances, a read-through cache, a database with a replica, the payment provider and an order queue.',
    topology: defaultTopology,
  },
  { id: 'minimal', title: 'Service and database', description: 'Four API instances reading and writing one database (with a replica).', topology: () => only({}) },
  { id: 'cache', title: 'With a cache', description: 'Browsing reads through an LRU cache; checkout writes to the database.', topology: () => only({ cache: true }) },
  { id: 'queue', title: 'With a queue', description: 'Checkout publishes an order message that background workers process.', topology: () => only({ queue: true }) },
  {
    id: 'payments',
    title: 'With a payment dependency',
    description: 'Checkout calls the payment provider behind a circuit breaker.',
    topology: () => only({ payments: true }),
  },
];

export const TRAFFIC_LEVELS: readonly TrafficLevel[] = [
  { id: 'quiet', title: 'Quiet night', rate: 80 },
  { id: 'normal', title: 'Normal day', rate: 200 },
  { id: 'busy', title: 'Busy afternoon', rate: 400 },
  { id: 'peak', title: 'Sale peak', rate: 550 },
];

export const DEFAULT_PRESET = 'shop';
export const DEFAULT_TRAFFIC = 'normal';

/** What a free-play page hands the console: the presets' data, built here at build time. */
export function freePlayOptions(): FreePlayOptions {
  return {
    presets: PRESETS.map((p) => ({ id: p.id, title: p.title, description: p.description, topology: p.topology() })),
    traffic: [...TRAFFIC_LEVELS],
    source: defaultTraffic(1).sources[0]!,
  };
}

/** The free-play scenario for a preset and a traffic level; throws on an unknown id. */
export function freePlayScenario(presetId: string, trafficId: string): ScenarioInput {
  return composeFreePlay(freePlayOptions(), presetId, trafficId);
}
