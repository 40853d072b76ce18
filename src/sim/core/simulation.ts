import { Prng, normaliseSeed, type Seed } from '../engine/prng';
import { KIND_TIMER, Scheduler } from '../engine/scheduler';
import { DataPlane, K_FAULT, K_MQ_RETRY, K_TICK } from './dataplane';
import { ControlPlane } from './controlplane';
import { parseScenario, type Scenario, type ScenarioInput } from '../scenarios/schema';
import { actionSchema, timedActionSchema, type Action, type ActionInput, type TimedAction } from '../actions/schema';
import { applyAction, type ActionOutcome } from '../actions/apply';
import { startFault, endFault } from '../faults/apply';
import { Annotations, type Annotation, type LogEntry } from '../telemetry/logs';
import { SeriesStore } from '../telemetry/series';
import { BURN_RATE_RULES } from '../telemetry/alerts';
import { RedMeter } from '../telemetry/red';
import { CriteriaTracker, type CriterionResult } from '../scoring/criteria';
import { incidentDurations } from '../machines/incident.machine';
import { PHASE_NAMES, PHASE_READY, PHASE_TERMINATED, PHASE_UNREADY, POOL_NAMES } from '../model/instance';
import { BREAKER_STATE_NAMES } from '../model/breaker';

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  seed?: Seed;
  /** Timed actions to apply during the run (the same log always gives the same run). */
  actions?: ReadonlyArray<{ at: number; action: ActionInput }>;
  /**
   * Per-second series (RED, USE, per instance) for snapshots. SLO, alerts and the summary work
   * either way; labs turn series off to run faster.
   */
  series?: boolean;
}

/** What faults and actions may touch. */
export interface SimulationCore {
  readonly now: number;
  readonly sched: Scheduler;
  readonly dp: DataPlane;
  readonly cp: ControlPlane;
  readonly scenario: Scenario;
  readonly annotations: Annotations;
  readonly faultRng: Prng;
  poolLeakPerSecond: number;
  readonly lostPrimary: Map<number, number>;
  readonly noisyVictims: Map<number, number[]>;
}

export interface RedSecond {
  rate: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Everything measured in one simulated second (handed to onSecond listeners). */
export interface SecondStats {
  /** End of the second that just closed. */
  t: number;
  arrived: number;
  succeeded: number;
  failed: number;
  shed: number;
  inFlight: number;
  attemptsInFlight: number;
  edge: RedSecond;
  service: RedSecond;
  cpu: number;
  queue: number;
  instancesReady: number;
  errorRatio5m: number;
  burnRate1h: number;
  budgetBurnedPercent: number;
}

export interface ActionRecord {
  at: number;
  action: Action;
  accepted: boolean;
  message: string;
}

const RED_NAMES = ['rate', 'errors', 'p50Ms', 'p95Ms', 'p99Ms'] as const;
const INSTANCE_NAMES = ['cpu', 'queue', 'memoryMb'] as const;
const POOL_SERIES = ['poolUtilization', 'poolWaiting'] as const;

const r6 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);
const ms = (s: number) => r6(s * 1000);

/**
 * One run of a scenario: the event loop that drives the data plane, the control plane's timers,
 * faults, actions and the per-second telemetry close.
 */
export class Simulation implements SimulationCore {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly sched = new Scheduler();
  readonly dp: DataPlane;
  readonly cp: ControlPlane;
  readonly annotations = new Annotations();
  readonly series: SeriesStore | null;
  readonly faultRng: Prng;
  poolLeakPerSecond = 0;
  private poolLeakCarry = 0;
  readonly lostPrimary = new Map<number, number>();
  readonly noisyVictims = new Map<number, number[]>();
  private pending: TimedAction[] = [];
  private pendingIndex = 0;
  private nextActionAt = Infinity;
  private actionSeq = 0;
  readonly actionLog: ActionRecord[] = [];
  private listeners: Array<(s: SecondStats) => void> = [];
  private closed = 0;
  private faultsStarted = 0;
  private criteria: CriteriaTracker;
  private redOut: number[] = [0, 0, 0, 0, 0];
  /** Per-second percentiles cost a histogram walk; skipped when nothing reads them. */
  private wantPercentiles = true;
  private depPrefixes: string[];
  private instanceKeys: string[][] = [];
  private poolKeys: string[][] = [];
  private autoscaleBusy = 0;
  private autoscaleCapacity = 0;
  private impactSeen = false;
  /** Whether the second just closed hurt users (error or slow ratio above twice the SLO's allowance). */
  private secondHurt = false;
  private lastHurtAt = 0;
  private healthySince = -1;
  private alertConditions = new Map<string, boolean>();
  private cacheHitsPrev = 0;
  private cacheMissesPrev = 0;
  private lastCacheHitRatio = NaN;

  constructor(input: Scenario | ScenarioInput, options: SimulationOptions = {}) {
    this.scenario = parseScenario(input);
    this.seed = normaliseSeed(options.seed ?? this.scenario.seed);
    const rng = new Prng(this.seed);
    this.faultRng = rng.fork('faults');
    this.dp = new DataPlane(this.sched, this.scenario, rng);
    this.cp = new ControlPlane(this.sched, this.dp, this.scenario, this.annotations);
    this.depPrefixes = this.dp.deps.map((d) => `dep.${d.config.id}`);
    this.dp.slo.prefillHistory(this.scenario.traffic.sources.reduce((sum, src) => sum + src.rate, 0));
    this.series = options.series === false ? null : new SeriesStore(this.scenario.telemetry.retainSeconds);
    this.criteria = new CriteriaTracker(this.scenario.success);
    this.wantPercentiles = this.series !== null || this.scenario.alerts.rules.some((r) => r.metric === 'edge.p99Ms');
    if (this.scenario.alerts.burnRate) {
      for (const r of BURN_RATE_RULES) this.cp.addAlertRule(r.id, r.severity, 0);
    }
    for (const r of this.scenario.alerts.rules) this.cp.addAlertRule(r.id, r.severity, r.forSeconds);
    this.cp.startFleet();
    this.scenario.faults.forEach((f, i) => {
      this.sched.at(f.at, K_FAULT, i, 0);
      if (f.duration !== undefined) this.sched.at(f.at + f.duration, K_FAULT, i, 1);
    });
    const log = [...this.scenario.scheduledActions, ...(options.actions ?? []).map((a) => timedActionSchema.parse(a))];
    // Stable sort: actions at the same time keep their order in the log.
    this.pending = log.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i).map((x) => x.a);
    this.nextActionAt = this.pending.length > 0 ? this.pending[0]!.at : Infinity;
    this.sched.at(1, K_TICK, 0, 0);
    this.dp.start();
  }

  get now(): number {
    return this.sched.now;
  }

  /** Called after every simulated second with that second's numbers. */
  onSecond(listener: (s: SecondStats) => void): () => void {
    this.listeners.push(listener);
    this.wantPercentiles = true;
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Advances the simulated clock by `seconds` (default one second). */
  step(seconds = 1): void {
    this.runUntil(this.sched.now + seconds);
  }

  /**
   * Processes every event up to and including time `t`. Actions due at time t are applied after all
   * events at t, which is also what `apply()` does between two calls: the same log replays exactly.
   */
  runUntil(t: number): void {
    if (!(t >= this.sched.now)) throw new Error(`runUntil(${t}) is before the current time ${this.sched.now}`);
    const sched = this.sched;
    const heap = sched.heap;
    const dp = this.dp;
    const cp = this.cp;
    const clock = sched.clock;
    for (;;) {
      const empty = heap.size === 0;
      const actionAt = this.nextActionAt;
      if (actionAt <= t && (empty || actionAt < heap.peekTime())) {
        clock[0] = actionAt;
        this.applyDueActions();
        cp.flush();
        continue;
      }
      if (empty || heap.peekTime() > t) break;
      heap.popInto();
      clock[0] = heap.last[0]!;
      const kind = heap.kind;
      if (kind <= K_MQ_RETRY) {
        if (kind === KIND_TIMER) {
          sched.fireTimer(heap.a, heap.b);
          cp.flush();
        } else {
          dp.handle(kind, heap.a);
          if (cp.hasPending) cp.flush();
        }
      } else {
        if (kind === K_TICK) this.tick();
        else if (kind === K_FAULT) this.onFault(heap.a, heap.b);
        else throw new Error(`unknown event kind ${kind}`);
        cp.flush();
      }
    }
    sched.now = t;
  }

  /** Applies an action now (and records it in the action log). */
  apply(input: ActionInput): ActionOutcome {
    const action = actionSchema.parse(input);
    const out = this.applyNow(action);
    this.cp.flush();
    return out;
  }

  private applyNow(action: Action): ActionOutcome {
    const out = applyAction(this, action, this.actionSeq++);
    this.actionLog.push({ at: this.sched.now, action, accepted: out.accepted, message: out.message });
    return out;
  }

  private applyDueActions(): void {
    while (this.pendingIndex < this.pending.length && this.pending[this.pendingIndex]!.at <= this.sched.now) {
      this.applyNow(this.pending[this.pendingIndex++]!.action);
    }
    this.nextActionAt = this.pendingIndex < this.pending.length ? this.pending[this.pendingIndex]!.at : Infinity;
  }

  private onFault(i: number, end: number): void {
    const f = this.scenario.faults[i]!;
    if (end) {
      endFault(this, f, i);
      return;
    }
    if (this.faultsStarted++ === 0) this.cp.incident.send({ type: 'START', t: this.now });
    startFault(this, f, i);
  }

  // ---------------------------------------------------------------- the per-second close

  private seriesKeys = new Map<string, string[]>();
  /** Series names are built once per prefix, not every second. */
  private keysFor(prefix: string, names: readonly string[]): string[] {
    let k = this.seriesKeys.get(prefix);
    if (!k) {
      k = names.map((n) => `${prefix}.${n}`);
      this.seriesKeys.set(prefix, k);
    }
    return k;
  }

  private closeRed(m: RedMeter, prefix: string, sec: number): RedSecond {
    const o = this.redOut;
    m.closeSecond(o, this.wantPercentiles);
    const r: RedSecond = { rate: o[0]!, errors: o[1]!, p50Ms: o[2]! * 1000, p95Ms: o[3]! * 1000, p99Ms: o[4]! * 1000 };
    const s = this.series;
    if (s) {
      const k = this.keysFor(prefix, RED_NAMES);
      s.put(k[0]!, sec, r.rate);
      s.put(k[1]!, sec, r.errors);
      s.put(k[2]!, sec, r.p50Ms);
      s.put(k[3]!, sec, r.p95Ms);
      s.put(k[4]!, sec, r.p99Ms);
    }
    return r;
  }

  private tick(): void {
    const now = this.sched.now;
    const sec = this.closed;
    const dp = this.dp;
    const cp = this.cp;
    const s = this.series;
    this.sched.at(now + 1, K_TICK, 0, 0);
    dp.settleAreas();

    // Success criteria need this second's client-observed numbers before the meters reset.
    this.criteria.onSecond(now, dp.slo.secTotal, dp.slo.secBad, dp.edge.second);

    const edge = this.closeRed(dp.edge, 'edge', sec);
    const service = this.closeRed(dp.service, 'service', sec);
    if (dp.db) this.closeRed(dp.dbMeter, 'db', sec);
    for (let i = 0; i < dp.deps.length; i++) this.closeRed(dp.depMeters[i]!, this.depPrefixes[i]!, sec);
    if (dp.mq) this.closeRed(dp.mqMeter, 'worker', sec);

    // USE: instances.
    let busy = 0;
    let capacity = 0;
    let queue = 0;
    let ready = 0;
    for (const inst of dp.instances) {
      if (inst.phase === PHASE_TERMINATED && inst.busyArea === 0 && inst.queueArea === 0) continue;
      inst.touch();
      if (inst.running) capacity += inst.workers;
      busy += inst.busyArea;
      queue += inst.queueArea;
      if (inst.phase === PHASE_READY) ready++;
      if (s && inst.phase !== PHASE_TERMINATED) {
        let k = this.instanceKeys[inst.index];
        if (!k) k = this.instanceKeys[inst.index] = INSTANCE_NAMES.map((n) => `instance.${inst.name}.${n}`);
        s.put(k[0]!, sec, inst.busyArea / inst.workers);
        s.put(k[1]!, sec, inst.queueArea);
        s.put(k[2]!, sec, Math.round(inst.memoryMb(now)));
      }
      inst.busyArea = 0;
      inst.queueArea = 0;
    }
    const cpu = capacity > 0 ? busy / capacity : 0;
    this.autoscaleBusy += busy;
    this.autoscaleCapacity += capacity;
    let poolWaiting = 0;
    if (dp.db) {
      for (const n of dp.db.nodes) {
        n.touch();
        poolWaiting += n.waitArea;
        if (s) {
          let k = this.poolKeys[n.index];
          if (!k) k = this.poolKeys[n.index] = POOL_SERIES.map((x) => `db.${n.name}.${x}`);
          s.put(k[0]!, sec, n.busyArea / n.maxConnections);
          s.put(k[1]!, sec, n.waitArea);
        }
        n.busyArea = 0;
        n.waitArea = 0;
      }
    }
    let mqDepth = 0;
    if (dp.mq) {
      dp.mq.touch();
      mqDepth = dp.mq.depthArea;
      if (s) {
        s.put('mq.depth', sec, dp.mq.depthArea);
        s.put('mq.utilization', sec, dp.mq.busyArea / dp.mq.workers);
      }
      dp.mq.depthArea = 0;
      dp.mq.busyArea = 0;
    }
    if (dp.cache) {
      const h = dp.cache.hits - this.cacheHitsPrev;
      const m = dp.cache.misses - this.cacheMissesPrev;
      this.cacheHitsPrev = dp.cache.hits;
      this.cacheMissesPrev = dp.cache.misses;
      this.lastCacheHitRatio = h + m > 0 ? h / (h + m) : NaN;
      if (s) {
        s.put('cache.hitRatio', sec, this.lastCacheHitRatio);
        s.put('cache.fill', sec, dp.cache.size / dp.cache.capacity);
      }
    }
    if (s) {
      s.put('service.cpu', sec, cpu);
      s.put('service.queue', sec, queue);
      s.put('service.ready', sec, ready);
    }

    // SLO and burn-rate alerts.
    const slo = dp.slo;
    const allowed = 1 - this.scenario.slo.availability;
    const allowedSlow = 1 - this.scenario.slo.latencyTarget;
    this.secondHurt = slo.secTotal > 0 && (slo.secBad > 2 * allowed * slo.secTotal || slo.secSlow > 2 * allowedSlow * slo.secTotal);
    slo.closeSecond();
    const burned = slo.budgetBurned(now);
    if (this.scenario.alerts.burnRate) {
      for (const r of BURN_RATE_RULES) {
        const on = slo.burnRate(r.longSeconds) > r.factor && slo.burnRate(r.shortSeconds) > r.factor;
        this.setCondition(r.id, on);
      }
    }
    for (const r of this.scenario.alerts.rules) {
      const v = this.metricValue(r.metric, edge, cpu, queue, poolWaiting, mqDepth);
      this.setCondition(r.id, Number.isFinite(v) && (r.op === '>' ? v > r.threshold : v < r.threshold));
    }
    if (s) {
      s.put('slo.burnRate1h', sec, slo.burnRate(3600));
      s.put('slo.burnRate5m', sec, slo.burnRate(300));
      s.put('slo.budgetBurnedPercent', sec, burned.availability * 100);
    }

    this.closed++;
    if (s) s.seconds = this.closed;
    this.incidentWatch(now);
    this.probes(now, sec);
    this.autoscale(sec);
    if (this.poolLeakPerSecond > 0) {
      this.poolLeakCarry += this.poolLeakPerSecond;
      const whole = Math.floor(this.poolLeakCarry);
      if (whole > 0) {
        this.poolLeakCarry -= whole;
        dp.leakConnections(whole);
      }
    }
    dp.logs.newSecond();

    if (this.listeners.length > 0) {
      const stats: SecondStats = {
        t: now,
        arrived: dp.arrived,
        succeeded: dp.succeeded,
        failed: dp.failed,
        shed: dp.shed,
        inFlight: dp.logical.live,
        attemptsInFlight: dp.attempts.live,
        edge,
        service,
        cpu: r6(cpu),
        queue: r6(queue),
        instancesReady: ready,
        errorRatio5m: r6(slo.errorRatio(300)),
        burnRate1h: r6(slo.burnRate(3600)),
        budgetBurnedPercent: r6(burned.availability * 100),
      };
      for (const l of this.listeners) l(stats);
    }
  }

  private metricValue(metric: string, edge: RedSecond, cpu: number, queue: number, poolWaiting: number, mqDepth: number): number {
    switch (metric) {
      case 'edge.errorRatio':
        return this.dp.slo.errorRatio(60);
      case 'edge.p99Ms':
        return edge.p99Ms;
      case 'edge.rate':
        return edge.rate;
      case 'service.cpu':
        return cpu;
      case 'service.queue':
        return queue;
      case 'db.poolWaiting':
        return poolWaiting;
      case 'mq.depth':
        return mqDepth;
      case 'cache.hitRatio':
        return this.lastCacheHitRatio;
      default:
        return NaN;
    }
  }

  /** Alert conditions change rarely; the alert machines only hear about changes. */
  private setCondition(id: string, on: boolean): void {
    if ((this.alertConditions.get(id) ?? false) === on) return;
    this.alertConditions.set(id, on);
    this.cp.setAlertCondition(id, on);
  }

  /**
   * Watches user impact for the incident: severity from the last minute's error ratio; mitigated once
   * the last two minutes are within the SLO after impact was seen; resolved after ten healthy minutes.
   */
  private incidentWatch(now: number): void {
    const state = this.cp.incidentState;
    if (state === 'quiet' || state === 'resolved') return;
    const slo = this.dp.slo;
    const allowed = 1 - this.scenario.slo.availability;
    const allowedSlow = 1 - this.scenario.slo.latencyTarget;
    const err1m = slo.errorRatio(60);
    const impact = err1m > 2 * allowed || slo.slowRatio(60) > 2 * allowedSlow;
    if (impact) {
      this.impactSeen = true;
      const level = err1m >= 0.5 ? 1 : err1m >= 0.2 ? 2 : err1m >= 0.05 ? 3 : err1m >= 0.01 ? 4 : 5;
      const cur = this.cp.incidentContext().severity;
      if (cur === null || level < cur) this.cp.incident.send({ type: 'SEVERITY', t: now, level });
    }
    if (this.secondHurt) this.lastHurtAt = now;
    const healthy = slo.errorRatio(120) <= allowed && slo.slowRatio(120) <= allowedSlow;
    if (!healthy) this.healthySince = -1;
    else if (this.healthySince < 0) this.healthySince = now;
    if (state === 'mitigated') {
      if (impact) this.cp.incident.send({ type: 'REGRESSED', t: now });
      else if (this.healthySince >= 0 && now - this.healthySince >= 600) {
        this.annotations.add(now, 'incident', 'incident auto-resolved after 10 healthy minutes');
        this.cp.incident.send({ type: 'RESOLVE', t: now });
      }
    } else if (this.impactSeen && healthy) {
      // Users stopped being hurt at the end of the last bad second, not when the window caught up.
      this.cp.incident.send({ type: 'MITIGATED', t: Math.max(this.lastHurtAt, this.cp.incidentContext().startedAt ?? 0) });
    }
  }

  /** Liveness (memory pressure), readiness (optionally the database) and OOM kills. */
  private probes(now: number, sec: number): void {
    const svc = this.scenario.topology.service;
    const period = Math.max(1, Math.round(svc.probes.periodSeconds));
    const probeNow = sec % period === 0;
    const db = this.dp.db;
    const dbOk = db === null || (db.primary.up && !db.partitionedFromApp);
    for (const inst of this.dp.instances) {
      if (inst.phase !== PHASE_READY && inst.phase !== PHASE_UNREADY) continue;
      const mem = inst.memoryMb(now);
      if (mem >= inst.limitMb) {
        this.cp.crashInstance(inst, 'OOMKilled');
        continue;
      }
      if (!probeNow) continue;
      if (mem >= 0.95 * inst.limitMb) {
        if (++inst.livenessFailures >= svc.probes.failureThreshold) {
          this.cp.instanceActor(inst)?.send({ type: 'LIVENESS_FAILED' });
          continue;
        }
      } else inst.livenessFailures = 0;
      const ok = !svc.probes.readinessChecksDatabase || dbOk;
      if (ok !== inst.readinessOk) {
        inst.readinessOk = ok;
        this.cp.instanceActor(inst)?.send({ type: 'READINESS', ok });
      }
    }
  }

  private autoscale(sec: number): void {
    const a = this.scenario.topology.service.autoscaler;
    const every = Math.max(1, Math.round(a.intervalSeconds));
    if ((sec + 1) % every !== 0) return;
    const utilization = this.autoscaleCapacity > 0 ? this.autoscaleBusy / this.autoscaleCapacity : 0;
    this.autoscaleBusy = 0;
    this.autoscaleCapacity = 0;
    if (this.cp.autoscalerState !== 'watching') return;
    this.cp.autoscaler.send({ type: 'EVALUATE', utilization, replicas: this.cp.desired, deploying: this.cp.deployPhase !== 'idle' });
  }

  // ---------------------------------------------------------------- views

  /** The current state of the system, as plain data (for the UI and tests). */
  snapshot(options: { reveal?: boolean } = {}) {
    const dp = this.dp;
    const cp = this.cp;
    const deploy = cp.deploymentContext();
    return {
      t: this.now,
      requests: { arrived: dp.arrived, succeeded: dp.succeeded, failed: dp.failed, shed: dp.shed, inFlight: dp.logical.live },
      instances: dp.instances.filter((i) => i.phase !== PHASE_TERMINATED).map((i) => cp.instanceView(i)),
      desiredReplicas: cp.desired,
      deployment: {
        phase: cp.deployPhase,
        stable: deploy.stable,
        target: deploy.target,
        weight: deploy.weight,
        lastOutcome: deploy.lastOutcome,
        lastJudgement: cp.lastJudgement,
      },
      autoscaler: cp.autoscalerState,
      breakers: dp.deps.map((d) => ({ dependency: d.config.id, state: d.breaker ? BREAKER_STATE_NAMES[d.breaker.state] : 'none' })),
      flags: dp.flagIds.map((id, f) => ({ id, percentage: dp.flagPct[f]!, killed: dp.flagKilled[f] === 1 })),
      database: dp.db
        ? {
            state: cp.databaseState,
            primary: dp.db.primary.name,
            replica: dp.db.replica?.name ?? null,
            replicaLagSeconds: r6(dp.db.replicaLag(this.now)),
            pool: dp.db.nodes.map((n) => ({ node: n.name, inUse: n.inUse, leaked: n.leaked, waiting: n.waiters.length, max: n.maxConnections })),
          }
        : null,
      cache: dp.cache ? { size: dp.cache.size, capacity: dp.cache.capacity, hitRatioLastSecond: r6(this.lastCacheHitRatio) } : null,
      queue: dp.mq ? { depth: dp.mq.depth, busyWorkers: dp.mq.busy, delayed: dp.mq.delayed } : null,
      alerts: [...cp.alertRecords.values()].map((a) => ({ id: a.id, severity: a.severity, state: a.state })),
      incident: { state: cp.incidentState, ...cp.incidentContext() },
      slo: {
        availability: this.scenario.slo.availability,
        errorRatio5m: r6(dp.slo.errorRatio(300)),
        burnRate1h: r6(dp.slo.burnRate(3600)),
        budgetBurnedPercent: r6(dp.slo.budgetBurned(this.now).availability * 100),
      },
      annotations: options.reveal ? this.annotations.list.slice() : this.annotations.visible(),
      pendingTimers: this.sched.pendingTimers().length,
    };
  }

  logs(): LogEntry[] {
    return this.dp.logs.entries();
  }

  /** Log lines written since the start (retained or not): a reader takes the newest ones by difference. */
  get logsWritten(): number {
    return this.dp.logs.written;
  }

  annotationList(reveal = false): Annotation[] {
    return reveal ? this.annotations.list.slice() : this.annotations.visible();
  }

  /** A JSON-ready summary of the run so far; same scenario + seed + action log = same bytes. */
  summary() {
    const dp = this.dp;
    dp.settleAreas();
    const T = this.now;
    const lat = dp.logicalLatency;
    const finished = dp.succeeded + dp.failed + dp.shed;
    const burned = dp.slo.budgetBurned(T);
    const inc = this.cp.incidentContext();
    const deploy = this.cp.deploymentContext();
    const L = T > 0 ? dp.inSystemArea / T : 0;
    const lambda = T > 0 ? finished / T : 0;
    const W = lat.mean();
    const budgetBurnedPercent = burned.availability * 100;
    const success: CriterionResult[] = this.criteria.evaluate({
      startedAt: inc.startedAt,
      mitigatedAt: inc.mitigatedAt,
      budgetBurnedPercent,
      now: T,
    });
    const alerts = [...this.cp.alertRecords.values()]
      .flatMap((a) => a.firings.map((f) => ({ id: a.id, severity: a.severity, firedAt: r6(f.firedAt), resolvedAt: f.resolvedAt === null ? null : r6(f.resolvedAt) })))
      .sort((x, y) => x.firedAt - y.firedAt || (x.id < y.id ? -1 : 1));
    const cache = dp.cache;
    return {
      scenario: this.scenario.id,
      seed: this.seed,
      durationSeconds: r6(T),
      requests: dp.arrived,
      succeeded: dp.succeeded,
      errors: dp.failed,
      shed: dp.shed,
      inFlight: dp.logical.live,
      attempts: dp.attemptsStarted,
      retries: dp.retries,
      clientTimeouts: dp.clientTimeouts,
      throughput: r6(T > 0 ? dp.succeeded / T : 0),
      errorRatio: r6(finished > 0 ? dp.failed / finished : 0),
      latencyMs: {
        mean: ms(W),
        p50: ms(lat.quantile(0.5)),
        p95: ms(lat.quantile(0.95)),
        p99: ms(lat.quantile(0.99)),
        max: ms(lat.count > 0 ? lat.max : 0),
      },
      edge: {
        attempts: dp.edge.totalCount + dp.edge.count,
        errors: dp.edge.totalErrors + dp.edge.errors,
        p99Ms: ms(dp.edge.run.quantile(0.99)),
      },
      timeAverage: {
        inSystem: r6(L),
        inQueue: r6(T > 0 ? dp.inQueueArea / T : 0),
      },
      littlesLaw: { L: r6(L), lambda: r6(lambda), W: r6(W), lambdaW: r6(lambda * W) },
      cache: cache
        ? {
            hitRatio: r6(cache.hits + cache.misses > 0 ? cache.hits / (cache.hits + cache.misses) : 0),
            hits: cache.hits,
            misses: cache.misses,
            evictions: cache.evictions,
          }
        : null,
      alerts,
      errorBudget: {
        slo: this.scenario.slo.availability,
        windowDays: this.scenario.slo.windowDays,
        burnedPercent: r6(budgetBurnedPercent),
        latencyBurnedPercent: r6(burned.latency * 100),
        badRequests: dp.slo.bad,
        totalRequests: dp.slo.total,
      },
      incident: {
        state: this.cp.incidentState,
        severity: inc.severity === null ? null : `SEV-${inc.severity}`,
        startedAt: inc.startedAt,
        detectedAt: inc.detectedAt,
        detectedBy: inc.detectedBy,
        acknowledgedAt: inc.acknowledgedAt,
        mitigatedAt: inc.mitigatedAt,
        resolvedAt: inc.resolvedAt,
        ...incidentDurations(inc),
      },
      deployment: { phase: this.cp.deployPhase, stable: deploy.stable, lastOutcome: deploy.lastOutcome, maxCanaryWeight: deploy.maxWeight },
      instances: this.dp.instances
        .filter((i) => i.phase !== PHASE_TERMINATED)
        .map((i) => ({ name: i.name, version: i.version, pool: POOL_NAMES[i.pool], phase: PHASE_NAMES[i.phase] })),
      actions: this.actionLog.map((a) => ({ at: r6(a.at), type: a.action.type, accepted: a.accepted, message: a.message })),
      success,
      rootCause: this.scenario.rootCause,
    };
  }
}
