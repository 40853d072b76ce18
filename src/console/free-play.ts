/**
 * Free play's scenario, composed in the browser from data the page was built with (presets.ts),
 * without the simulator's code: the main bundle stays small, and the scenario travels whole in a
 * share link, so a link replays the same system even if the presets change later.
 */
import type { ScenarioInput } from '../sim/index';

type TopologyInput = ScenarioInput['topology'];
type SourceInput = ScenarioInput['traffic']['sources'][number];

export interface TrafficLevel {
  id: string;
  title: string;
  /** Mean requests per second from the web clients. */
  rate: number;
}

export interface FreePlayOptions {
  presets: { id: string; title: string; description: string; topology: TopologyInput }[];
  traffic: TrafficLevel[];
  /** The web clients, at rate 1 (scaled to the chosen level). */
  source: SourceInput;
}

/** Free play runs long enough to try things; the console stops at its end. */
export const FREE_PLAY_SECONDS = 2 * 3600;

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
export const VERSION_NOTES = 'v2 (a good release), v3 (fails 3% of requests), v4 (60% slower), v5 (fails 30%)';

export function composeFreePlay(options: FreePlayOptions, presetId: string, trafficId: string): ScenarioInput {
  const preset = options.presets.find((p) => p.id === presetId);
  const traffic = options.traffic.find((t) => t.id === trafficId);
  if (!preset) throw new Error(`unknown preset "${presetId}"; known: ${options.presets.map((p) => p.id).join(', ')}`);
  if (!traffic) throw new Error(`unknown traffic level "${trafficId}"; known: ${options.traffic.map((t) => t.id).join(', ')}`);
  const topology: TopologyInput = { ...preset.topology, service: { ...preset.topology.service, versions: { ...FREE_PLAY_VERSIONS } } };
  return {
    id: `free-play-${preset.id}-${traffic.id}`,
    title: `${preset.title}, ${traffic.title.toLowerCase()}`,
    briefing: `Free play. ${preset.description} About ${traffic.rate} requests a second. Versions you can deploy: ${VERSION_NOTES}.`,
    durationSeconds: FREE_PLAY_SECONDS,
    seed: 1,
    topology,
    traffic: { sources: [{ ...options.source, rate: traffic.rate }] },
  };
}
