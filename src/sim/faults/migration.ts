import type { SimulationCore } from '../core/types';
import { LOCK_CONTENDED, LOCK_EXCLUSIVE } from '../model/database';
import type { FaultDef, FaultOf } from './types';

/** The migration-table-lock fault ends (its end, or the `cancel-migration` action): locks go at once. */
export function endMigration(sim: SimulationCore, index: number, node: number): void {
  const db = sim.dp.db!;
  sim.sched.cancelTimer(`fault:${index}/exclusive-lock`);
  db.nodes[node]!.writeLock = 0;
  if (db.migration?.fault === index) db.migration = null;
}

function lockTable(sim: SimulationCore, f: FaultOf<'migration-table-lock'>, node: number): void {
  sim.dp.db!.nodes[node]!.writeLock = LOCK_EXCLUSIVE;
  sim.annotations.add(sim.now, 'fault', `migration on ${f.table} takes an exclusive lock`, true);
}

/** A schema migration on a hot table: contended writes, then an exclusive lock, until it ends or is cancelled. */
export const migrationTableLock: FaultDef<'migration-table-lock'> = {
  start: (sim, f, index) => {
    const db = sim.dp.db!;
    const node = db.primary;
    node.lockFactor = f.slowFactor;
    node.lockTimeout = f.statementTimeoutMs / 1000;
    node.writeLock = LOCK_CONTENDED;
    const memory = { node: db.nodes.indexOf(node) };
    if (f.slowSeconds > 0) sim.sched.startTask(`fault:${index}/exclusive-lock`, f.slowSeconds, { kind: 'fault', index, name: 'lock' });
    else lockTable(sim, f, memory.node);
    db.migration = { table: f.table, fault: index, node: memory.node };
    return memory;
  },
  stop: (sim, _f, index, memory) => endMigration(sim, index, memory!.node!),
  on: (sim, f, _index, memory) => lockTable(sim, f, memory!.node!),
};
