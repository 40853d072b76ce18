import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import type { DataPlane } from '../core/dataplane';
import { PHASE_READY, POOL_BASELINE, POOL_CANARY, POOL_PREVIEW, POOL_STABLE, type Instance } from '../model/instance';
import type { Annotations } from '../telemetry/logs';
import { judgeCanary, type Judgement } from '../telemetry/judge';
import { timerActions } from '../machines/timers';
import { deploymentMachine, deploySettings, type DeployPhase } from '../machines/deployment.machine';
import { drainOrder } from './instance';

export type DeploymentActor = Actor<typeof deploymentMachine>;

/** The fleet a deployment resizes, and where it reports back. */
export interface DeploymentDeps {
  readonly sched: Scheduler;
  readonly annotations: Annotations;
  readonly dp: DataPlane;
  /** Target number of stable instances. */
  readonly desired: number;
  /** Instances that count towards capacity (not draining, not terminated). */
  active(pool?: number, version?: string): Instance[];
  startInstance(version: string, pool: number): Instance;
  drain(inst: Instance): void;
  /** Runs work that starts actors right after the current event, not inside a transition. */
  later(fn: () => void): void;
  deployPublished(phase: DeployPhase, stable: string): void;
  judged(j: Judgement): void;
}

const allReady = (list: Instance[]) => list.every((i) => i.phase === PHASE_READY);
/** Canary and baseline split the canary's share of users; the baseline never exceeds the canary. */
const baselineWeight = (w: number) => Math.min(w, 100 - w);

/**
 * Provides the deployment machine with the actions that start, move and drain instances, and the
 * guards that look at them. Pools, not versions, decide routing: moving an instance between pools
 * is how traffic shifts.
 */
export function createDeploymentActor(deps: DeploymentDeps, service: string, stable: string, snapshot?: Snapshot<unknown>): DeploymentActor {
  const { dp, annotations, sched } = deps;
  const sizeFor = (w: number) => Math.max(1, Math.ceil((deps.desired * w) / 100));
  const ensure = (pool: number, version: string, n: number) => {
    const have = deps.active(pool, version);
    for (let k = have.length; k < n; k++) deps.startInstance(version, pool);
  };
  const drainAll = (list: Instance[]) => {
    for (const inst of list) deps.drain(inst);
  };
  const machine = deploymentMachine.provide({
    actions: {
      ...timerActions(sched),
      publish: ({ context }, p) => deps.deployPublished(p.phase, context.stable),
      annotate: (_, p) => annotations.add(sched.now, 'deploy', p.text),
      startBatch: ({ context: c }) =>
        deps.later(() => {
          const target = c.target!;
          const fresh = deps.active(POOL_STABLE, target).length;
          const n = Math.min(deploySettings(c).batch, Math.max(0, deps.desired - fresh));
          for (let k = 0; k < n; k++) deps.startInstance(target, POOL_STABLE);
        }),
      retireBatch: ({ context: c }) => {
        // maxUnavailable = 0: never go below `desired` active instances.
        const old = deps.active(POOL_STABLE).filter((i) => i.version !== c.target);
        const fresh = deps.active(POOL_STABLE, c.target!).length;
        const surplus = Math.max(0, fresh + old.length - deps.desired);
        drainAll(drainOrder(old).slice(0, Math.min(old.length, surplus)));
      },
      startCanary: () => dp.pools.reset(),
      scaleCanary: ({ context: c }) =>
        deps.later(() => {
          ensure(POOL_CANARY, c.target!, sizeFor(c.weight));
          ensure(POOL_BASELINE, c.stable, sizeFor(Math.max(1, baselineWeight(c.weight))));
        }),
      applyWeight: ({ context: c }) => {
        dp.canaryWeight = c.weight;
        dp.baselineWeight = baselineWeight(c.weight);
        dp.pools.reset();
      },
      requestAnalysis: ({ self }) => {
        const j = judgeCanary(dp.pools.take(POOL_CANARY), dp.pools.take(POOL_BASELINE));
        deps.judged(j);
        dp.pools.reset();
        const pct = (x: number) => (x * 100).toFixed(2);
        annotations.add(
          sched.now,
          'deploy',
          `canary analysis: ${j.verdict} (score ${Math.round(j.score)}; errors canary ${pct(j.errors.canary)}% vs baseline ${pct(j.errors.baseline)}%)`,
        );
        self.send({ type: 'ANALYSIS', verdict: j.verdict });
      },
      promoteCanary: ({ context: c }) => {
        dp.canaryWeight = 0;
        dp.baselineWeight = 0;
        for (const inst of deps.active(POOL_CANARY)) inst.pool = POOL_STABLE;
        dp.routingDirty = true;
        deps.later(() => ensure(POOL_STABLE, c.target!, deps.desired));
      },
      retireOld: ({ context: c }) => {
        drainAll(deps.active(POOL_STABLE).filter((i) => i.version !== c.target));
        drainAll(deps.active(POOL_BASELINE));
      },
      abortCanary: () => {
        dp.canaryWeight = 0;
        dp.baselineWeight = 0;
        dp.routingDirty = true;
        drainAll([...deps.active(POOL_CANARY), ...deps.active(POOL_BASELINE)]);
      },
      startGreen: ({ context: c }) => deps.later(() => ensure(POOL_PREVIEW, c.target!, deps.desired)),
      switchToGreen: ({ context: c }) => {
        for (const inst of deps.active(POOL_STABLE)) inst.pool = POOL_PREVIEW;
        for (const inst of deps.active(POOL_PREVIEW, c.target!)) inst.pool = POOL_STABLE;
        dp.routingDirty = true;
      },
      switchBackToBlue: ({ context: c }) => {
        for (const inst of deps.active(POOL_STABLE, c.target!)) inst.pool = POOL_PREVIEW;
        for (const inst of deps.active(POOL_PREVIEW).filter((i) => i.version !== c.target)) inst.pool = POOL_STABLE;
        dp.routingDirty = true;
      },
      retireBlue: () => drainAll(deps.active(POOL_PREVIEW)),
      retireGreen: ({ context: c }) => drainAll(deps.active(POOL_PREVIEW, c.target!)),
    },
    guards: {
      batchReady: ({ context: c }) => allReady(deps.active(POOL_STABLE, c.target!)),
      rolloutComplete: ({ context: c }) => {
        const act = deps.active(POOL_STABLE);
        const fresh = act.filter((i) => i.version === c.target);
        return fresh.length >= deps.desired && fresh.length === act.length && allReady(fresh);
      },
      canaryReady: ({ context: c }) => {
        const can = deps.active(POOL_CANARY);
        return can.length >= sizeFor(c.weight) && allReady(can) && allReady(deps.active(POOL_BASELINE));
      },
      greenReady: ({ context: c }) => {
        const green = deps.active(POOL_PREVIEW, c.target!);
        return green.length >= deps.desired && allReady(green);
      },
    },
  });
  return createActor(machine, { id: `deployment:${service}`, input: { service, stable }, snapshot }).start();
}
