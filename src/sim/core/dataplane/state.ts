import type { Scheduler } from '../../engine/scheduler';
import type { EventHeap } from '../../engine/heap';
import type { Prng } from '../../engine/prng';
import { AliasTable, zipfWeights } from '../../engine/alias';
import { AttemptTable, LogicalTable } from '../../model/requests';
import { TrafficSource } from '../../model/traffic';
import type { Instance } from '../../model/instance';
import { LruCache } from '../../model/cache';
import { Database, DbNode } from '../../model/database';
import { Dependency } from '../../model/dependency';
import { MessageQueue } from '../../model/messagequeue';
import { TokenBucket } from '../../model/ratelimit';
import { Sampler } from '../../model/distribution';
import type { Topology } from '../../model/topology';
import type { Scenario } from '../../scenarios/schema';
import { RedMeter } from '../../telemetry/red';
import { Histogram } from '../../telemetry/histogram';
import { SloTracker } from '../../telemetry/slo';
import { LONGEST_ALERT_WINDOW } from '../../telemetry/alerts';
import { LogBook, sampleGap } from '../../telemetry/logs';
import { PoolStats } from '../../telemetry/canary';
import { ItemSeries } from '../../telemetry/series';
import { S_CACHE, S_CALL, S_CPU, S_DB_READ, S_DB_READ_FILL, S_DB_WRITE, S_END, S_PUBLISH } from './codes';
import { stopIfReviving } from '../../checkpoint/blank';

export interface DataPlaneHooks {
  /** A draining instance has finished its last request. */
  instanceIdle(inst: Instance): void;
  /** A worker took poison message `message` of fault `fault` that was waiting for one. */
  poisonTaken(fault: number, message: number): void;
}

/** Utilisation and saturation of the last closed second (what the resources' closes measured). */
export class UseSecond {
  /** Busy worker-seconds and worker capacity of running instances. */
  busy = 0;
  capacity = 0;
  /** Time-averaged queue length over all instances, and instances ready at the close. */
  queue = 0;
  ready = 0;
  poolWaiting = 0;
  mqDepth = 0;
  /** Rows waiting in the outbox at the close. */
  outboxBacklog = 0;
  cacheHitRatio = NaN;
  /** Share of this second's database reads served by a replica behind the primary. */
  staleReadRatio = 0;
}

/**
 * The data plane's state: every request, resource and meter the per-request functions in this
 * folder share (clients, balancer, instances, database, dependencies, queue, logs). It is one object
 * of one shape built once, so the hot path reads fields of a monomorphic object and typed arrays.
 * The control plane's decisions (instance phases, traffic weights, breaker states, flags, edge
 * settings) are plain fields here too.
 */
export class DataPlane {
  /** The scheduler's heap, for hot-path pushes of times known to be >= now. */
  readonly heap: EventHeap;
  readonly logical = new LogicalTable(1024);
  readonly attempts = new AttemptTable(1024);
  readonly routeIds: string[];
  readonly routeSteps: Uint8Array[] = [];
  /** Per step: the dependency index of a call step, else -1. */
  readonly routeArgs: Int32Array[] = [];

  // Clients.
  readonly sources: TrafficSource[];
  stopArrivalsAt = Infinity;
  readonly rngRetry: Prng;

  // Edge and load balancer.
  certificateExpired = false;
  rateLimiter: TokenBucket | null = null;
  readonly instances: Instance[] = [];
  /** Ready instances per traffic pool, rebuilt when `routingDirty`. */
  ready: Int32Array[] = [new Int32Array(16), new Int32Array(16), new Int32Array(16), new Int32Array(16)];
  readonly readyCount = new Int32Array(4);
  routingDirty = true;
  canaryWeight = 0;
  baselineWeight = 0;
  rr = 0;
  readonly leastConnections: boolean;

  // Instances.
  readonly svcSampler: Sampler;
  /** Extra CPU multiplier for the whole service (a stall that triggers a retry storm). */
  serviceStall = 1;
  queueLimit: number;
  shedMaxWait = Infinity;
  shedMaxQueue = Infinity;
  readonly rngSvc: Prng;
  /** Feature flags as plain arrays (the flag machine writes them). */
  readonly flagIds: string[];
  readonly flagPct: Float64Array;
  readonly flagKilled: Uint8Array;
  readonly flagLatency: Float64Array;
  readonly flagError: Float64Array;
  anyFlag = false;
  readonly pools: PoolStats;

  // Cache.
  readonly cache: LruCache | null;
  readonly cacheKeys: AliasTable | null;
  readonly cacheTtl: number;
  readonly cacheLatency: number;
  readonly originLatency: number;
  readonly rngCache: Prng;
  cacheHitsClosed = 0;
  cacheMissesClosed = 0;

  // Database.
  readonly db: Database | null;
  readonly dbRead: Sampler[] = [];
  readonly dbWrite: Sampler[] = [];
  acquireTimeout = 1;
  maxWaiters = 0;
  connectTimeout = 3;
  /** The lag beyond which reads leave the replica (from routing below; -1: reads go to the primary). */
  maxReplicaLag = 30;
  /** Read routing: the configured lag guard, an operator's "reads to the primary", a guard blinded by a partition. */
  readonly readRouting = { lagGuardSeconds: 30, toPrimary: false, guardBlind: false };
  /** Connections a leak takes per second (pool-exhaustion faults add up here). */
  poolLeakPerSecond = 0;
  poolLeakCarry = 0;
  /** Database reads this second, and those a lagging replica served (stale); totals since the start. */
  dbReads = 0;
  staleReads = 0;
  staleReadsTotal = 0;
  readonly rngDb: Prng;

  // Dependencies and the message queue.
  readonly deps: Dependency[];
  readonly depSamplers: Sampler[];
  readonly rngDep: Prng;
  readonly mq: MessageQueue | null;
  readonly mqSampler: Sampler | null;
  mqRetryDelay = 5;

  // Telemetry sinks (the per-second close reads and resets them).
  readonly edge = new RedMeter('edge');
  readonly service: RedMeter;
  readonly dbMeter = new RedMeter('db');
  readonly depMeters: RedMeter[];
  readonly mqMeter = new RedMeter('worker');
  /** Publishes to the message broker (they do not queue: latency is 0, or a refused connection). */
  readonly brokerMeter = new RedMeter('broker');
  readonly slo: SloTracker;
  readonly logs: LogBook;
  readonly logSampleRate: number;
  /** Starts as a number: a field first holding undefined would box every double written to it. */
  logSkip = 0;
  readonly rngLog: Prng;
  readonly logicalLatency = new Histogram();
  readonly use = new UseSecond();
  readonly instanceSeries = new ItemSeries('instance', ['cpu', 'queue', 'memoryMb']);
  readonly poolSeries = new ItemSeries('db', ['poolUtilization', 'poolWaiting']);

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
  areaT = 0;
  hooks: DataPlaneHooks = { instanceIdle: () => {}, poisonTaken: () => {} };

  constructor(
    readonly sched: Scheduler,
    readonly scenario: Scenario,
    rng: Prng,
  ) {
    stopIfReviving(this, new.target);
    const t: Topology = scenario.topology;
    this.heap = sched.heap;
    this.routeIds = t.routes.map((r) => r.id);
    this.deps = t.dependencies.map((d, i) => new Dependency(i, d));
    this.depSamplers = t.dependencies.map((d) => new Sampler(d.latency));
    this.depMeters = t.dependencies.map((d) => new RedMeter(d.id));
    this.compileRoutes(t);
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
      const ttl = (this.cacheTtl = t.cache.ttlSeconds);
      this.cacheLatency = t.cache.latencyMs / 1000;
      this.originLatency = t.cache.originLatencyMs / 1000;
      if (t.cache.prewarm) {
        const warm = rng.fork('cache-prewarm');
        this.cache.prewarm(() => (ttl > 0 ? warm.uniform(0, ttl) : Infinity));
      }
    } else {
      this.cache = null;
      this.cacheKeys = null;
      this.cacheTtl = 0;
      this.cacheLatency = 0;
      this.originLatency = 0;
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
      this.readRouting.lagGuardSeconds = d.maxReplicaLagSeconds;
    } else this.db = null;
    if (t.messageQueue) {
      this.mq = new MessageQueue(t.messageQueue.workers, t.messageQueue.relayPerSecond);
      this.mq.clock = sched.clock;
      this.mq.outbox = t.messageQueue.outbox;
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
    refreshFlags(this);
    if (t.edge.rateLimit) this.rateLimiter = new TokenBucket(t.edge.rateLimit.rps, t.edge.rateLimit.burst);
    if (t.edge.loadShedding) setShedding(this, t.edge.loadShedding.maxQueueWaitMs, t.edge.loadShedding.maxQueue);
    this.slo = new SloTracker(scenario.slo, LONGEST_ALERT_WINDOW);
    this.pools = new PoolStats(256, rng.fork('canary'));
    this.logs = new LogBook(2000, scenario.telemetry.errorLogsPerSecond);
    this.logSampleRate = scenario.telemetry.logSampleRate;
    this.logSkip = sampleGap(this.rngLog, this.logSampleRate);
  }

  private compileRoutes(t: Topology): void {
    const depIndex = new Map(t.dependencies.map((d, i) => [d.id, i]));
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
  }
}

/** Brings the L and Lq time integrals up to now (before either count changes). */
export function area(dp: DataPlane): void {
  const now = dp.sched.now;
  const dt = now - dp.areaT;
  if (dt > 0) {
    dp.inSystemArea += dp.logical.live * dt;
    dp.inQueueArea += dp.queued * dt;
    dp.areaT = now;
  }
}

/** Whether the process that accepted attempt `a` is still the one running on its instance. */
export function alive(dp: DataPlane, a: number): boolean {
  return dp.instances[dp.attempts.instance[a]!]!.incarnation === dp.attempts.incarnation[a];
}

/** Keeps `anyFlag` (the hot path's one check) in step with the flag table. */
export function refreshFlags(dp: DataPlane): void {
  let any = false;
  for (let f = 0; f < dp.flagPct.length; f++) {
    if (dp.flagPct[f]! > 0 && !dp.flagKilled[f] && (dp.flagLatency[f]! > 0 || dp.flagError[f]! > 0)) any = true;
  }
  dp.anyFlag = any;
}

/** Load shedding at the instances: drop what waited longer than maxWaitMs, cap queues at maxQueue. */
export function setShedding(dp: DataPlane, maxWaitMs: number | null, maxQueue: number | null): void {
  dp.shedMaxWait = maxWaitMs === null ? Infinity : maxWaitMs / 1000;
  dp.shedMaxQueue = maxQueue === null ? Infinity : maxQueue;
}
