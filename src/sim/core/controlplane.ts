import { createActor, type Actor, type AnyActorRef } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import type { DataPlane } from './dataplane';
import {
  Instance,
  PHASE_CRASHED,
  PHASE_DRAINING,
  PHASE_NAMES,
  PHASE_READY,
  PHASE_STARTING,
  PHASE_TERMINATED,
  PHASE_UNREADY,
  POOL_BASELINE,
  POOL_CANARY,
  POOL_NAMES,
  POOL_PREVIEW,
  POOL_STABLE,
  type PhaseName,
} from '../model/instance';
import { BREAKER_CLOSED, BREAKER_HALF_OPEN, BREAKER_OPEN, type BreakerWindow } from '../model/breaker';
import type { VersionBehaviour } from '../model/topology';
import { versionSchema } from '../model/topology';
import type { Scenario } from '../scenarios/schema';
import type { Annotations } from '../telemetry/logs';
import { judgeCanary, type Judgement } from '../telemetry/judge';
import { timerActions } from '../machines/timers';
import { instanceMachine } from '../machines/instance.machine';
import { deploymentMachine, deploySettings, type DeployPhase, type DeploymentContext } from '../machines/deployment.machine';
import type { DeployRequest } from '../model/deploy';
import { autoscalerMachine, type AutoscalerState } from '../machines/autoscaler.machine';
import { breakerMachine, type BreakerState } from '../machines/breaker.machine';
import { flagMachine } from '../machines/flag.machine';
import { alertMachine, type AlertState } from '../machines/alert.machine';
import { incidentMachine, type IncidentContext, type IncidentState } from '../machines/incident.machine';
import { databaseMachine, type DatabaseState } from '../machines/database.machine';

const PHASE_CODE: Record<PhaseName, number> = {
  starting: PHASE_STARTING,
  ready: PHASE_READY,
  unready: PHASE_UNREADY,
  draining: PHASE_DRAINING,
  crashed: PHASE_CRASHED,
  terminated: PHASE_TERMINATED,
};

export interface AlertRecord {
  id: string;
  severity: 'page' | 'ticket';
  state: AlertState;
  /** Every time it started firing, with when it resolved (null while firing). */
  firings: Array<{ firedAt: number; resolvedAt: number | null }>;
}

/**
 * The control plane: one xstate actor per instance, plus the deployment, autoscaler, breakers,
 * flags, alert rules, incident and database failover. Every actor gets an explicit id, and every
 * timer goes through the simulated clock with an explicit id. Machines talk to the data plane only
 * through the actions and guards provided here, which write plain fields the data plane reads.
 */
export class ControlPlane {
  readonly instanceActors = new Map<number, Actor<typeof instanceMachine>>();
  readonly deployment: Actor<typeof deploymentMachine>;
  readonly autoscaler: Actor<typeof autoscalerMachine>;
  readonly breakers: Array<Actor<typeof breakerMachine> | null>;
  readonly flags: Array<Actor<typeof flagMachine>>;
  readonly alerts = new Map<string, Actor<typeof alertMachine>>();
  readonly alertRecords = new Map<string, AlertRecord>();
  readonly incident: Actor<typeof incidentMachine>;
  readonly database: Actor<typeof databaseMachine> | null;
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
  /** Fault-driven instance settings applied to every new process. */
  faultLeakPerMinute = 0;
  crashLoopUptime: number | null = null;
  readonly versions: Record<string, VersionBehaviour>;
  private nextInstanceNumber = 1;
  private timers: ReturnType<typeof timerActions>;
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

  private later(fn: () => void): void {
    this.pending.push(fn);
    this.hasPending = true;
  }

  constructor(
    private sched: Scheduler,
    private dp: DataPlane,
    private scenario: Scenario,
    private annotations: Annotations,
  ) {
    this.timers = timerActions(sched);
    const svc = scenario.topology.service;
    this.versions = { ...svc.versions };
    if (!this.versions[svc.version]) this.versions[svc.version] = versionSchema.parse({});
    this.desired = svc.replicas;
    this.stableVersion = svc.version;
    dp.hooks.instanceIdle = (inst) => this.instanceActors.get(inst.index)?.send({ type: 'DRAINED' });

    this.deployment = this.createDeployment(svc.id, svc.version);
    this.autoscaler = this.createAutoscaler();
    this.breakers = dp.deps.map((dep) => (dep.breaker ? this.createBreaker(dep.index) : null));
    this.flags = scenario.topology.flags.map((f, i) => this.createFlag(f.id, i, f.percentage));
    this.incident = this.createIncident();
    this.database = dp.db ? this.createDatabase() : null;
  }

  /** Boots the initial fleet as already running (the story starts with a healthy system). */
  startFleet(): void {
    for (let i = 0; i < this.desired; i++) this.startInstance(this.scenario.topology.service.version, POOL_STABLE, true);
    this.fleetStarted = true;
    if (this.scenario.topology.service.autoscaler.enabled) this.autoscaler.send({ type: 'ENABLE' });
  }

  // ---------------------------------------------------------------- instances

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
      svc.memory.limitMb,
      this.faultLeakPerMinute,
      this.crashLoopUptime,
    );
    this.dp.addInstance(inst);
    const actorId = `instance:${name}`;
    const crashTimer = `${actorId}/crash`;
    const machine = instanceMachine.provide({
      actions: {
        ...this.timers,
        publish: (_, params) => this.publishInstance(inst, params.phase),
        armCrash: ({ self }) => {
          if (inst.crashAfter !== null) {
            this.sched.startTimer(crashTimer, inst.crashAfter, () => self.send({ type: 'CRASH', reason: 'crashed after start (crash loop)' }));
          }
        },
        disarmCrash: () => this.sched.cancelTimer(crashTimer),
      },
    });
    const actor = createActor(machine, {
      id: actorId,
      input: {
        name,
        bootSeconds: alreadyBooted ? 0 : svc.bootSeconds,
        drainSeconds: svc.drainSeconds,
        restartBaseSeconds: svc.restartBackoff.baseSeconds,
        restartCapSeconds: svc.restartBackoff.capSeconds,
      },
    });
    this.instanceActors.set(inst.index, actor);
    actor.start();
    return inst;
  }

  private publishInstance(inst: Instance, phase: PhaseName): void {
    const now = this.sched.now;
    inst.touch();
    const code = PHASE_CODE[phase];
    inst.phase = code;
    this.dp.routingDirty = true;
    if (code === PHASE_STARTING) inst.rebooted(now);
    else if (code === PHASE_CRASHED) {
      inst.crashes++;
      this.dp.processDied(inst);
    } else if (code === PHASE_TERMINATED) {
      if (inst.busy > 0 || inst.queue.length > 0) this.dp.processDied(inst);
      this.instanceActors.delete(inst.index);
    } else if (code === PHASE_DRAINING && inst.busy === 0 && inst.queue.length === 0) {
      this.instanceActors.get(inst.index)?.send({ type: 'DRAINED' });
    }
  }

  instanceActor(inst: Instance): Actor<typeof instanceMachine> | undefined {
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

  /** Drain order: instances that help least first (not ready, then newest). */
  private drainOrder(list: Instance[]): Instance[] {
    return [...list].sort((a, b) => Number(a.phase === PHASE_READY) - Number(b.phase === PHASE_READY) || b.index - a.index);
  }

  /** Scale the stable pool of the current stable version to n instances. */
  setDesired(n: number): void {
    this.desired = n;
    if (this.deployPhase !== 'idle') return; // the deployment sizes pools while it runs
    const stable = this.stableVersion;
    const act = this.active(POOL_STABLE);
    if (n > act.length) for (let k = act.length; k < n; k++) this.startInstance(stable, POOL_STABLE);
    else for (const inst of this.drainOrder(act).slice(0, act.length - n)) this.drain(inst);
  }

  crashInstance(inst: Instance, reason: string): void {
    this.instanceActors.get(inst.index)?.send({ type: 'CRASH', reason });
  }

  // ---------------------------------------------------------------- deployment

  deploy(req: DeployRequest): boolean {
    if (this.deployPhase !== 'idle') return false;
    if (!this.versions[req.version]) this.versions[req.version] = versionSchema.parse({});
    this.deployment.send({ type: 'DEPLOY', ...req });
    return true;
  }

  private createDeployment(service: string, stable: string): Actor<typeof deploymentMachine> {
    const allReady = (list: Instance[]) => list.every((i) => i.phase === PHASE_READY);
    const sizeFor = (w: number) => Math.max(1, Math.ceil((this.desired * w) / 100));
    const baselineWeight = (w: number) => Math.min(w, 100 - w);
    const ensure = (pool: number, version: string, n: number) => {
      const have = this.active(pool, version);
      for (let k = have.length; k < n; k++) this.startInstance(version, pool);
    };
    const machine = deploymentMachine.provide({
      actions: {
        ...this.timers,
        publish: ({ context }, p) => {
          this.deployPhase = p.phase;
          this.stableVersion = context.stable;
          // Catch up with scale requests made during the deployment.
          if (p.phase === 'idle' && this.fleetStarted) this.later(() => this.setDesired(this.desired));
        },
        annotate: (_, p) => this.annotations.add(this.sched.now, 'deploy', p.text),
        startBatch: ({ context: c }) =>
          this.later(() => {
            const target = c.target!;
            const fresh = this.active(POOL_STABLE, target).length;
            const n = Math.min(deploySettings(c).batch, Math.max(0, this.desired - fresh));
            for (let k = 0; k < n; k++) this.startInstance(target, POOL_STABLE);
          }),
        retireBatch: ({ context: c }) => {
          // maxUnavailable = 0: never go below `desired` active instances.
          const old = this.active(POOL_STABLE).filter((i) => i.version !== c.target);
          const fresh = this.active(POOL_STABLE, c.target!).length;
          const surplus = Math.max(0, fresh + old.length - this.desired);
          for (const inst of this.drainOrder(old).slice(0, Math.min(old.length, surplus))) this.drain(inst);
        },
        startCanary: () => {
          this.dp.pools.reset();
        },
        scaleCanary: ({ context: c }) =>
          this.later(() => {
            ensure(POOL_CANARY, c.target!, sizeFor(c.weight));
            ensure(POOL_BASELINE, c.stable, sizeFor(Math.max(1, baselineWeight(c.weight))));
          }),
        applyWeight: ({ context: c }) => {
          this.dp.canaryWeight = c.weight;
          this.dp.baselineWeight = baselineWeight(c.weight);
          this.dp.pools.reset();
        },
        requestAnalysis: ({ self }) => {
          const j = judgeCanary(this.dp.pools.take(POOL_CANARY), this.dp.pools.take(POOL_BASELINE));
          this.lastJudgement = j;
          this.dp.pools.reset();
          this.annotations.add(
            this.sched.now,
            'deploy',
            `canary analysis: ${j.verdict} (score ${Math.round(j.score)}; errors canary ${(j.errors.canary * 100).toFixed(2)}% vs baseline ${(j.errors.baseline * 100).toFixed(2)}%)`,
          );
          self.send({ type: 'ANALYSIS', verdict: j.verdict });
        },
        promoteCanary: ({ context: c }) => {
          this.dp.canaryWeight = 0;
          this.dp.baselineWeight = 0;
          for (const inst of this.active(POOL_CANARY)) inst.pool = POOL_STABLE;
          this.dp.routingDirty = true;
          this.later(() => ensure(POOL_STABLE, c.target!, this.desired));
        },
        retireOld: ({ context: c }) => {
          for (const inst of this.active(POOL_STABLE).filter((i) => i.version !== c.target)) this.drain(inst);
          for (const inst of this.active(POOL_BASELINE)) this.drain(inst);
        },
        abortCanary: () => {
          this.dp.canaryWeight = 0;
          this.dp.baselineWeight = 0;
          this.dp.routingDirty = true;
          for (const inst of [...this.active(POOL_CANARY), ...this.active(POOL_BASELINE)]) this.drain(inst);
        },
        startGreen: ({ context: c }) => this.later(() => ensure(POOL_PREVIEW, c.target!, this.desired)),
        switchToGreen: ({ context: c }) => {
          for (const inst of this.active(POOL_STABLE)) inst.pool = POOL_PREVIEW;
          for (const inst of this.active(POOL_PREVIEW, c.target!)) inst.pool = POOL_STABLE;
          this.dp.routingDirty = true;
        },
        switchBackToBlue: ({ context: c }) => {
          for (const inst of this.active(POOL_STABLE, c.target!)) inst.pool = POOL_PREVIEW;
          for (const inst of this.active(POOL_PREVIEW).filter((i) => i.version !== c.target)) inst.pool = POOL_STABLE;
          this.dp.routingDirty = true;
        },
        retireBlue: () => {
          for (const inst of this.active(POOL_PREVIEW)) this.drain(inst);
        },
        retireGreen: ({ context: c }) => {
          for (const inst of this.active(POOL_PREVIEW, c.target!)) this.drain(inst);
        },
      },
      guards: {
        batchReady: ({ context: c }) => allReady(this.active(POOL_STABLE, c.target!)),
        rolloutComplete: ({ context: c }) => {
          const act = this.active(POOL_STABLE);
          const fresh = act.filter((i) => i.version === c.target);
          return fresh.length >= this.desired && fresh.length === act.length && allReady(fresh);
        },
        canaryReady: ({ context: c }) => {
          const can = this.active(POOL_CANARY);
          const base = this.active(POOL_BASELINE);
          return can.length >= sizeFor(c.weight) && allReady(can) && allReady(base);
        },
        greenReady: ({ context: c }) => {
          const green = this.active(POOL_PREVIEW, c.target!);
          return green.length >= this.desired && allReady(green);
        },
      },
    });
    const actor = createActor(machine, { id: `deployment:${service}`, input: { service, stable } });
    actor.start();
    return actor;
  }

  deploymentContext(): DeploymentContext {
    return this.deployment.getSnapshot().context;
  }

  // ---------------------------------------------------------------- autoscaler

  private createAutoscaler(): Actor<typeof autoscalerMachine> {
    const svc = this.scenario.topology.service;
    const a = svc.autoscaler;
    const machine = autoscalerMachine.provide({
      actions: {
        ...this.timers,
        scaleTo: (_, p) => {
          this.annotations.add(this.sched.now, 'autoscaler', `autoscaler: ${this.desired} -> ${p.replicas} instances`);
          this.later(() => this.setDesired(p.replicas));
        },
        publish: (_, p) => {
          this.autoscalerState = p.state;
        },
      },
    });
    const actor = createActor(machine, {
      id: `autoscaler:${svc.id}`,
      input: { service: svc.id, min: a.min, max: a.max, targetUtilization: a.targetUtilization, cooldownSeconds: a.cooldownSeconds },
    });
    actor.start();
    return actor;
  }

  // ---------------------------------------------------------------- breakers, flags

  private createBreaker(d: number): Actor<typeof breakerMachine> {
    const dep = this.dp.deps[d]!;
    return createBreakerActor(this.sched, dep.breaker!, dep.config.id, (state) =>
      this.annotations.add(this.sched.now, 'breaker', `circuit breaker for ${dep.config.id} ${state}`),
    );
  }

  private createFlag(id: string, f: number, percentage: number): Actor<typeof flagMachine> {
    const machine = flagMachine.provide({
      actions: {
        publish: ({ context }, p) => {
          this.dp.flagPct[f] = context.percentage;
          this.dp.flagKilled[f] = p.killed ? 1 : 0;
          this.dp.refreshFlags();
        },
      },
    });
    const actor = createActor(machine, { id: `flag:${id}`, input: { flag: id, percentage } });
    actor.start();
    return actor;
  }

  // ---------------------------------------------------------------- alerts and incident

  addAlertRule(id: string, severity: 'page' | 'ticket', forSeconds: number): void {
    const record: AlertRecord = { id, severity, state: 'inactive', firings: [] };
    this.alertRecords.set(id, record);
    const machine = alertMachine.provide({
      actions: {
        ...this.timers,
        publish: (_, p) => {
          const now = this.sched.now;
          const was = record.state;
          record.state = p.state;
          if (p.state === 'firing' && was !== 'firing') {
            record.firings.push({ firedAt: now, resolvedAt: null });
            this.annotations.add(now, 'alert', `${severity === 'page' ? 'PAGE' : 'ticket'}: ${id} firing`);
            this.incident.send({ type: 'DETECTED', t: now, by: id });
          } else if (p.state === 'resolved' && was === 'firing') {
            const last = record.firings[record.firings.length - 1];
            if (last) last.resolvedAt = now;
            this.annotations.add(now, 'alert', `${id} resolved`);
          }
        },
      },
    });
    const actor = createActor(machine, {
      id: `alert:${id}`,
      input: { rule: id, severity, forSeconds, keepResolvedSeconds: 300 },
    });
    actor.start();
    this.alerts.set(id, actor);
  }

  setAlertCondition(id: string, active: boolean): void {
    this.alerts.get(id)?.send({ type: active ? 'TRUE' : 'FALSE' });
  }

  private createIncident(): Actor<typeof incidentMachine> {
    const machine = incidentMachine.provide({
      actions: {
        publish: (_, p) => {
          if (p.state !== this.incidentState && p.state !== 'quiet') {
            this.annotations.add(this.sched.now, 'incident', `incident ${p.state}`, p.state === 'started');
          }
          this.incidentState = p.state;
        },
      },
    });
    const actor = createActor(machine, { id: 'incident' });
    actor.start();
    return actor;
  }

  incidentContext(): IncidentContext {
    return this.incident.getSnapshot().context;
  }

  // ---------------------------------------------------------------- database failover

  private createDatabase(): Actor<typeof databaseMachine> {
    const db = this.dp.db!;
    const cfg = this.scenario.topology.database!;
    const machine = databaseMachine.provide({
      actions: {
        ...this.timers,
        publish: (_, p) => {
          if (p.state !== this.databaseState) this.annotations.add(this.sched.now, 'database', `database ${p.state}`);
          this.databaseState = p.state;
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
          this.dp.resetLeaks();
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
    const actor = createActor(machine, {
      id: 'database',
      input: {
        automatic: cfg.failover.automatic,
        detectSeconds: cfg.failover.detectSeconds,
        promoteSeconds: cfg.failover.promoteSeconds,
        rebuildSeconds: 600,
      },
    });
    actor.start();
    return actor;
  }

  // ---------------------------------------------------------------- views

  instanceView(inst: Instance): {
    name: string;
    version: string;
    pool: string;
    phase: string;
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

export type { AnyActorRef };

/**
 * Wires a breaker machine to its data-plane window: the window reports TRIP and trial results, the
 * machine publishes its state back. `onChange` hears every state change after the first.
 */
export function createBreakerActor(
  sched: Scheduler,
  win: BreakerWindow,
  dependency: string,
  onChange: (state: BreakerState) => void = () => {},
): Actor<typeof breakerMachine> {
  let started = false;
  const machine = breakerMachine.provide({
    actions: {
      ...timerActions(sched),
      publish: (_, p) => {
        win.state = p.state === 'closed' ? BREAKER_CLOSED : p.state === 'open' ? BREAKER_OPEN : BREAKER_HALF_OPEN;
        if (started) onChange(p.state);
      },
      resetWindow: () => win.reset(),
    },
  });
  const actor = createActor(machine, {
    id: `breaker:${dependency}`,
    input: { dependency, sleepSeconds: win.config.sleepSeconds },
  });
  win.onTrip = () => actor.send({ type: 'TRIP' });
  win.onTrialResult = (ok) => actor.send({ type: ok ? 'TRIAL_SUCCESS' : 'TRIAL_FAILURE' });
  actor.start();
  started = true;
  return actor;
}
