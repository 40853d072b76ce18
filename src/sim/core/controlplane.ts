import type { Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import type { BreakerWindow } from '../model/breaker';
import { addInstance, type DataPlane } from './dataplane';
import { Instance, PHASE_DRAINING, PHASE_NAMES, PHASE_TERMINATED, POOL_NAMES, POOL_STABLE, type PoolName } from '../model/instance';
import type { InstanceState } from '../machines/instance.machine';
import { versionSchema, type VersionBehaviour } from '../model/topology';
import type { DeployRequest } from '../model/deploy';
import type { Scenario } from '../scenarios/schema';
import type { Annotations } from '../telemetry/logs';
import type { Judgement } from '../telemetry/judge';
import type { DeployPhase, DeploymentContext } from '../machines/deployment.machine';
import type { AutoscalerState } from '../machines/autoscaler.machine';
import type { IncidentContext, IncidentState } from '../machines/incident.machine';
import type { DatabaseState } from '../machines/database.machine';
import { createInstanceActor, drainOrder, type InstanceActor, type InstanceDeps } from '../control/instance';
import { createDeploymentActor, type DeploymentActor, type DeploymentDeps } from '../control/deployment';
import { createAutoscalerActor, type AutoscalerActor, type AutoscalerDeps } from '../control/autoscaler';
import { createBreakerActor, type BreakerActor } from '../control/breaker';
import { createFlagActor, type FlagActor } from '../control/flag';
import { createAlertActor, type AlertActor, type AlertDeps, type AlertRecord } from '../control/alert';
import { createIncidentActor, type IncidentActor } from '../control/incident';
import { createDatabaseActor, type DatabaseActor, type DatabaseDeps } from '../control/database';
import { snapshotOf as persisted } from '../checkpoint/actors';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * The control plane's registry: one xstate actor per instance, plus the deployment, autoscaler,
 * breakers, flags, alert rules, incident and database failover, and the copies of their published
 * states that the simulation reads. What each machine does to the data plane is provided next to it,
 * in control/<machine>.ts (each `createXActor` returns its actor started); this class hands those
 * modules the fleet operations they share and keeps what they publish.
 */
export class ControlPlane implements InstanceDeps, DeploymentDeps, AutoscalerDeps, AlertDeps, DatabaseDeps {
  readonly instanceActors = new Map<number, InstanceActor>();
  // Not readonly: a restored run starts these actors again from their persisted snapshots.
  deployment: DeploymentActor;
  autoscaler: AutoscalerActor;
  breakers: Array<BreakerActor | null>;
  flags: FlagActor[];
  readonly alerts = new Map<string, AlertActor>();
  readonly alertRecords = new Map<string, AlertRecord>();
  incident: IncidentActor;
  database: DatabaseActor | null;
  /** Target number of stable instances. */
  desired: number;
  /** The version serving users when no deployment runs (mirrors the deployment machine). */
  stableVersion: string;
  private fleetStarted = false;
  deployPhase: DeployPhase = 'idle';
  incidentState: IncidentState = 'quiet';
  databaseState: DatabaseState = 'healthy';
  autoscalerState: AutoscalerState = 'disabled';
  lastJudgement: Judgement | null = null;
  /**
   * What the environment does to every new process (a leaking dependency, a bad config), so restarts
   * and new instances inherit it; faults set it and put it back.
   */
  readonly newProcess: { leakMbPerMinute: number; crashAfterSeconds: number | null; limitMb: number | null } = {
    leakMbPerMinute: 0,
    crashAfterSeconds: null,
    limitMb: null,
  };
  readonly versions: Record<string, VersionBehaviour>;
  private nextInstanceNumber = 1;
  /**
   * Work that creates actors, queued by machine actions and run right after the current event:
   * xstate wants actions to be fire-and-forget, not to start other actors mid-transition.
   */
  private pending: Array<() => void> = [];

  /** Whether machine actions queued work during the last event (checked after every event). */
  hasPending = false;

  /** Runs the work machine actions queued during the last event. */
  flush(): void {
    for (let i = 0; i < this.pending.length; i++) this.pending[i]!();
    this.pending.length = 0;
    this.hasPending = false;
  }

  later(fn: () => void): void {
    this.pending.push(fn);
    this.hasPending = true;
  }

  constructor(
    readonly sched: Scheduler,
    readonly dp: DataPlane,
    private scenario: Scenario,
    readonly annotations: Annotations,
  ) {
    stopIfReviving(this, new.target);
    const svc = scenario.topology.service;
    this.versions = { ...svc.versions };
    if (!this.versions[svc.version]) this.versions[svc.version] = versionSchema.parse({});
    this.desired = svc.replicas;
    this.stableVersion = svc.version;
    this.wire();
    this.deployment = createDeploymentActor(this, svc.id, svc.version);
    this.autoscaler = createAutoscalerActor(this, svc);
    this.breakers = dp.deps.map((dep) => (dep.breaker ? this.breakerActor(dep.breaker, dep.config.id) : null));
    this.flags = scenario.topology.flags.map((f, i) => createFlagActor(dp, i, f.id, f.percentage));
    this.incident = createIncidentActor(sched, annotations, (state) => (this.incidentState = state));
    this.database = dp.db ? createDatabaseActor(this, dp.db, scenario.topology.database!) : null;
  }

  /** The callbacks the data plane calls back into; set again on a restored run. */
  private wire(): void {
    this.dp.hooks.instanceIdle = (inst) => this.instanceActors.get(inst.index)?.send({ type: 'DRAINED' });
  }

  private breakerActor(win: BreakerWindow, dependency: string, snapshot?: Snapshot<unknown>): BreakerActor {
    const { sched, annotations } = this;
    const onChange = (state: string) => annotations.add(sched.now, 'breaker', `circuit breaker for ${dependency} ${state}`);
    return createBreakerActor(sched, win, dependency, onChange, snapshot);
  }

  // Checkpoints.

  /** Closures a checkpoint leaves out because `restore()` builds them again. */
  checkpointOmits(): object[] {
    if (this.pending.length > 0) throw new Error('checkpoint: control-plane work is queued; checkpoint between events');
    const out: object[] = [this.dp.hooks];
    for (const dep of this.dp.deps) if (dep.breaker) out.push(dep.breaker.onTrip, dep.breaker.onTrialResult);
    return out;
  }

  /**
   * After a restore: every actor field holds a persisted snapshot (checkpoint/actors.ts); this starts
   * each machine again from it with this run's objects, and wires the data plane's callbacks.
   */
  restore(): void {
    this.wire();
    const svc = this.scenario.topology.service;
    for (const [index, a] of this.instanceActors) {
      const inst = this.dp.instances[index]!;
      this.instanceActors.set(index, createInstanceActor(this, inst, this.instanceInput(inst.name, false), persisted(a)));
    }
    this.deployment = createDeploymentActor(this, svc.id, svc.version, persisted(this.deployment));
    this.autoscaler = createAutoscalerActor(this, svc, persisted(this.autoscaler));
    this.breakers = this.breakers.map((a, i) => {
      const dep = this.dp.deps[i]!;
      return a && dep.breaker ? this.breakerActor(dep.breaker, dep.config.id, persisted(a)) : null;
    });
    this.flags = this.flags.map((a, i) => {
      const f = this.scenario.topology.flags[i]!;
      return createFlagActor(this.dp, i, f.id, f.percentage, persisted(a));
    });
    for (const [id, a] of this.alerts) this.alerts.set(id, createAlertActor(this, this.alertRecords.get(id)!, 0, persisted(a)));
    this.incident = createIncidentActor(this.sched, this.annotations, (state) => (this.incidentState = state), {
      snapshot: persisted(this.incident),
      state: this.incidentState,
    });
    if (this.database && this.dp.db) {
      this.database = createDatabaseActor(this, this.dp.db, this.scenario.topology.database!, {
        snapshot: persisted(this.database),
        state: this.databaseState,
      });
    }
  }

  /** The actor with this id (a timer's target after a restore), or undefined once it has stopped. */
  actorById(id: string): { send(event: { type: string }): void } | undefined {
    if (id.startsWith('instance:')) {
      for (const a of this.instanceActors.values()) if (a.id === id) return a as { send(event: { type: string }): void };
      return undefined;
    }
    const fixed = [this.deployment, this.autoscaler, this.incident, this.database, ...this.breakers, ...this.flags, ...this.alerts.values()];
    return fixed.find((a) => a !== null && a.id === id) as { send(event: { type: string }): void } | undefined;
  }

  /** Boots the initial fleet as already running (the story starts with a healthy system). */
  startFleet(): void {
    for (let i = 0; i < this.desired; i++) this.startInstance(this.scenario.topology.service.version, POOL_STABLE, true);
    this.fleetStarted = true;
    if (this.scenario.topology.service.autoscaler.enabled) this.autoscaler.send({ type: 'ENABLE' });
  }

  // Instances.

  versionBehaviour(version: string): VersionBehaviour {
    return this.versions[version] ?? versionSchema.parse({});
  }

  startInstance(version: string, pool: number, alreadyBooted = false): Instance {
    const svc = this.scenario.topology.service;
    const name = `${svc.id}-${this.nextInstanceNumber++}`;
    const inst = new Instance(
      this.dp.instances.length,
      name,
      version,
      this.versionBehaviour(version),
      pool,
      svc.workers,
      svc.memory.baseMb,
      this.newProcess.limitMb ?? svc.memory.limitMb,
      this.newProcess.leakMbPerMinute,
      this.newProcess.crashAfterSeconds,
    );
    addInstance(this.dp, inst);
    const actor = createInstanceActor(this, inst, this.instanceInput(name, alreadyBooted));
    this.instanceActors.set(inst.index, actor);
    return inst;
  }

  private instanceInput(name: string, alreadyBooted: boolean) {
    const svc = this.scenario.topology.service;
    return {
      name,
      bootSeconds: alreadyBooted ? 0 : svc.bootSeconds,
      drainSeconds: svc.drainSeconds,
      restartBaseSeconds: svc.restartBackoff.baseSeconds,
      restartCapSeconds: svc.restartBackoff.capSeconds,
    };
  }

  instanceTerminated(inst: Instance): void {
    this.instanceActors.delete(inst.index);
  }

  instanceActor(inst: Instance): InstanceActor | undefined {
    return this.instanceActors.get(inst.index);
  }

  /** Instances that count towards capacity: not draining, not terminated. */
  active(pool?: number, version?: string): Instance[] {
    return this.dp.instances.filter(
      (i) =>
        i.phase !== PHASE_DRAINING &&
        i.phase !== PHASE_TERMINATED &&
        (pool === undefined || i.pool === pool) &&
        (version === undefined || i.version === version),
    );
  }

  drain(inst: Instance): void {
    this.instanceActors.get(inst.index)?.send({ type: 'DRAIN' });
  }

  /** Scale the stable pool of the current stable version to n instances. */
  setDesired(n: number): void {
    this.desired = n;
    if (this.deployPhase !== 'idle') return; // the deployment sizes pools while it runs
    const stable = this.stableVersion;
    const act = this.active(POOL_STABLE);
    if (n > act.length) for (let k = act.length; k < n; k++) this.startInstance(stable, POOL_STABLE);
    else for (const inst of drainOrder(act).slice(0, act.length - n)) this.drain(inst);
  }

  crashInstance(inst: Instance, reason: string): void {
    this.instanceActors.get(inst.index)?.send({ type: 'CRASH', reason });
  }

  // Deployment.

  deploy(req: DeployRequest): boolean {
    if (this.deployPhase !== 'idle') return false;
    if (!this.versions[req.version]) this.versions[req.version] = versionSchema.parse({});
    this.deployment.send({ type: 'DEPLOY', ...req });
    return true;
  }

  deployPublished(phase: DeployPhase, stable: string): void {
    this.deployPhase = phase;
    this.stableVersion = stable;
    // Catch up with scale requests made during the deployment.
    if (phase === 'idle' && this.fleetStarted) this.later(() => this.setDesired(this.desired));
  }

  judged(j: Judgement): void {
    this.lastJudgement = j;
  }

  deploymentContext(): DeploymentContext {
    return this.deployment.getSnapshot().context;
  }

  // Autoscaler, alerts, incident, database.

  autoscalerPublished(state: AutoscalerState): void {
    this.autoscalerState = state;
  }

  /** `detects`: whether its firing detects the incident (false for noise that never reflects user impact). */
  addAlertRule(id: string, severity: 'page' | 'ticket', forSeconds: number, detects = true): void {
    const record: AlertRecord = { id, severity, state: 'inactive', firings: [], detects, silencedUntil: null };
    this.alertRecords.set(id, record);
    this.alerts.set(id, createAlertActor(this, record, forSeconds));
  }

  /** The last condition each rule reported, so a silence that ends can hand it back. */
  private alertConditions = new Map<string, boolean>();

  setAlertCondition(id: string, active: boolean): void {
    this.alertConditions.set(id, active);
    const record = this.alertRecords.get(id);
    if (active && record && record.silencedUntil !== null) return;
    this.alerts.get(id)?.send({ type: active ? 'TRUE' : 'FALSE' });
  }

  /**
   * Silences alert `id` for `seconds`: it resolves and cannot fire again until the silence ends, when
   * it hears its current condition again. Returns false for an unknown alert.
   */
  silenceAlert(id: string, seconds: number): boolean {
    const record = this.alertRecords.get(id);
    if (!record) return false;
    record.silencedUntil = this.sched.now + seconds;
    this.alerts.get(id)!.send({ type: 'FALSE' });
    this.sched.startTask(`silence:${id}`, seconds, { kind: 'silence', alert: id });
    return true;
  }

  /** The silence on alert `id` ends: it hears its current condition again. */
  silenceEnded(id: string): void {
    const record = this.alertRecords.get(id);
    if (!record) return;
    record.silencedUntil = null;
    if (this.alertConditions.get(id)) this.alerts.get(id)!.send({ type: 'TRUE' });
  }

  alertFired(id: string, at: number): void {
    if (this.alertRecords.get(id)?.detects === false) return;
    // An alert can fire after the incident is resolved (its final state): there is nothing left to detect.
    if (this.incident.getSnapshot().status !== 'active') return;
    this.incident.send({ type: 'DETECTED', t: at, by: id });
  }

  incidentContext(): IncidentContext {
    return this.incident.getSnapshot().context;
  }

  databasePublished(state: DatabaseState): void {
    this.databaseState = state;
  }

  // Views.

  instanceView(inst: Instance): {
    name: string;
    version: string;
    pool: PoolName;
    phase: InstanceState;
    busy: number;
    queue: number;
    memoryMb: number;
    restarts: number;
  } {
    const actor = this.instanceActors.get(inst.index);
    return {
      name: inst.name,
      version: inst.version,
      pool: POOL_NAMES[inst.pool]!,
      phase: PHASE_NAMES[inst.phase]!,
      busy: inst.busy,
      queue: inst.queue.length,
      memoryMb: Math.round(inst.memoryMb(this.sched.now)),
      restarts: actor ? actor.getSnapshot().context.restarts : 0,
    };
  }
}
