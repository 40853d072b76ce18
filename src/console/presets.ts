/**
 * Free play (/sim/): the systems a learner can pick, built from the simulator's default topology, and
 * how busy it is. Each pick is an ordinary scenario without faults (the learner injects them), so a
 * free-play run shares, exports and replays like a drill. Pages build these at build time and hand
 * them to the console as plain data.
 */
import { defaultTopology, defaultTraffic, type ScenarioInput } from '../sim/index';

type TopologyInput = ScenarioInput['topology'];

export interface Preset {
  id: string;
  title: string;
  description: string;
  topology: () => TopologyInput;
}

export interface TrafficLevel {
  id: string;
  title: string;
  /** Mean requests per second from the web clients. */
  rate: number;
}

/** Free play runs long enough to try things; the console pauses at its end. */
export const FREE_PLAY_SECONDS = 2 * 3600;

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

/**
 * Releases a free-play learner can deploy, with what they do said openly: the point is to see how
 * rolling, canary and blue-green deploys (and the canary judge) meet a bad release.
 */
export const FREE_PLAY_VERSIONS = {
  v2: { errorRate: 0, latencyFactor: 1 },
  v3: { errorRate: 0.03, latencyFactor: 1 },
  v4: { errorRate: 0, latencyFactor: 1.6 },
  v5: { errorRate: 0.3, latencyFactor: 1 },
} as const;
const VERSION_NOTES = 'v2 (a good release), v3 (fails 3% of requests), v4 (60% slower), v5 (fails 30%)';

export const DEFAULT_PRESET = 'shop';
export const DEFAULT_TRAFFIC = 'normal';

/** The free-play scenario for a preset and a traffic level; throws on an unknown id. */
export function freePlayScenario(presetId: string, trafficId: string): ScenarioInput {
  const preset = PRESETS.find((p) => p.id === presetId);
  const traffic = TRAFFIC_LEVELS.find((t) => t.id === trafficId);
  if (!preset) throw new Error(`unknown preset "${presetId}"; known: ${PRESETS.map((p) => p.id).join(', ')}`);
  if (!traffic) throw new Error(`unknown traffic level "${trafficId}"; known: ${TRAFFIC_LEVELS.map((t) => t.id).join(', ')}`);
  const topology = preset.topology();
  topology.service = { ...topology.service, versions: { ...FREE_PLAY_VERSIONS } };
  return {
    id: `free-play-${preset.id}-${traffic.id}`,
    title: `${preset.title}, ${traffic.title.toLowerCase()}`,
    briefing: `Free play. ${preset.description} About ${traffic.rate} requests a second. Versions you can deploy: ${VERSION_NOTES}. Deploy, inject faults and try any action.`,
    durationSeconds: FREE_PLAY_SECONDS,
    seed: 1,
    topology,
    traffic: defaultTraffic(traffic.rate),
  };
}
