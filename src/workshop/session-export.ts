/**
 * A workshop session as one JSON file: what the facilitator keeps after the room is gone. The
 * console's action log is in it whole (injected faults too), so loading the script with the same
 * seed and replaying the log gives back the same run.
 */
import type { LoggedAction } from '../console/protocol';
import type { WorkshopScript } from './script';
import type { SessionState } from './session';

const EXPORT_FORMAT = 'blast-radius-workshop';

export interface ExportedRun {
  script: WorkshopScript;
  seed: number;
  warmupSeconds: number;
  session: SessionState;
  log: readonly LoggedAction[];
}

/** The session's script, seed, roles, timeline (attribution and notes) and action log, as indented JSON. */
export function exportSession({ script, seed, warmupSeconds, session: s, log }: ExportedRun): string {
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: 1,
      script: { id: script.id, title: script.title, pack: script.pack?.title ?? null },
      seed,
      warmupSeconds,
      room: s.room?.code ?? null,
      players: s.players.map(({ playerId, name, role }) => ({ playerId, name, role })),
      injects: s.injects.map(({ id, at, status, firedAt, summary }) => ({ id, scheduledAt: at, status, firedAt, summary })),
      contingencies: s.contingencies.map(({ id, by, expected, status, settledAt }) => ({ id, by, expected, status, settledAt })),
      rubric: s.rubric,
      timeline: s.timeline,
      log,
    },
    null,
    2,
  );
}
