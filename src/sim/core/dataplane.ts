import type { Scheduler } from '../engine/scheduler';
import type { EventHeap } from '../engine/heap';
import type { Prng } from '../engine/prng';
import { AliasTable, zipfWeights } from '../engine/alias';
import { AttemptTable, LogicalTable } from '../model/requests';
import { TrafficSource } from '../model/traffic';
import {
  Instance,
  PHASE_DRAINING,
  PHASE_READY,
  POOL_BASELINE,
  POOL_CANARY,
  POOL_STABLE,
} from '../model/instance';
import { LruCache } from '../model/cache';
import { Database, DbNode } from '../model/database';
import { DEP_ERRORS, DEP_HANG, Dependency } from '../model/dependency';
import { MessageQueue } from '../model/messagequeue';
import { TokenBucket } from '../model/ratelimit';
import { Sampler } from '../model/distribution';
import { backoffDelay } from '../model/retry';
import { BREAKER_HALF_OPEN } from '../model/breaker';
import type { Topology } from '../model/topology';
import type { Scenario } from '../scenarios/schema';
import { RedMeter } from '../telemetry/red';
import { Histogram, toMicros } from '../telemetry/histogram';
import { SloTracker } from '../telemetry/slo';
import { LONGEST_ALERT_WINDOW } from '../telemetry/alerts';
import { LogBook } from '../telemetry/logs';
import { PoolStats } from '../telemetry/canary';
import {
  K_ARRIVAL,
  K_CLIENT_CHECK,
  K_DB_DONE,
  K_DEP_CHECK,
  K_DEP_DONE,
  K_FAIL,
  K_MQ_DONE,
  K_MQ_RETRY,
  K_POOL_CHECK,
  K_RETRY,
  K_STEP,
} from './events';
import { mix32, userBucket } from '../engine/hash';

/** How an attempt ended, as the client sees it. */
export const V_OK = 0;
export const V_ERROR = 1; // 500 from the application
export const V_UPSTREAM = 2; // 502/504: the database or a dependency failed
export const V_TIMEOUT = 3; // the client gave up
export const V_SHED = 4; // 503: rejected by admission control (queue full, load shedding)
export const V_LIMITED = 5; // 429: rate limited
export const V_UNAVAILABLE = 6; // 503: nothing to route to, connection reset, TLS failure
export const VERDICT_STATUS = [200, 500, 502, 504, 503, 429, 503] as const;
export const VERDICT_NAMES = ['ok', 'error', 'upstream', 'timeout', 'shed', 'rate-limited', 'unavailable'] as const;

// Compiled route steps.
const S_END = 0;
const S_CPU = 1;
const S_CACHE = 2;
const S_DB_READ_FILL = 3;
const S_DB_READ = 4;
const S_DB_WRITE = 5;
const S_CALL = 6;
const S_PUBLISH = 7;

/** Latency of a refused connection or an immediate error. */
const FAST_FAIL = 0.0005;

export interface DataPlaneHooks {
  /** A draining instance has finished its last request. */
  instanceIdle(inst: Instance): void;
}

/**
 * The per-request simulation: clients, load balancer, instances, cache, database, dependencies,
 * message queue. It runs on plain numbers in typed arrays and reads the control plane's decisions
 * (instance phases, traffic weights, breaker states, flags) from plain fields.
 */
export class DataPlane {
  readonly logical = new LogicalTable(1024);
  readonly attempts = new AttemptTable(1024);
  readonly sources: TrafficSource[];
  /** The scheduler's heap, for hot-path pushes of times known to be >= now. */
  private heap: EventHeap;
  readonly routeIds: string[];
  private routeSteps: Uint8Array[];
  private routeArgs: Int32Array[];
  readonly instances: Instance[] = [];
  private ready: Int32Array[] = [new Int32Array(16), new Int32Array(16), new Int32Array(16), new Int32Array(16)];
  private readyCount = new Int32Array(4);
  routingDirty = true;
  canaryWeight = 0;
  baselineWeight = 0;
  private rr = 0;
  private leastConnections: boolean;
  readonly svcSampler: Sampler;
  /** Extra CPU multiplier for the whole service (a stall that triggers a retry storm). */
  serviceStall = 1;
  queueLimit: number;
  readonly cache: LruCache | null;
  private cacheKeys: AliasTable | null;
  private cacheTtl: number;
  private cacheLatency: number;
  private originLatency = 0;
  readonly db: Database | null;
  private dbRead: Sampler[] = [];
  private dbWrite: Sampler[] = [];
  private acquireTimeout = 1;
  private maxWaiters = 0;
  private connectTimeout = 3;
  private maxReplicaLag = 30;
  /** Connections a leak takes per second (pool-exhaustion faults add up here). */
  poolLeakPerSecond = 0;
  private poolLeakCarry = 0;
  readonly deps: Dependency[];
  private depSamplers: Sampler[];
  readonly mq: MessageQueue | null;
  private mqSampler: Sampler | null;
  private mqRetryDelay = 5;
  // Feature flags as plain arrays (the flag machine writes them).
  readonly flagIds: string[];
  readonly flagPct: Float64Array;
  readonly flagKilled: Uint8Array;
  private flagLatency: Float64Array;
  private flagError: Float64Array;
  private anyFlag = false;
  // Edge.
  certificateExpired = false;
  rateLimiter: TokenBucket | null = null;
  shedMaxWait = Infinity;
  shedMaxQueue = Infinity;
  // Random streams, one per concern.
  private rngSvc: Prng;
  private rngCache: Prng;
  private rngDb: Prng;
  private rngDep: Prng;
  private rngRetry: Prng;
  private rngLog: Prng;
  // Telemetry sinks (read and reset by the Telemetry aggregator every second).
  readonly edge = new RedMeter('edge');
  readonly service: RedMeter;
  readonly dbMeter = new RedMeter('db');
  readonly depMeters: RedMeter[];
  readonly mqMeter = new RedMeter('worker');
  readonly slo: SloTracker;
  readonly pools: PoolStats;
  readonly logs: LogBook;
  private logSampleRate: number;
  private logSkip = 0;
  readonly logicalLatency = new Histogram();
  // Counters.
  arrived = 0;
  succeeded = 0;
  failed = 0;
  shed = 0;
  attemptsStarted = 0;
  retries = 0;
  clientTimeouts = 0;
  // Time integrals for L (logical requests in the system) and Lq (attempts waiting in queues).
  queued = 0;
  inSystemArea = 0;
  inQueueArea = 0;
  private areaT = 0;
  private stopArrivalsAt = Infinity;
  hooks: DataPlaneHooks = { instanceIdle: () => {} };

  constructor(
    readonly sched: Scheduler,
    readonly scenario: Scenario,
    rng: Prng,
  ) {
    const t: Topology = scenario.topology;
    this.heap = sched.heap;
    this.routeIds = t.routes.map((r) => r.id);
    this.deps = t.dependencies.map((d, i) => new Dependency(i, d));
    this.depSamplers = t.dependencies.map((d) => new Sampler(d.latency));
    this.depMeters = t.dependencies.map((d) => new RedMeter(d.id));
    const depIndex = new Map(t.dependencies.map((d, i) => [d.id, i]));
    this.routeSteps = [];
    this.routeArgs = [];
    for (const r of t.routes) {
      const steps: number[] = [];
      const args: number[] = [];
      for (const s of r.steps) {
        if (s === 'cpu') steps.push(S_CPU);
        else if (s === 'cache-read') steps.push(S_CACHE, S_DB_READ_FILL);
        else if (s === 'db-read') steps.push(S_DB_READ);
        else if (s === 'db-write') steps.push(S_DB_WRITE);
        else if (s === 'publish') steps.push(S_PUBLISH);
        else steps.push(S_CALL);
        while (args.length < steps.length) args.push(s.startsWith('call:') ? depIndex.get(s.slice(5))! : -1);
      }
      steps.push(S_END);
      args.push(-1);
      if (steps.length > 250) throw new Error(`route "${r.id}" has too many steps`);
      this.routeSteps.push(Uint8Array.from(steps));
      this.routeArgs.push(Int32Array.from(args));
    }
    this.sources = scenario.traffic.sources.map((s, i) => new TrafficSource(i, s, this.routeIds, rng.fork(`source:${s.id}`)));
    for (const src of this.sources) src.clock = sched.clock;
    this.leastConnections = t.service.lb === 'least-connections';
    this.svcSampler = new Sampler(t.service.serviceTime);
    this.queueLimit = t.service.queueLimit ?? Infinity;
    this.service = new RedMeter(t.service.id);
    this.rngSvc = rng.fork('service');
    this.rngCache = rng.fork('cache');
    this.rngDb = rng.fork('db');
    this.rngDep = rng.fork('dependency');
    this.rngRetry = rng.fork('retry');
    this.rngLog = rng.fork('logs');
    if (t.cache) {
      this.cache = new LruCache(t.cache.keys, t.cache.capacity);
      this.cacheKeys = new AliasTable(zipfWeights(t.cache.keys, t.cache.zipf));
      this.cacheTtl = t.cache.ttlSeconds;
      this.cacheLatency = t.cache.latencyMs / 1000;
      this.originLatency = t.cache.originLatencyMs / 1000;
      if (t.cache.prewarm) {
        const ttl = this.cacheTtl;
        const warm = rng.fork('cache-prewarm');
        this.cache.prewarm(() => (ttl > 0 ? warm.uniform(0, ttl) : Infinity));
      }
    } else {
      this.cache = null;
      this.cacheKeys = null;
      this.cacheTtl = 0;
      this.cacheLatency = 0;
    }
    if (t.database) {
      const d = t.database;
      const p = new DbNode(0, 'db-1', d.primary.maxConnections, d.primary.read, d.primary.write);
      const r = d.replica ? new DbNode(1, 'db-2', d.replica.maxConnections, d.replica.read, d.replica.write) : null;
      this.db = new Database(p, r);
      for (const n of this.db.nodes) {
        n.clock = sched.clock;
        this.dbRead.push(new Sampler(n.readDist));
        this.dbWrite.push(new Sampler(n.writeDist));
      }
      this.acquireTimeout = d.acquireTimeoutMs / 1000;
      this.maxWaiters = d.maxWaiters;
      this.connectTimeout = d.connectTimeoutMs / 1000;
      this.maxReplicaLag = d.maxReplicaLagSeconds;
    } else this.db = null;
    if (t.messageQueue) {
      this.mq = new MessageQueue(t.messageQueue.workers);
      this.mq.clock = sched.clock;
      this.mqSampler = new Sampler(t.messageQueue.process);
      this.mqRetryDelay = t.messageQueue.retryDelaySeconds;
    } else {
      this.mq = null;
      this.mqSampler = null;
    }
    this.flagIds = t.flags.map((f) => f.id);
    this.flagPct = Float64Array.from(t.flags.map((f) => f.percentage));
    this.flagKilled = new Uint8Array(t.flags.length);
    this.flagLatency = Float64Array.from(t.flags.map((f) => f.effect.extraLatencyMs / 1000));
    this.flagError = Float64Array.from(t.flags.map((f) => f.effect.errorRate));
    this.refreshFlags();
    if (t.edge.rateLimit) this.rateLimiter = new TokenBucket(t.edge.rateLimit.rps, t.edge.rateLimit.burst);
    if (t.edge.loadShedding) this.setShedding(t.edge.loadShedding.maxQueueWaitMs, t.edge.loadShedding.maxQueue);
    this.slo = new SloTracker(scenario.slo, LONGEST_ALERT_WINDOW);
    this.pools = new PoolStats(256, rng.fork('canary'));
    this.logs = new LogBook(2000, scenario.telemetry.errorLogsPerSecond);
    this.logSampleRate = scenario.telemetry.logSampleRate;
    this.logSkip = this.nextLogSkip();
  }

  start(): void {
    for (const s of this.sources) {
      s.computeNext();
      this.sched.at(s.nextAt[0]!, K_ARRIVAL, s.index, 0);
    }
  }

  /** Stop generating new requests after time t (used by tests to drain the system). */
  stopArrivals(t: number): void {
    this.stopArrivalsAt = t;
  }

  refreshFlags(): void {
    let any = false;
    for (let f = 0; f < this.flagPct.length; f++) {
      if (this.flagPct[f]! > 0 && !this.flagKilled[f] && (this.flagLatency[f]! > 0 || this.flagError[f]! > 0)) any = true;
    }
    this.anyFlag = any;
  }

  setShedding(maxWaitMs: number | null, maxQueue: number | null): void {
    this.shedMaxWait = maxWaitMs === null ? Infinity : maxWaitMs / 1000;
    this.shedMaxQueue = maxQueue === null ? Infinity : maxQueue;
  }

  addInstance(inst: Instance): void {
    this.instances.push(inst);
    inst.clock = this.sched.clock;
    inst.lastChange = this.sched.now;
    this.routingDirty = true;
  }

  // ---------------------------------------------------------------- event dispatch

  /** Handles a data-plane event; its `b` payload is read from the heap's scratch slot (see EventHeap.last). */
  handle(kind: number, a: number): void {
    const b = this.heap.last[1]!;
    switch (kind) {
      case K_ARRIVAL:
        this.onArrival(a);
        break;
      case K_STEP:
        if (this.attempts.token[a] === b) this.onStep(a);
        break;
      case K_DB_DONE:
        this.onDbDone(a);
        break;
      case K_FAIL:
        if (this.attempts.token[a] === b) this.continueAfterFailure(a, V_UPSTREAM);
        break;
      case K_DEP_DONE:
        if (this.attempts.token[a] === b) this.onDepDone(a);
        break;
      case K_CLIENT_CHECK:
        this.onClientCheck(a);
        break;
      case K_POOL_CHECK:
        this.onPoolCheck(a);
        break;
      case K_DEP_CHECK:
        this.onDepCheck(a);
        break;
      case K_RETRY:
        if (this.logical.serial[a] === b) this.startAttempt(a);
        break;
      case K_MQ_DONE:
        this.onMqDone(b);
        break;
      case K_MQ_RETRY:
        this.onMqRetry();
        break;
      default:
        throw new Error(`unknown data-plane event kind ${kind}`);
    }
  }

  /** Brings the L and Lq time integrals up to `now`. */
  private area(): void {
    const now = this.sched.now;
    const dt = now - this.areaT;
    if (dt > 0) {
      this.inSystemArea += this.logical.live * dt;
      this.inQueueArea += this.queued * dt;
      this.areaT = now;
    }
  }

  /** Integrals up to now (for the per-second close and the summary). */
  settleAreas(): void {
    this.area();
  }

  // ---------------------------------------------------------------- clients

  private onArrival(s: number): void {
    const now = this.sched.now;
    const src = this.sources[s]!;
    if (now < this.stopArrivalsAt) {
      src.computeNext();
      const next = src.nextAt[0]!;
      if (next < Infinity) {
        const h = this.heap;
        h.input[0] = next;
        h.input[1] = 0;
        h.pushIn(K_ARRIVAL, s);
      }
    } else return;
    this.area();
    const lg = this.logical;
    const L = lg.alloc();
    this.arrived++;
    lg.start[L] = now;
    lg.source[L] = s;
    lg.route[L] = src.singleRoute >= 0 ? src.singleRoute : src.pickRoute();
    // The user is a hash of the request's serial number: uniform, and it costs no random draw.
    lg.user[L] = mix32(lg.serial[L]! | 0) % src.users;
    src.budget?.onRequest();
    this.startAttempt(L);
  }

  /** Sends the next attempt of logical request L. */
  private startAttempt(L: number): void {
    const now = this.sched.now;
    const lg = this.logical;
    const src = this.sources[lg.source[L]!]!;
    const n = ++lg.attempts[L]!;
    if (n > 1) this.retries++;
    if (src.retry.adaptiveThrottleK !== null) {
      const { requests, accepts } = src.windowCounts(now);
      const p = Math.max(0, (requests - src.retry.adaptiveThrottleK * accepts) / (requests + 1));
      src.noteRequest(now);
      if (p > 0 && src.rng.next() < p) {
        // Rejected locally by the client: never reaches the system, so no SLO event.
        this.finishLogical(L, V_SHED);
        return;
      }
    }
    this.attemptsStarted++;
    const at = this.attempts;
    const a = at.alloc();
    at.logical[a] = L;
    at.logicalSerial[a] = lg.serial[L]!;
    at.source[a] = lg.source[L]!;
    at.route[a] = lg.route[L]!;
    at.user[a] = lg.user[L]!;
    at.start[a] = now;
    lg.attempt[L] = a;
    lg.attemptSerial[L] = at.serial[a]!;
    if (this.certificateExpired) {
      this.respond(a, V_UNAVAILABLE, 'TLS handshake failed: certificate expired');
      at.release(a);
      return;
    }
    if (this.rateLimiter !== null && !this.rateLimiter.tryTake(now)) {
      this.respond(a, V_LIMITED, 'rate limited');
      at.release(a);
      return;
    }
    if (src.timeout < Infinity) {
      const fifo = src.timeouts;
      const deadline = now + src.timeout;
      fifo.push(a, at.serial[a]!, deadline);
      if (fifo.checkAt < 0) {
        fifo.checkAt = deadline;
        this.sched.at(deadline, K_CLIENT_CHECK, src.index, 0);
      }
    }
    const i = this.route(lg.user[L]!);
    if (i < 0) {
      this.respond(a, V_UNAVAILABLE, 'no healthy upstream');
      at.release(a);
      return;
    }
    this.admit(a, i);
  }

  /** Whether attempt `a` is still the one its client waits for. */
  private attached(a: number): boolean {
    const L = this.attempts.logical[a]!;
    return this.logical.serial[L] === this.attempts.logicalSerial[a] && this.logical.attempt[L] === a;
  }

  /**
   * The client receives the result of attempt `a` (if it is still waiting for it). Telemetry at the
   * edge and the SLO count exactly these client-visible outcomes.
   */
  private respond(a: number, verdict: number, why: string): void {
    if (!this.attached(a)) return;
    const now = this.sched.now;
    const at = this.attempts;
    const L = at.logical[a]!;
    const latency = now - at.start[a]!;
    const ok = verdict === V_OK;
    this.edge.record(toMicros(latency), !ok);
    this.slo.record(ok, latency > this.slo.threshold);
    const src = this.sources[at.source[a]!]!;
    if (src.retry.adaptiveThrottleK !== null && verdict !== V_SHED && verdict !== V_LIMITED && verdict !== V_UNAVAILABLE) {
      src.noteAccept(now);
    }
    if (src.throttle !== null) {
      if (ok) src.throttle.onSuccess();
      else src.throttle.onFailure();
    }
    if (!ok) this.maybeLog(a, verdict, latency, why, 'edge');
    else if (--this.logSkip < 0) {
      this.maybeLog(a, verdict, latency, why, 'edge');
      this.logSkip = this.nextLogSkip();
    }
    this.logical.attempt[L] = -1;
    if (ok) this.finishLogical(L, V_OK);
    else this.retryOrFail(L, verdict);
  }

  private retryOrFail(L: number, verdict: number): void {
    const lg = this.logical;
    const src = this.sources[lg.source[L]!]!;
    const policy = src.retry.backoff;
    let retry = policy.kind !== 'none' && lg.attempts[L]! < policy.maxAttempts;
    if (retry) {
      const on = policy.retryOn;
      retry =
        verdict === V_TIMEOUT ? on.timeout : verdict === V_SHED || verdict === V_LIMITED ? on.shed : on.error;
    }
    if (retry && src.throttle !== null && !src.throttle.allowsRetry()) retry = false;
    if (retry && src.budget !== null && !src.budget.tryWithdraw(this.sched.now)) retry = false;
    if (!retry) {
      this.finishLogical(L, verdict);
      return;
    }
    const delay = backoffDelay(policy, lg.attempts[L]! - 1, lg.prevSleep[L]!, this.rngRetry);
    lg.prevSleep[L] = delay;
    this.sched.at(this.sched.now + delay, K_RETRY, L, lg.serial[L]!);
  }

  private finishLogical(L: number, verdict: number): void {
    this.area();
    const now = this.sched.now;
    if (verdict === V_OK) this.succeeded++;
    else if (verdict === V_SHED || verdict === V_LIMITED) this.shed++;
    else this.failed++;
    this.logicalLatency.recordMicros(toMicros(now - this.logical.start[L]!));
    this.logical.release(L);
  }

  private onClientCheck(s: number): void {
    const now = this.sched.now;
    const fifo = this.sources[s]!.timeouts;
    const at = this.attempts;
    fifo.checkAt = -1;
    while (fifo.length > 0) {
      const a = fifo.headId();
      if (at.serial[a] !== fifo.headToken() || !this.attached(a)) {
        fifo.drop(); // already answered: garbage
        continue;
      }
      if (fifo.headDeadline() > now) break;
      fifo.drop();
      this.clientTimeouts++;
      // The client gives up; the attempt itself runs on, detached, wherever it is.
      this.respond(a, V_TIMEOUT, 'client timeout');
    }
    if (fifo.length > 0) {
      fifo.checkAt = fifo.headDeadline();
      this.sched.at(fifo.checkAt, K_CLIENT_CHECK, s, 0);
    }
  }

  // ---------------------------------------------------------------- load balancer and instances

  private rebuildRouting(): void {
    this.readyCount.fill(0);
    for (const inst of this.instances) {
      if (inst.phase !== PHASE_READY) continue;
      const p = inst.pool;
      if (p > POOL_BASELINE) continue;
      let arr = this.ready[p]!;
      if (this.readyCount[p]! >= arr.length) {
        const bigger = new Int32Array(arr.length * 2);
        bigger.set(arr);
        this.ready[p] = arr = bigger;
      }
      arr[this.readyCount[p]!++] = inst.index;
    }
    this.routingDirty = false;
  }

  /** Picks an instance for a user, or -1 when nothing is ready. */
  private route(user: number): number {
    if (this.routingDirty) this.rebuildRouting();
    let pool = POOL_STABLE;
    if (this.canaryWeight > 0 || this.baselineWeight > 0) {
      // Sticky assignment: hash(userId) mod 100 against the weights.
      const h = userBucket(user, 0x2c1b3c6d);
      if (h < this.canaryWeight) pool = POOL_CANARY;
      else if (h < this.canaryWeight + this.baselineWeight) pool = POOL_BASELINE;
      if (pool !== POOL_STABLE && this.readyCount[pool] === 0) pool = POOL_STABLE;
    }
    let n = this.readyCount[pool]!;
    if (n === 0) {
      // Stable has nothing ready: any ready instance is better than an error.
      pool = this.readyCount[POOL_CANARY]! > 0 ? POOL_CANARY : POOL_BASELINE;
      n = this.readyCount[pool]!;
      if (n === 0) return -1;
    }
    const list = this.ready[pool]!;
    if (n === 1) return list[0]!;
    const start = this.rr++ % n;
    if (!this.leastConnections) return list[start]!;
    let best = list[start]!;
    let bestLoad = this.instances[best]!.busy + this.instances[best]!.queue.length;
    for (let k = 1; k < n; k++) {
      const idx = list[(start + k) % n]!;
      const inst = this.instances[idx]!;
      const load = inst.busy + inst.queue.length;
      if (load < bestLoad) {
        best = idx;
        bestLoad = load;
      }
    }
    return best;
  }

  private admit(a: number, i: number): void {
    const inst = this.instances[i]!;
    const at = this.attempts;
    const now = this.sched.now;
    at.instance[a] = i;
    at.incarnation[a] = inst.incarnation;
    at.arrived[a] = now;
    if (inst.busy < inst.workers) {
      this.beginService(a, inst);
      return;
    }
    const limit = this.queueLimit < this.shedMaxQueue ? this.queueLimit : this.shedMaxQueue;
    if (inst.queue.length < limit) {
      inst.touch();
      this.area();
      inst.queue.push(a);
      this.queued++;
      return;
    }
    this.service.recordError();
    this.respond(a, V_SHED, 'queue full');
    at.release(a);
  }

  private beginService(a: number, inst: Instance): void {
    inst.touch();
    inst.busy++;
    this.attempts.working[a] = 1;
    this.attempts.step[a] = 0;
    this.advance(a);
  }

  /** Whether the process that accepted attempt `a` is still the one running on its instance. */
  private alive(a: number): boolean {
    return this.instances[this.attempts.instance[a]!]!.incarnation === this.attempts.incarnation[a];
  }

  /**
   * Runs the attempt's route from its current step: steps without queueing (CPU, cache lookup,
   * publish) are summed into one delay; the walk stops at a step that waits on another resource.
   */
  private advance(a: number): void {
    const at = this.attempts;
    const now = this.sched.now;
    const r = at.route[a]!;
    const steps = this.routeSteps[r]!;
    let delay = 0;
    for (;;) {
      const st = steps[at.step[a]!]!;
      if (st === S_CPU) {
        const inst = this.instances[at.instance[a]!]!;
        let f = inst.behaviour.latencyFactor * inst.cpuFactor * this.serviceStall;
        if (inst.leaking) f *= inst.gcFactor(now);
        delay += this.svcSampler.sample(this.rngSvc) * f;
        const er = inst.behaviour.errorRate;
        if (er > 0 && this.rngSvc.next() < er) at.verdict[a] = V_ERROR;
        if (this.anyFlag) delay += this.applyFlags(a);
        at.step[a]++;
        if (at.verdict[a] !== V_OK) break;
        continue;
      }
      if (st === S_CACHE) {
        const key = this.cacheKeys!.sample(this.rngCache);
        at.key[a] = key;
        delay += this.cacheLatency;
        if (this.cache!.get(key, now + delay)) at.step[a] += 2;
        else if (this.db === null) {
          // No database behind the cache: fetch from the origin and fill without queueing.
          delay += this.originLatency;
          this.cache!.put(key, now + delay, this.cacheTtl);
          at.step[a] += 2;
        } else at.step[a]++;
        continue;
      }
      if (st === S_PUBLISH) {
        this.enqueueMessage();
        at.step[a]++;
        continue;
      }
      break;
    }
    if (delay > 0) {
      const h = this.heap;
      h.input[0] = now + delay;
      h.input[1] = at.advance(a);
      h.pushIn(K_STEP, a);
    }
    else if (at.verdict[a] !== V_OK) this.complete(a, at.verdict[a]!);
    else this.runBlockingStep(a);
  }

  private applyFlags(a: number): number {
    let extra = 0;
    const user = this.attempts.user[a]!;
    for (let f = 0; f < this.flagPct.length; f++) {
      if (this.flagKilled[f] || this.flagPct[f]! <= 0) continue;
      if (userBucket(user, 0x51ed270b + f * 0x9e3779b1) >= this.flagPct[f]!) continue;
      extra += this.flagLatency[f]!;
      if (this.flagError[f]! > 0 && this.rngSvc.next() < this.flagError[f]!) this.attempts.verdict[a] = V_ERROR;
    }
    return extra;
  }

  private onStep(a: number): void {
    if (!this.alive(a)) {
      this.killed(a);
      return;
    }
    const v = this.attempts.verdict[a]!;
    if (v !== V_OK) {
      this.complete(a, v);
      return;
    }
    const st = this.routeSteps[this.attempts.route[a]!]![this.attempts.step[a]!]!;
    if (st === S_END) this.complete(a, V_OK);
    else this.advance(a);
  }

  /** Starts the step that waits on a resource, or completes at the end of the route. */
  private runBlockingStep(a: number): void {
    const at = this.attempts;
    const r = at.route[a]!;
    const st = this.routeSteps[r]![at.step[a]!]!;
    if (st === S_END) {
      this.complete(a, V_OK);
      return;
    }
    if (st === S_DB_READ || st === S_DB_READ_FILL) {
      this.dbAcquire(a, this.readNode(), false);
      return;
    }
    if (st === S_DB_WRITE) {
      this.dbAcquire(a, this.db!.primary, true);
      return;
    }
    if (st === S_CALL) {
      this.callDependency(a, this.deps[this.routeArgs[r]![at.step[a]!]!]!);
      return;
    }
    throw new Error(`unexpected blocking step ${st}`);
  }

  /** The attempt failed at a resource; the handler turns that into an error response. */
  private continueAfterFailure(a: number, verdict: number): void {
    if (!this.alive(a)) {
      this.killed(a);
      return;
    }
    this.complete(a, verdict);
  }

  /** The handler finished attempt `a` (holding a worker) with `verdict`. */
  private complete(a: number, verdict: number): void {
    const now = this.sched.now;
    const at = this.attempts;
    const inst = this.instances[at.instance[a]!]!;
    const latency = now - at.arrived[a]!;
    const error = verdict !== V_OK;
    this.service.record(toMicros(latency), error);
    if (this.canaryWeight > 0 || this.baselineWeight > 0) this.pools.record(inst.pool, latency, error);
    inst.touch();
    inst.busy--;
    this.respond(a, verdict, error ? serverMessage(verdict) : 'ok');
    at.release(a);
    this.serveNext(inst);
  }

  /** A freed worker takes the next waiting request (dropping those that waited too long when shedding). */
  private serveNext(inst: Instance): void {
    const now = this.sched.now;
    const at = this.attempts;
    while (inst.queue.length > 0 && inst.busy < inst.workers) {
      inst.touch();
      this.area();
      const b = inst.queue.shift();
      this.queued--;
      if (now - at.arrived[b]! > this.shedMaxWait) {
        this.service.recordError();
        this.respond(b, V_SHED, 'shed: waited too long');
        at.release(b);
        continue;
      }
      this.beginService(b, inst);
    }
    if (inst.phase === PHASE_DRAINING && inst.busy === 0 && inst.queue.length === 0) this.hooks.instanceIdle(inst);
  }

  /** Attempt `a` belonged to a process that died: the client sees a reset connection. */
  private killed(a: number): void {
    this.respond(a, V_UNAVAILABLE, 'connection reset');
    this.attempts.release(a);
  }

  /**
   * The process on instance `inst` is gone (crash, OOM kill, forced termination). Queued requests get
   * a reset now; requests in progress find out when their current step ends.
   */
  processDied(inst: Instance): void {
    const now = this.sched.now;
    inst.touch();
    this.area();
    inst.incarnation++;
    inst.busy = 0;
    while (inst.queue.length > 0) {
      const b = inst.queue.shift();
      this.queued--;
      this.respond(b, V_UNAVAILABLE, 'connection reset');
      this.attempts.release(b);
    }
    this.routingDirty = true;
  }

  // ---------------------------------------------------------------- database

  private readNode(): DbNode {
    const db = this.db!;
    const r = db.replica;
    if (r !== null && r.up && db.replicaLag(this.sched.now) <= this.maxReplicaLag) return r;
    return db.primary;
  }

  private dbAcquire(a: number, node: DbNode, write: boolean): void {
    const at = this.attempts;
    const now = this.sched.now;
    const db = this.db!;
    at.dbNode[a] = node.index;
    at.mark[a] = now;
    if (db.partitionedFromApp) {
      this.sched.at(now + this.connectTimeout, K_FAIL, a, at.advance(a));
      return;
    }
    if (!node.up || (write && node !== db.primary)) {
      this.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
      return;
    }
    if (node.available > 0) {
      this.startQuery(a, node);
      return;
    }
    if (node.waiters.length >= this.maxWaiters) {
      node.errors++;
      this.dbMeter.recordError();
      this.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
      return;
    }
    node.touch();
    const deadline = now + this.acquireTimeout;
    node.waiters.push(a, at.advance(a), deadline);
    if (node.waiters.checkAt < 0) {
      node.waiters.checkAt = deadline;
      this.sched.at(deadline, K_POOL_CHECK, node.index, 0);
    }
  }

  private startQuery(a: number, node: DbNode): void {
    const at = this.attempts;
    const now = this.sched.now;
    node.touch();
    node.inUse++;
    node.queries++;
    const st = this.routeSteps[at.route[a]!]![at.step[a]!]!;
    const write = st === S_DB_WRITE;
    const sampler = write ? this.dbWrite[node.index]! : this.dbRead[node.index]!;
    let d = sampler.sample(this.rngDb) * node.slowFactor;
    if (write && node.diskFull) {
      at.verdict[a] = V_UPSTREAM;
      d = FAST_FAIL * 4;
    }
    const h = this.heap;
    h.input[0] = now + d;
    h.input[1] = at.advance(a);
    h.pushIn(K_DB_DONE, a);
  }

  private onDbDone(a: number): void {
    const at = this.attempts;
    const now = this.sched.now;
    const node = this.db!.nodes[at.dbNode[a]!]!;
    node.touch();
    node.inUse--;
    const failed = at.verdict[a] !== V_OK;
    if (failed) node.errors++;
    this.grantConnection(node);
    this.dbMeter.record(toMicros(now - at.mark[a]!), failed);
    if (!this.alive(a)) {
      this.killed(a);
      return;
    }
    if (failed) {
      this.complete(a, at.verdict[a]!);
      return;
    }
    const st = this.routeSteps[at.route[a]!]![at.step[a]!]!;
    if (st === S_DB_READ_FILL) this.cache!.put(at.key[a]!, now, this.cacheTtl);
    at.step[a]++;
    this.advance(a);
  }

  /** A connection came free: the longest waiter gets it. */
  private grantConnection(node: DbNode): void {
    const w = node.waiters;
    while (w.length > 0 && node.available > 0) {
      const b = w.headId();
      w.drop();
      if (!this.alive(b)) {
        this.killed(b);
        continue;
      }
      this.startQuery(b, node);
    }
  }

  private onPoolCheck(n: number): void {
    const now = this.sched.now;
    const node = this.db!.nodes[n]!;
    const w = node.waiters;
    w.checkAt = -1;
    while (w.length > 0 && w.headDeadline() <= now) {
      const b = w.headId();
      node.touch();
      w.drop();
      node.acquireTimeouts++;
      node.errors++;
      this.dbMeter.recordError();
      this.continueAfterFailure(b, V_UPSTREAM);
    }
    if (w.length > 0) {
      w.checkAt = w.headDeadline();
      this.sched.at(w.checkAt, K_POOL_CHECK, n, 0);
    }
  }

  /** Leaks this second's whole connections of `poolLeakPerSecond`, carrying the fraction over. */
  leakPoolsForSecond(): void {
    if (this.poolLeakPerSecond <= 0) return;
    this.poolLeakCarry += this.poolLeakPerSecond;
    const whole = Math.floor(this.poolLeakCarry);
    if (whole > 0) {
      this.poolLeakCarry -= whole;
      this.leakConnections(whole);
    }
  }

  /** Connections taken by a leak: they stay in use until the pool is reset. */
  private leakConnections(count: number): void {
    for (const node of this.db?.nodes ?? []) {
      node.touch();
      node.leaked = Math.min(node.maxConnections, node.leaked + count);
    }
  }

  resetLeaks(): void {
    for (const node of this.db?.nodes ?? []) {
      node.leaked = 0;
      this.grantConnection(node);
    }
  }

  // ---------------------------------------------------------------- external dependencies

  private callDependency(a: number, dep: Dependency): void {
    const at = this.attempts;
    const now = this.sched.now;
    const br = dep.breaker;
    if (br !== null) {
      const halfOpen = br.state === BREAKER_HALF_OPEN;
      if (!br.allow()) {
        // Short-circuited: fail fast without calling.
        this.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
        return;
      }
      at.trial[a] = halfOpen ? 1 : 0;
    }
    at.mark[a] = now;
    const token = at.advance(a);
    const timeout = dep.config.timeoutMs / 1000;
    let latency: number;
    if (dep.mode === DEP_HANG) latency = Infinity;
    else if (dep.mode === DEP_ERRORS) {
      latency = 0.005;
      at.verdict[a] = V_UPSTREAM;
    } else {
      latency = this.depSamplers[dep.index]!.sample(this.rngDep) * dep.latencyFactor;
      if (dep.config.errorRate > 0 && this.rngDep.next() < dep.config.errorRate) at.verdict[a] = V_UPSTREAM;
    }
    // A response slower than the caller's timeout never matters: only the timeout is scheduled.
    if (latency < timeout) {
      const h = this.heap;
      h.input[0] = now + latency;
      h.input[1] = token;
      h.pushIn(K_DEP_DONE, a);
    }
    const f = dep.timeouts;
    f.push(a, token, now + timeout);
    if (f.checkAt < 0) {
      f.checkAt = now + timeout;
      this.sched.at(f.checkAt, K_DEP_CHECK, dep.index, 0);
    }
  }

  private depFinished(a: number, dep: Dependency, ok: boolean): void {
    const at = this.attempts;
    this.depMeters[dep.index]!.record(toMicros(this.sched.now - at.mark[a]!), !ok);
    if (dep.breaker !== null) dep.breaker.record(this.sched.now, ok, at.trial[a] === 1);
    at.trial[a] = 0;
  }

  private onDepDone(a: number): void {
    const at = this.attempts;
    const dep = this.deps[this.routeArgs[at.route[a]!]![at.step[a]!]!]!;
    at.advance(a); // the pending timeout entry is now stale
    const ok = at.verdict[a] === V_OK;
    this.depFinished(a, dep, ok);
    if (!this.alive(a)) {
      this.killed(a);
      return;
    }
    if (!ok) {
      this.complete(a, V_UPSTREAM);
      return;
    }
    at.step[a]++;
    this.advance(a);
  }

  private onDepCheck(d: number): void {
    const now = this.sched.now;
    const dep = this.deps[d]!;
    const f = dep.timeouts;
    const at = this.attempts;
    f.checkAt = -1;
    while (f.length > 0) {
      const a = f.headId();
      if (at.token[a] !== f.headToken()) {
        f.drop();
        continue;
      }
      if (f.headDeadline() > now) break;
      f.drop();
      at.advance(a);
      at.verdict[a] = V_UPSTREAM;
      this.depFinished(a, dep, false);
      this.continueAfterFailure(a, V_UPSTREAM);
    }
    if (f.length > 0) {
      f.checkAt = f.headDeadline();
      this.sched.at(f.checkAt, K_DEP_CHECK, d, 0);
    }
  }

  // ---------------------------------------------------------------- message queue

  private enqueueMessage(): void {
    const mq = this.mq!;
    const now = this.sched.now;
    mq.touch();
    if (mq.busy < mq.workers) {
      mq.busy++;
      this.sched.at(now + this.mqSampler!.sample(this.rngSvc), K_MQ_DONE, 0, now);
    } else mq.depth++;
  }

  /** `started` is when the worker picked the message up (carried in the event). */
  private onMqDone(started: number): void {
    const mq = this.mq!;
    const now = this.sched.now;
    mq.touch();
    const db = this.db;
    const ok = db === null || (db.primary.up && !db.partitionedFromApp && !db.primary.diskFull);
    if (!ok) {
      mq.delayed++;
      this.sched.at(now + this.mqRetryDelay, K_MQ_RETRY, 0, 0);
    }
    this.mqMeter.record(toMicros(now - started), !ok);
    if (mq.depth > 0) {
      mq.depth--;
      this.sched.at(now + this.mqSampler!.sample(this.rngSvc), K_MQ_DONE, 0, now);
    } else mq.busy--;
  }

  private onMqRetry(): void {
    this.mq!.delayed--;
    this.enqueueMessage();
  }

  // ---------------------------------------------------------------- logs

  /**
   * Successes are sampled with probability logSampleRate. Instead of a random draw per request, draw
   * the gap to the next sampled one (geometric distribution): same sample, one draw per log line.
   */
  private nextLogSkip(): number {
    const p = this.logSampleRate;
    if (p <= 0) return Infinity;
    if (p >= 1) return 0;
    return Math.floor(Math.log(this.rngLog.nextOpen()) / Math.log(1 - p));
  }

  private maybeLog(a: number, verdict: number, latency: number, why: string, service: string): void {
    const error = verdict !== V_OK;
    if (error && !this.logs.errorSlot()) return;
    const at = this.attempts;
    const L = at.logical[a]!;
    const inst = at.instance[a]! >= 0 ? this.instances[at.instance[a]!]! : null;
    this.logs.write({
      t: round6(this.sched.now),
      level: error ? (verdict === V_TIMEOUT || verdict === V_SHED || verdict === V_LIMITED ? 'warn' : 'error') : 'info',
      service: inst ? this.scenario.topology.service.id : service,
      instance: inst ? inst.name : null,
      route: this.routeIds[at.route[a]!]!,
      status: VERDICT_STATUS[verdict]!,
      latencyMs: round6(latency * 1000),
      attempt: this.logical.attempts[L]!,
      correlationId: `req-${this.sources[at.source[a]!]!.config.id}-${at.logicalSerial[a]!.toString(36)}`,
      msg: why,
    });
  }
}

function serverMessage(v: number): string {
  return v === V_ERROR ? 'internal error' : v === V_UPSTREAM ? 'upstream failure' : VERDICT_NAMES[v]!;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
