/**
 * What of the facilitator's run a player may receive. The facilitator's simulation is the only
 * one, so this is the single gate hidden data could leak through: injected faults (their type and
 * parameters) and the debrief never pass; a catch-up carries the recent frames, not the whole run.
 */
import type { ConsoleAction, Frame, FromWorker, LoggedAction, PlayerScenario } from '../console/protocol';

/** Frames a catch-up carries at most: five simulated minutes. */
export const CATCH_UP_FRAMES = 300;
/**
 * And at most this much JSON: a quiet frame is about 3 kB, but one mid-incident (error logs, alerts)
 * reaches 7 kB, and five minutes of those would pass the relay's 2 MB per facilitator message. Older
 * frames are dropped first; the console charts what it gets.
 */
export const CATCH_UP_MAX_CHARS = 1_500_000;

/** The newest frames whose JSON fits in `budget` characters (at least the newest one). */
export function framesWithin(frames: readonly Frame[], budget = CATCH_UP_MAX_CHARS): Frame[] {
  let used = 0;
  let from = frames.length;
  while (from > 0) {
    const size = JSON.stringify(frames[from - 1]).length + 1;
    if (used + size > budget && from < frames.length) break;
    used += size;
    from--;
  }
  return frames.slice(from);
}
/** Frames per message to players: a long step (skip to the end) is sent in parts the relay accepts. */
export const FRAMES_PER_MESSAGE = 200;

const hidden = (action: ConsoleAction | { type: string }) => action.type === 'inject-fault';

export function playerLog(log: readonly LoggedAction[]): LoggedAction[] {
  return log.filter((l) => !hidden(l.action));
}

/** Players never inject faults: the facilitator does, out of sight. */
export function playerScenarioView(scenario: PlayerScenario): PlayerScenario {
  return { ...scenario, faultsAllowed: false };
}

/** The players' copy of one console message, or null when it must not reach them. */
export function forPlayers(message: FromWorker): FromWorker | null {
  switch (message.type) {
    case 'loaded':
      return { ...message, scenario: playerScenarioView(message.scenario), frames: framesWithin(message.frames.slice(-CATCH_UP_FRAMES)), log: playerLog(message.log) };
    case 'frames':
      return message;
    case 'acted':
      return hidden(message.record.action) ? null : message;
    // The debrief holds everything hidden; hints are the facilitator's to give; facilitator-side errors are the facilitator's.
    case 'finished':
    case 'hint':
    case 'error':
      return null;
  }
}

/** A catch-up for one player, built from the facilitator's current state. */
export function catchUp(state: { scenario: PlayerScenario; clock: { t: number; playing: boolean; speed: number; ended: boolean }; frames: readonly Frame[]; log: readonly LoggedAction[] }): FromWorker {
  return forPlayers({ type: 'loaded', scenario: state.scenario, clock: state.clock as never, frames: state.frames.slice(-CATCH_UP_FRAMES), log: [...state.log] })!;
}
