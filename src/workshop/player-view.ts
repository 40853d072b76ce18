/**
 * What of the facilitator's run a player may receive. The facilitator's simulation is the only
 * one, so this is the single gate hidden data could leak through: injected faults (their type and
 * parameters) and the debrief never pass; a catch-up carries the recent frames, not the whole run.
 */
import type { ConsoleAction, Frame, FromWorker, LoggedAction, PlayerScenario } from '../console/protocol';

/** Frames a catch-up carries at most: five simulated minutes. */
export const CATCH_UP_FRAMES = 300;
/**
 * And at most this much JSON. A frame mid-incident is about 7 kB, over half of it sampled log lines;
 * five whole minutes of those (1.5 MB) made a reload's catch-up slow on a busy machine, so the
 * history is compacted first (`compactHistory`) and this cap only drops the oldest of what is left.
 */
export const CATCH_UP_MAX_CHARS = 600_000;
/** The newest seconds a catch-up carries whole, log lines and all. */
export const CATCH_UP_FULL_SECONDS = 60;
/** Before those: one frame in this many seconds, without log lines (the charts draw across the gaps). */
export const CATCH_UP_STRIDE = 5;

/**
 * The history of a catch-up, compacted: the last minute whole, the minutes before it one frame in
 * five without log lines. The annotations (deploys, actions, alerts) of the frames left out ride on
 * the next frame kept, so the timeline and chart marks lose nothing; the Logs panel starts with the
 * last minute's lines; alert changes in the older part are placed to within five seconds.
 */
export function compactHistory(frames: readonly Frame[]): Frame[] {
  if (frames.length <= CATCH_UP_FULL_SECONDS) return [...frames];
  const older = frames.slice(0, -CATCH_UP_FULL_SECONDS);
  const recent = frames.slice(-CATCH_UP_FULL_SECONDS);
  const out: Frame[] = [];
  let carried: Frame['annotations'] = [];
  older.forEach((f, i) => {
    carried = carried.concat(f.annotations);
    // Counted from the newest, so the last older frame is always kept and the spacing meets the whole minute.
    if ((older.length - 1 - i) % CATCH_UP_STRIDE === 0) {
      out.push({ ...f, logs: [], annotations: carried });
      carried = [];
    }
  });
  return [...out, ...recent];
}

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

/** One `frames` message as the parts players receive it, oldest first (one part when it has no frames). */
export function framesInParts(message: Extract<FromWorker, { type: 'frames' }>): Extract<FromWorker, { type: 'frames' }>[] {
  const parts: Extract<FromWorker, { type: 'frames' }>[] = [];
  for (let i = 0; i === 0 || i < message.frames.length; i += FRAMES_PER_MESSAGE) {
    const frames = message.frames.slice(i, i + FRAMES_PER_MESSAGE);
    const last = i + FRAMES_PER_MESSAGE >= message.frames.length;
    // Earlier parts carry their own clock: a player's console must not end before the last part.
    const clock = last ? message.clock : { ...message.clock, t: frames[frames.length - 1]!.t, ended: false };
    parts.push({ ...message, frames, clock });
  }
  return parts;
}

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
      return { ...message, scenario: playerScenarioView(message.scenario), frames: framesWithin(compactHistory(message.frames.slice(-CATCH_UP_FRAMES))), log: playerLog(message.log) };
    case 'frames':
      return message;
    case 'acted':
      return hidden(message.record.action) ? null : message;
    // The debrief holds everything hidden; hints are the facilitator's to give; facilitator-side errors are the facilitator's.
    // A load's first frames: players catch up from the 'loaded' that ends it (its frames are the newest).
    case 'history':
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
