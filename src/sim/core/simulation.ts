import { Prng, normaliseSeed, type Seed } from '../engine/prng';
import { Scheduler } from '../engine/scheduler';
import {
  area,
  closeCacheSecond,
  closeDatabaseSecond,
  closeInstancesSecond,
  closeQueueSecond,
  DataPlane,
  handleEvent,
  startArrivals,
} from './dataplane';
import { K_FAULT, K_TICK, K_TIMER, LAST_DATA_PLANE_KIND } from './events';
import { ControlPlane } from './controlplane';
import { parseScenario, type Scenario, type ScenarioInput } from '../scenarios/schema';
import { actionSchema, timedActionSchema, type Action, type ActionInput, type TimedAction } from '../actions/schema';
import type { ActionRecord, SecondStats, SimulationCore } from './types';
import { actionTimer, applyAction, type ActionOutcome } from '../actions/apply';
import type { SimTask } from './tasks';
import { capture, revive } from '../checkpoint/graph';
import { CHECKPOINT_CLASSES, CHECKPOINT_VERSION, type SimulationCheckpoint } from '../checkpoint/classes';
import { FaultRunner } from '../faults/runner';
import { Annotations, type Annotation, type LogEntry } from '../telemetry/logs';
import { SeriesStore } from '../telemetry/series';
import { BURN_RATE_RULES } from '../telemetry/alerts';
import { CriteriaTracker } from '../scoring/criteria';
import { RedMeters, type RedClose } from './meters';
import { AlertConditions, metricValue, type AlertInputs } from './alerting';
import { Stakeholders } from './stakeholders';
import { IncidentWatch } from './watch';
import { runProbes } from './probes';
import { AutoscaleSampler } from './autoscale';
import { snapshotOf, summaryOf } from './views';
import { stopIfReviving } from '../checkpoint/blank';

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

const r6 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

/** The service's USE numbers for the second that just closed. */
interface SecondUse {
  cpu: number;
  queue: number;
  ready: number;
  poolWaiting: number;
  mqDepth: number;
}

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
  private pending: TimedAction[] = [];
  private pendingIndex = 0;
  private nextActionAt = Infinity;
  private actionSeq = 0;
  readonly actionLog: ActionRecord[] = [];
  private listeners: Array<(s: SecondStats) => void> = [];
  /** Seconds closed so far. */
  private closed = 0;
  private criteria: CriteriaTracker;
  private faults: FaultRunner;
  private meters: RedMeters;
  private alerting: AlertConditions;
  private watch: IncidentWatch;
  private autoscaleSampler: AutoscaleSampler;
  /** The scenario's scripted stakeholder questions (null when it has none). */
  readonly stakeholders: Stakeholders | null;

  constructor(input: Scenario | ScenarioInput, options: SimulationOptions = {}) {
    stopIfReviving(this, new.target);
    this.scenario = parseScenario(input);
    this.seed = normaliseSeed(options.seed ?? this.scenario.seed);
    const rng = new Prng(this.seed);
    this.faultRng = rng.fork('faults');
    this.dp = new DataPlane(this.sched, this.scenario, rng);
    this.cp = new ControlPlane(this.sched, this.dp, this.scenario, this.annotations);
    this.dp.slo.prefillHistory(this.scenario.traffic.sources.reduce((sum, src) => sum + src.rate, 0));
    this.series = options.series === false ? null : new SeriesStore(this.scenario.telemetry.retainSeconds);
    this.criteria = new CriteriaTracker(this.scenario.success);
    this.meters = new RedMeters(this.dp, this.series);
    this.meters.wantPercentiles = this.series !== null || this.scenario.alerts.rules.some((r) => r.metric === 'edge.p99Ms');
    this.alerting = new AlertConditions(this.scenario, this.cp);
    this.watch = new IncidentWatch(this.scenario, this.cp, this.dp.slo, this.annotations);
    this.autoscaleSampler = new AutoscaleSampler(this.scenario, this.cp);
    if (this.scenario.alerts.burnRate) {
      for (const r of BURN_RATE_RULES) this.cp.addAlertRule(r.id, r.severity, 0);
    }
    for (const r of this.scenario.alerts.rules) this.cp.addAlertRule(r.id, r.severity, r.forSeconds);
    this.faults = new FaultRunner(this);
    this.wire();
    this.stakeholders = this.scenario.stakeholders.length > 0 ? new Stakeholders(this.scenario.stakeholders, this.cp, this.annotations) : null;
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
    startArrivals(this.dp);
  }

  get now(): number {
    return this.sched.now;
  }

  /** The callbacks into this run that a checkpoint cannot hold; set at construction and after a restore. */
  private wire(): void {
    this.sched.runTask = (task) => this.runTask(task);
    this.dp.hooks.poisonTaken = (fault, message) => this.faults.heard(fault, `taken:${message}`);
  }

  /** A timer's task fired (see core/tasks.ts). */
  private runTask(task: SimTask): void {
    switch (task.kind) {
      case 'actor':
        this.cp.actorById(task.actor)?.send(task.event);
        return;
      case 'silence':
        this.cp.silenceEnded(task.alert);
        return;
      case 'action':
        actionTimer(this, this.actionLog[task.seq]!.action, task.seq, task.what, task.data);
        return;
      case 'fault':
        this.faults.heard(task.index, task.name);
        return;
    }
  }

  /**
   * The whole state of the run as plain, structured-cloneable data (postMessage it, store it):
   * `Simulation.restore` builds a run that continues exactly as this one would. Take it between
   * `runUntil`/`apply` calls. onSecond listeners are not state and are not kept.
   */
  checkpoint(): SimulationCheckpoint {
    const omit = new Set<object>([...this.sched.checkpointOmits(), ...this.cp.checkpointOmits(), this.listeners]);
    if (this.sched.runTask) omit.add(this.sched.runTask);
    return { version: CHECKPOINT_VERSION, at: this.now, scenario: this.scenario.id, graph: capture(this, { ...CHECKPOINT_CLASSES, Simulation }, omit) };
  }

  /** A run that continues from `checkpoint` exactly as the run that took it (the checkpoint stays reusable). */
  static restore(checkpoint: SimulationCheckpoint): Simulation {
    if (checkpoint?.version !== CHECKPOINT_VERSION) {
      throw new Error(`restore: checkpoint version ${String(checkpoint?.version)} is not ${CHECKPOINT_VERSION}; take a new checkpoint with this build`);
    }
    const { root, actors } = revive(checkpoint.graph, { ...CHECKPOINT_CLASSES, Simulation });
    const sim = root as Simulation;
    sim.listeners = [];
    sim.dp.hooks = { instanceIdle: () => {}, poisonTaken: () => {} };
    sim.wire();
    sim.sched.restoreCallbacks((task) => () => sim.runTask(task));
    sim.cp.restore();
    const left = actors.filter((a) => !a.restarted);
    if (left.length > 0) throw new Error(`restore: actors not started again: ${left.map((a) => a.id).join(', ')}`);
    return sim;
  }

  /** Called after every simulated second with that second's numbers. */
  onSecond(listener: (s: SecondStats) => void): () => void {
    this.listeners.push(listener);
    this.meters.wantPercentiles = true;
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
      if (kind <= LAST_DATA_PLANE_KIND) {
        if (kind === K_TIMER) {
          sched.fireTimer(heap.a, heap.b);
          cp.flush();
        } else {
          handleEvent(dp, kind, heap.a);
          if (cp.hasPending) cp.flush();
        }
      } else {
        if (kind === K_TICK) this.tick();
        else if (kind === K_FAULT) this.faults.onFault(heap.a, heap.b === 1);
        else throw new Error(`unknown event kind ${kind}`);
        cp.flush();
      }
    }
    sched.now = t;
  }

  /**
   * A status update went out to stakeholders (the console's comms action): it answers the questions
   * asked and still within their deadline. Returns how many it answered.
   */
  statusUpdate(): number {
    return this.stakeholders?.statusUpdate(this.now) ?? 0;
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

  // ---------------------------------------------------------------- the per-second close

  /**
   * The per-second close (K_TICK), in this order: what success criteria read before the meters reset,
   * the RED meters, each resource's own second, the SLO, the alert rules, then the incident watch,
   * probes and autoscaler, which read what the close just published.
   */
  private tick(): void {
    const now = this.sched.now;
    const sec = this.closed;
    this.sched.at(now + 1, K_TICK, 0, 0);
    area(this.dp);
    this.scoreSecond(now);
    const red = this.meters.closeSecond(sec);
    const use = this.closeResources(sec);
    const secondHurt = this.closeSlo(sec, now);
    const inputs: AlertInputs = {
      slo: this.dp.slo,
      edge: red.edge,
      cpu: use.cpu,
      queue: use.queue,
      poolWaiting: use.poolWaiting,
      mqDepth: use.mqDepth,
      cacheHitRatio: this.dp.use.cacheHitRatio,
      staleReadRatio: this.dp.use.staleReadRatio,
      outboxBacklog: this.dp.use.outboxBacklog,
    };
    this.alerting.evaluate(inputs);
    this.criteria.onMetrics(now, (m) => metricValue(m, inputs));
    this.closed++;
    if (this.series) this.series.seconds = this.closed;
    this.watch.watch(now, secondHurt);
    runProbes(this.scenario, this.dp, this.cp, now, sec);
    this.autoscaleSampler.maybeEvaluate(sec);
    this.dp.logs.newSecond();
    this.stakeholders?.onSecond(now, inputs);
    if (this.listeners.length > 0) this.publish(now, red, use);
  }

  /** Success criteria need this second's client-observed numbers before the meters reset. */
  private scoreSecond(now: number): void {
    const dp = this.dp;
    this.criteria.onSecond(now, dp.slo.secTotal, dp.slo.secBad, dp.edge.second);
  }

  /** Each resource closes its own second (instances, database, queue, cache); the service's USE numbers. */
  private closeResources(sec: number): SecondUse {
    const dp = this.dp;
    const s = this.series;
    closeInstancesSecond(dp, s, sec);
    const { busy, capacity, queue, ready } = dp.use;
    const cpu = capacity > 0 ? busy / capacity : 0;
    this.autoscaleSampler.add(busy, capacity);
    closeDatabaseSecond(dp, s, sec);
    const poolWaiting = dp.use.poolWaiting;
    closeQueueSecond(dp, s, sec);
    const mqDepth = dp.use.mqDepth;
    closeCacheSecond(dp, s, sec);
    if (s) {
      s.put('service.cpu', sec, cpu);
      s.put('service.queue', sec, queue);
      s.put('service.ready', sec, ready);
    }
    return { cpu, queue, ready, poolWaiting, mqDepth };
  }

  /** Closes the SLO's second; returns whether that second hurt users. */
  private closeSlo(sec: number, now: number): boolean {
    const slo = this.dp.slo;
    const hurt = this.watch.hurts(slo.secTotal, slo.secBad, slo.secSlow);
    slo.closeSecond();
    const s = this.series;
    if (s) {
      s.put('slo.burnRate1h', sec, slo.burnRate(3600));
      s.put('slo.burnRate5m', sec, slo.burnRate(300));
      s.put('slo.budgetBurnedPercent', sec, slo.budgetBurned(now).availability * 100);
    }
    return hurt;
  }

  /** Hands the second's numbers to the onSecond listeners. */
  private publish(now: number, red: RedClose, use: SecondUse): void {
    const dp = this.dp;
    const slo = dp.slo;
    const stats: SecondStats = {
      t: now,
      arrived: dp.arrived,
      succeeded: dp.succeeded,
      failed: dp.failed,
      shed: dp.shed,
      inFlight: dp.logical.live,
      attemptsInFlight: dp.attempts.live,
      edge: red.edge,
      service: red.service,
      cpu: r6(use.cpu),
      queue: r6(use.queue),
      instancesReady: use.ready,
      errorRatio5m: r6(slo.errorRatio(300)),
      burnRate1h: r6(slo.burnRate(3600)),
      budgetBurnedPercent: r6(slo.budgetBurned(now).availability * 100),
    };
    for (const l of this.listeners) l(stats);
  }

  // ---------------------------------------------------------------- views

  /** The current state of the system, as plain data (for the UI and tests). */
  snapshot(options: { reveal?: boolean } = {}) {
    return snapshotOf(this, options);
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
    return summaryOf(this, this.criteria);
  }
}
