import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import { resetLeaks, type DataPlane } from '../core/dataplane';
import type { Database } from '../model/database';
import type { Topology } from '../model/topology';
import type { Annotations } from '../telemetry/logs';
import { timerActions } from '../machines/timers';
import { databaseMachine, type DatabaseState } from '../machines/database.machine';

export type DatabaseActor = Actor<typeof databaseMachine>;

/** How long provisioning a new replica takes after a failover. */
const REBUILD_SECONDS = 600;

export interface DatabaseDeps {
  readonly sched: Scheduler;
  readonly annotations: Annotations;
  readonly dp: DataPlane;
  databasePublished(state: DatabaseState): void;
}

/** Failover: the machine fences, promotes and rebuilds; the nodes it changes are the data plane's. */
export function createDatabaseActor(
  deps: DatabaseDeps,
  db: Database,
  config: NonNullable<Topology['database']>,
  restore?: { snapshot: Snapshot<unknown>; state: DatabaseState },
): DatabaseActor {
  const { sched, annotations, dp } = deps;
  let current: DatabaseState = restore?.state ?? 'healthy';
  const machine = databaseMachine.provide({
    actions: {
      ...timerActions(sched),
      publish: (_, p) => {
        if (p.state !== current) annotations.add(sched.now, 'database', `database ${p.state}`);
        current = p.state;
        deps.databasePublished(p.state);
      },
      fencePrimary: () => {
        db.primary.up = false;
      },
      promoteReplica: () => {
        const r = db.replica;
        if (!r) return;
        const old = db.primary;
        db.primary = r;
        db.replica = null;
        db.replicationBroken = false;
        db.failovers++;
        // The old primary is out of rotation until a new replica is provisioned.
        old.up = false;
        resetLeaks(dp);
      },
      provisionReplica: () => {
        const spare = db.nodes.find((n) => n !== db.primary);
        if (!spare) return;
        spare.up = true;
        spare.diskFull = false;
        spare.slowFactor = db.primary.slowFactor;
        db.replica = spare;
        db.replicationBroken = false;
      },
    },
    guards: {
      hasReplica: () => db.replica !== null && db.replica.up,
    },
  });
  return createActor(machine, {
    id: 'database',
    input: {
      automatic: config.failover.automatic,
      detectSeconds: config.failover.detectSeconds,
      promoteSeconds: config.failover.promoteSeconds,
      rebuildSeconds: REBUILD_SECONDS,
    },
    snapshot: restore?.snapshot,
  }).start();
}
