import { IntQueue } from '../engine/fifo';
import type { VersionBehaviour } from './topology';
import { stopIfReviving } from '../checkpoint/blank';

export const PHASE_STARTING = 0;
export const PHASE_READY = 1;
export const PHASE_UNREADY = 2;
export const PHASE_DRAINING = 3;
export const PHASE_CRASHED = 4;
export const PHASE_TERMINATED = 5;
export const PHASE_NAMES = ['starting', 'ready', 'unready', 'draining', 'crashed', 'terminated'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

/** Traffic pools: where the load balancer sends a user. */
export const POOL_STABLE = 0;
export const POOL_CANARY = 1;
export const POOL_BASELINE = 2;
/** Blue-green's idle colour: running, reachable for checks, no user traffic. */
export const POOL_PREVIEW = 3;
export const POOL_NAMES = ['stable', 'canary', 'baseline', 'preview'] as const;
export type PoolName = (typeof POOL_NAMES)[number];

/**
 * One instance of the service as the data plane sees it. Its phase is written by the instance
 * machine (machines/instance.machine.ts); everything else is bookkeeping the data plane updates.
 */
export class Instance {
  phase = PHASE_STARTING;
  /** Bumped on crash/termination: work started before no longer belongs to this process. */
  incarnation = 0;
  busy = 0;
  readonly queue = new IntQueue(64);
  bootedAt = 0;
  /** Memory model: mbAtRef at time refAt, growing at leakPerMinute. */
  private mbAtRef: number;
  private refAt = 0;
  private leakPerMinute: number;
  /** Whether memory grows at all (the data plane skips the GC model otherwise). */
  leaking: boolean;
  /** CPU steal from a noisy neighbour (1 = none). */
  cpuFactor = 1;
  /** Multiplies this process's database query times (its version's slow query). */
  readonly queryFactor: number;
  /** Crash this many seconds after boot (crash-loop), or null. */
  crashAfter: number | null;
  // Utilisation bookkeeping (time integrals, reset every second by telemetry).
  busyArea = 0;
  queueArea = 0;
  lastChange = 0;
  crashes = 0;
  /** Connections this process leaked (on database node `leakNode`), given back when it ends; and the fraction owed. */
  leakedConnections = 0;
  leakNode = 0;
  leakCarry = 0;
  /** Consecutive failed liveness probes. */
  livenessFailures = 0;
  readinessOk = true;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly version: string,
    readonly behaviour: VersionBehaviour,
    public pool: number,
    readonly workers: number,
    readonly baseMb: number,
    public limitMb: number,
    extraLeakPerMinute: number,
    crashLoopAfter: number | null,
  ) {
    stopIfReviving(this, new.target);
    this.mbAtRef = baseMb;
    this.leakPerMinute = behaviour.leakMbPerMinute + extraLeakPerMinute;
    this.leaking = this.leakPerMinute > 0;
    this.crashAfter = behaviour.crashAfterSeconds ?? crashLoopAfter;
    this.queryFactor = behaviour.queryFactor;
  }

  /** Integrates busy workers and queue length up to `now` before either changes. */
  /** The simulated clock (Scheduler.clock), read here instead of passing the time as an argument. */
  clock: Float64Array = NO_CLOCK;

  touch(): void {
    const now = this.clock[0]!;
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.busy * dt;
      this.queueArea += this.queue.length * dt;
      this.lastChange = now;
    }
  }

  memoryMb(now: number): number {
    return this.mbAtRef + (this.leakPerMinute * (now - this.refAt)) / 60;
  }

  setLeak(now: number, extraPerMinute: number): void {
    this.mbAtRef = this.memoryMb(now);
    this.refAt = now;
    this.leakPerMinute = this.behaviour.leakMbPerMinute + extraPerMinute;
    this.leaking = this.leakPerMinute > 0 || this.mbAtRef > this.baseMb;
  }

  /** A fresh process: memory back to base. */
  rebooted(now: number): void {
    this.mbAtRef = this.baseMb;
    this.refAt = now;
    this.leaking = this.leakPerMinute > 0;
    this.bootedAt = now;
    this.livenessFailures = 0;
    this.readinessOk = true;
  }

  /**
   * Garbage-collection slowdown as the heap fills: none below 70% of the limit, then rising to 5x
   * at the limit (the "GC death spiral" before an OOM kill).
   */
  gcFactor(now: number): number {
    const f = this.memoryMb(now) / this.limitMb;
    if (f <= 0.7) return 1;
    const x = Math.min(1, (f - 0.7) / 0.3);
    return 1 + 4 * x * x;
  }

  /** Whether the process is running (serving what it already has). */
  get running(): boolean {
    return this.phase === PHASE_READY || this.phase === PHASE_UNREADY || this.phase === PHASE_DRAINING;
  }
}

const NO_CLOCK = new Float64Array(1);
