import type { Snapshot } from 'xstate';

/**
 * An xstate actor as a checkpoint holds it: its id and `getPersistedSnapshot()`. A restored run finds
 * these where its actors were and starts each machine again from the snapshot (ControlPlane.restore);
 * one that nobody restarts throws when used, so a forgotten actor cannot fail silently.
 */
export class PersistedActor {
  restarted = false;
  constructor(
    readonly id: string,
    readonly snapshot: Snapshot<unknown>,
  ) {}

  send(): never {
    throw new Error(`restore: actor "${this.id}" was not started again from its snapshot`);
  }
}

/** The persisted snapshot an actor field holds after a restore (and marks it restarted). */
export function snapshotOf(actor: unknown): Snapshot<unknown> {
  if (!(actor instanceof PersistedActor)) throw new Error('restore: expected a persisted actor; was this run restored from a checkpoint?');
  actor.restarted = true;
  return actor.snapshot;
}

/** Whether `x` is a running xstate actor (what a checkpoint stores as a PersistedActor). */
export function isActor(x: object): x is { id: string; getPersistedSnapshot(): Snapshot<unknown> } {
  return typeof (x as { getPersistedSnapshot?: unknown }).getPersistedSnapshot === 'function' && typeof (x as { id?: unknown }).id === 'string';
}
