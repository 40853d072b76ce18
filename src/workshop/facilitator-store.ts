/**
 * The facilitator's run kept across a reload of the page: the script, seed, relay, session (room
 * and secret, players, injects, notes, queue) and the console's action log with the second reached.
 * The simulation is a pure function of those, so a reload replays the log to that second and the
 * room is resumed on the relay with its secret. Kept per tab (sessionStorage): closing the tab ends it.
 */
import { z } from 'zod';
import type { LoggedAction } from '../console/protocol';
import type { WorkshopScript } from './script';
import type { SessionState } from './session';

export const FACILITATOR_RUN_KEY = 'blast-radius-workshop-facilitator';

export interface KeptRun {
  version: 1;
  script: WorkshopScript;
  seed: number;
  warmupSeconds: number;
  relay: string | null;
  session: SessionState;
  log: LoggedAction[];
  /** Simulated second (absolute) the run had reached. */
  reached: number;
}

// The page wrote it, but storage outlives code versions: check the shape before replaying anything.
const keptSchema = z.object({
  version: z.literal(1),
  script: z.object({ id: z.string(), title: z.string(), injects: z.array(z.unknown()), scenario: z.record(z.string(), z.unknown()) }).passthrough(),
  seed: z.number().int().min(0),
  warmupSeconds: z.number().min(0),
  relay: z.string().nullable(),
  session: z.object({ scriptId: z.string(), timeline: z.array(z.unknown()), attribution: z.array(z.unknown()), queue: z.array(z.unknown()), rubric: z.array(z.unknown()) }).passthrough(),
  log: z.array(z.object({ at: z.number(), action: z.object({ type: z.string() }).passthrough(), accepted: z.boolean(), message: z.string() })),
  reached: z.number().min(0),
});

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readKeptRun(storage: StorageLike): KeptRun | null {
  try {
    const r = keptSchema.safeParse(JSON.parse(storage.getItem(FACILITATOR_RUN_KEY) ?? 'null'));
    return r.success ? (r.data as unknown as KeptRun) : null;
  } catch {
    return null;
  }
}

/** Saves the run; false when storage refused it (full or blocked), so the page can warn before unload instead. */
export function keepRun(storage: StorageLike, run: KeptRun): boolean {
  try {
    storage.setItem(FACILITATOR_RUN_KEY, JSON.stringify(run));
    return true;
  } catch {
    return false;
  }
}

export function forgetRun(storage: StorageLike): void {
  try {
    storage.removeItem(FACILITATOR_RUN_KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
