/**
 * The warm-up: the console runs `seconds` of the scenario's healthy traffic before the player
 * joins, so every chart opens with a baseline. Everything the scenario times (faults, scheduled
 * actions, traffic spikes, success windows, the daily curve) moves later by that much, so the
 * scenario plays exactly as written from the player's T+00:00.
 */
import type { Scenario } from '../sim/scenarios/schema';

export function withWarmup(scenario: Scenario, seconds: number): Scenario {
  if (seconds === 0) return scenario;
  if (!(seconds > 0)) throw new Error(`warm-up must be zero or more seconds (got ${seconds})`);
  const shift = <T extends { at: number }>(x: T): T => ({ ...x, at: x.at + seconds });
  return {
    ...scenario,
    durationSeconds: scenario.durationSeconds + seconds,
    faults: scenario.faults.map(shift),
    scheduledActions: scenario.scheduledActions.map(shift),
    traffic: {
      sources: scenario.traffic.sources.map((s) => ({
        ...s,
        spikes: s.spikes.map(shift),
        // The curve's hour at the player's T+0 stays what the scenario says.
        daily: { ...s.daily, startHour: (((s.daily.startHour - seconds / 3600) % 24) + 24) % 24 },
      })),
    },
    success: scenario.success.map((c) => ('from' in c ? { ...c, from: c.from + seconds, to: c.to + seconds } : c)),
  };
}
