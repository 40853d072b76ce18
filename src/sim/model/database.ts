import { DeadlineFifo } from '../engine/fifo';
import type { Distribution } from './topology';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * A database node with a connection pool. Requests hold a connection for the duration of a query;
 * when all connections are in use they wait in FIFO order up to the acquire timeout.
 */
export class DbNode {
  inUse = 0;
  /** Connections taken by a leak and never returned. */
  leaked = 0;
  readonly waiters = new DeadlineFifo(64);
  up = true;
  diskFull = false;
  slowFactor = 1;
  /**
   * A migration's hold on a written table: 0 none, LOCK_CONTENDED (writes `lockFactor` times slower)
   * or LOCK_EXCLUSIVE (writes wait `lockTimeout` seconds, the statement timeout, and fail).
   */
  writeLock = 0;
  lockFactor = 1;
  lockTimeout = 3;
  // Telemetry bookkeeping.
  busyArea = 0;
  waitArea = 0;
  lastChange = 0;
  queries = 0;
  errors = 0;
  acquireTimeouts = 0;

  constructor(
    readonly index: number,
    public name: string,
    public maxConnections: number,
    public readDist: Distribution,
    public writeDist: Distribution,
  ) {
    stopIfReviving(this, new.target);
  }

  get available(): number {
    return this.maxConnections - this.leaked - this.inUse;
  }

  /** The simulated clock (Scheduler.clock), read here instead of passing the time as an argument. */
  clock: Float64Array = NO_CLOCK;

  touch(): void {
    const now = this.clock[0]!;
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.inUse * dt;
      this.waitArea += this.waiters.length * dt;
      this.lastChange = now;
    }
  }
}

export const LOCK_CONTENDED = 1;
export const LOCK_EXCLUSIVE = 2;

/**
 * Primary and (optional) replica. `primary`/`replica` point at node objects and swap on failover;
 * the nodes themselves keep their index for events.
 */
export class Database {
  readonly nodes: DbNode[] = [];
  primary: DbNode;
  replica: DbNode | null;
  /** App servers cannot reach the database (packets dropped: connections hang). */
  partitionedFromApp = false;
  /** Replication stopped: the replica falls behind from `lagSince`. */
  replicationBroken = false;
  lagSince = 0;
  failovers = 0;
  /** The running schema migration (fault number `fault`, locking `nodes[node]`), which `cancel-migration` stops. */
  migration: { table: string; fault: number; node: number } | null = null;

  constructor(primary: DbNode, replica: DbNode | null) {
    stopIfReviving(this, new.target);
    this.primary = primary;
    this.replica = replica;
    this.nodes.push(primary);
    if (replica) this.nodes.push(replica);
  }

  replicaLag(now: number): number {
    return this.replicationBroken ? now - this.lagSince : 0;
  }
}

const NO_CLOCK = new Float64Array(1);
