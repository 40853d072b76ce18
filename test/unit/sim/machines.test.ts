import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { Scheduler } from '../../../src/sim/engine/scheduler';
import { timerActions } from '../../../src/sim/machines/timers';
import { instanceMachine } from '../../../src/sim/machines/instance.machine';
import { alertMachine } from '../../../src/sim/machines/alert.machine';
import { incidentMachine, incidentDurations } from '../../../src/sim/machines/incident.machine';
import { flagMachine } from '../../../src/sim/machines/flag.machine';
import { autoscalerMachine, desiredReplicas } from '../../../src/sim/machines/autoscaler.machine';
import { deploymentMachine } from '../../../src/sim/machines/deployment.machine';
import { databaseMachine } from '../../../src/sim/machines/database.machine';

describe('instance machine', () => {
  function instance() {
    const sched = new Scheduler();
    const phases: Array<[number, string]> = [];
    const machine = instanceMachine.provide({
      actions: { ...timerActions(sched), publish: (_, p) => phases.push([sched.now, p.phase]) },
    });
    const actor = createActor(machine, {
      id: 'instance:api-1',
      input: { name: 'api-1', bootSeconds: 20, drainSeconds: 30, restartBaseSeconds: 10, restartCapSeconds: 40 },
    });
    actor.start();
    return { sched, actor, phases };
  }

  it('boots, then is ready after bootSeconds on the simulated clock', () => {
    const { sched, phases } = instance();
    sched.runUntil(19.9);
    expect(phases).toEqual([[0, 'starting']]);
    sched.runUntil(20);
    expect(phases).toEqual([
      [0, 'starting'],
      [20, 'ready'],
    ]);
  });

  it('crash loop: restarts with back-off 10, 20, 40, 40 s (capped)', () => {
    const { sched, actor, phases } = instance();
    sched.runUntil(20);
    const crashTimes: number[] = [];
    for (let k = 0; k < 4; k++) {
      actor.send({ type: 'CRASH', reason: 'test' });
      crashTimes.push(sched.now);
      // Wait until it is ready again.
      while (!actor.getSnapshot().matches('running') && sched.heap.size > 0) sched.runUntil(sched.heap.peekTime());
    }
    const starts = phases.filter(([, p]) => p === 'starting').map(([t]) => t);
    // first start at 0, then crash + back-off
    expect(starts.slice(1).map((t, i) => t - crashTimes[i]!)).toEqual([10, 20, 40, 40]);
    expect(actor.getSnapshot().context.restarts).toBe(4);
    expect(actor.getSnapshot().context.lastCrashReason).toBe('test');
  });

  it('readiness failures take it out of rotation and back', () => {
    const { sched, actor } = instance();
    sched.runUntil(20);
    actor.send({ type: 'READINESS', ok: false });
    expect(actor.getSnapshot().value).toEqual({ running: 'unready' });
    actor.send({ type: 'READINESS', ok: true });
    expect(actor.getSnapshot().value).toEqual({ running: 'ready' });
  });

  it('drains, then terminates when idle or after the drain timeout', () => {
    const a = instance();
    a.sched.runUntil(20);
    a.actor.send({ type: 'DRAIN' });
    a.actor.send({ type: 'DRAINED' });
    expect(a.actor.getSnapshot().status).toBe('done');
    const b = instance();
    b.sched.runUntil(20);
    b.actor.send({ type: 'DRAIN' });
    b.sched.runUntil(49.9);
    expect(b.actor.getSnapshot().value).toBe('draining');
    b.sched.runUntil(50);
    expect(b.actor.getSnapshot().value).toBe('terminated');
  });
});

describe('alert rule machine', () => {
  function rule(forSeconds: number) {
    const sched = new Scheduler();
    const states: Array<[number, string]> = [];
    const machine = alertMachine.provide({
      actions: { ...timerActions(sched), publish: (_, p) => states.push([sched.now, p.state]) },
    });
    const actor = createActor(machine, { id: 'alert:test', input: { rule: 'test', severity: 'page', forSeconds, keepResolvedSeconds: 300 } });
    actor.start();
    return { sched, actor, states };
  }

  it('inactive -> pending -> firing after `for`, then resolved -> inactive', () => {
    const { sched, actor, states } = rule(60);
    sched.runUntil(10);
    actor.send({ type: 'TRUE' });
    sched.runUntil(69);
    expect(actor.getSnapshot().value).toBe('pending');
    sched.runUntil(70);
    expect(actor.getSnapshot().value).toBe('firing');
    sched.runUntil(100);
    actor.send({ type: 'FALSE' });
    sched.runUntil(400);
    expect(states).toEqual([
      [0, 'inactive'],
      [10, 'pending'],
      [70, 'firing'],
      [100, 'resolved'],
      [400, 'inactive'],
    ]);
  });

  it('a condition that clears before `for` never fires', () => {
    const { sched, actor, states } = rule(60);
    actor.send({ type: 'TRUE' });
    sched.runUntil(30);
    actor.send({ type: 'FALSE' });
    sched.runUntil(200);
    expect(states.map(([, s]) => s)).toEqual(['inactive', 'pending', 'inactive']);
  });

  it('with for = 0 it fires on the first true evaluation', () => {
    const { actor } = rule(0);
    actor.send({ type: 'TRUE' });
    expect(actor.getSnapshot().value).toBe('firing');
  });
});

describe('incident machine', () => {
  it('records milestones and computes MTTD, MTTA, MTTR', () => {
    const actor = createActor(incidentMachine, { id: 'incident' });
    actor.start();
    actor.send({ type: 'START', t: 100 });
    actor.send({ type: 'SEVERITY', t: 110, level: 3 });
    actor.send({ type: 'DETECTED', t: 160, by: 'slo-burn-1h-5m' });
    actor.send({ type: 'SEVERITY', t: 170, level: 4 }); // less severe: ignored
    actor.send({ type: 'SEVERITY', t: 180, level: 2 });
    actor.send({ type: 'ACK', t: 200 });
    actor.send({ type: 'MITIGATED', t: 400 });
    actor.send({ type: 'RESOLVE', t: 1000 });
    const c = actor.getSnapshot().context;
    expect(actor.getSnapshot().value).toBe('resolved');
    expect(c.severity).toBe(2);
    expect(c.detectedBy).toBe('slo-burn-1h-5m');
    expect(incidentDurations(c)).toEqual({ mttd: 60, mtta: 40, mttm: 300, mttr: 900 });
  });

  it('can be mitigated before anyone acknowledges (automatic rollback), and regress', () => {
    const actor = createActor(incidentMachine, { id: 'incident' });
    actor.start();
    actor.send({ type: 'START', t: 0 });
    actor.send({ type: 'DETECTED', t: 30, by: 'x' });
    actor.send({ type: 'MITIGATED', t: 90 });
    expect(actor.getSnapshot().value).toBe('mitigated');
    actor.send({ type: 'REGRESSED', t: 120 });
    expect(actor.getSnapshot().value).toBe('detected');
    expect(actor.getSnapshot().context.mitigatedAt).toBeNull();
  });
});

describe('feature flag machine', () => {
  it('rolls out by percentage and has a kill switch that remembers the rollout', () => {
    const published: Array<[number, boolean]> = [];
    const machine = flagMachine.provide({ actions: { publish: ({ context }, p) => published.push([context.percentage, p.killed]) } });
    const actor = createActor(machine, { id: 'flag:test', input: { flag: 'test', percentage: 0 } });
    actor.start();
    actor.send({ type: 'SET', percentage: 20 });
    expect(actor.getSnapshot().value).toBe('rollingOut');
    actor.send({ type: 'KILL' });
    actor.send({ type: 'SET', percentage: 50 });
    expect(actor.getSnapshot().value).toBe('killed');
    actor.send({ type: 'RESTORE' });
    expect(actor.getSnapshot().value).toBe('rollingOut');
    actor.send({ type: 'SET', percentage: 100 });
    expect(actor.getSnapshot().value).toBe('on');
    expect(published).toEqual([
      [0, false],
      [20, false],
      [20, true],
      [50, false],
      [100, false],
    ]);
  });
});

describe('autoscaler machine', () => {
  it('computes the HPA rule ceil(replicas * utilization / target), clamped', () => {
    const c = { min: 2, max: 10, targetUtilization: 0.6 };
    expect(desiredReplicas(c, 0.9, 4)).toBe(6);
    expect(desiredReplicas(c, 0.6, 4)).toBe(4);
    expect(desiredReplicas(c, 0.1, 4)).toBe(2);
    expect(desiredReplicas(c, 3, 4)).toBe(10);
  });

  it('scales, then waits out the cooldown, and ignores evaluations during a deployment', () => {
    const sched = new Scheduler();
    const scaled: Array<[number, number]> = [];
    const machine = autoscalerMachine.provide({
      actions: { ...timerActions(sched), scaleTo: (_, p) => scaled.push([sched.now, p.replicas]) },
    });
    const actor = createActor(machine, {
      id: 'autoscaler:api',
      input: { service: 'api', min: 2, max: 10, targetUtilization: 0.6, cooldownSeconds: 60 },
    });
    actor.start();
    actor.send({ type: 'EVALUATE', utilization: 0.9, replicas: 4, deploying: false });
    expect(scaled).toEqual([]); // disabled until enabled
    actor.send({ type: 'ENABLE' });
    actor.send({ type: 'EVALUATE', utilization: 0.9, replicas: 4, deploying: true });
    expect(scaled).toEqual([]);
    actor.send({ type: 'EVALUATE', utilization: 0.9, replicas: 4, deploying: false });
    sched.runUntil(30);
    actor.send({ type: 'EVALUATE', utilization: 0.95, replicas: 6, deploying: false });
    sched.runUntil(60);
    actor.send({ type: 'EVALUATE', utilization: 0.95, replicas: 6, deploying: false });
    expect(scaled).toEqual([
      [0, 6],
      [60, 10],
    ]);
  });
});

describe('deployment machine (rolling, with test guards)', () => {
  it('alternates starting and retiring batches until the rollout is complete', () => {
    const sched = new Scheduler();
    const log: string[] = [];
    let retired = 0;
    const machine = deploymentMachine.provide({
      actions: {
        ...timerActions(sched),
        annotate: (_, p) => log.push(`note:${p.text}`),
        startBatch: () => log.push(`start@${sched.now}`),
        retireBatch: () => {
          retired++;
          log.push(`retire@${sched.now}`);
        },
      },
      guards: { batchReady: () => true, rolloutComplete: () => retired >= 3 },
    });
    const actor = createActor(machine, { id: 'deployment:api', input: { service: 'api', stable: 'v1' } });
    actor.start();
    actor.send({ type: 'DEPLOY', version: 'v2', strategy: 'rolling', steps: [100], batch: 1, analysisSeconds: 60, failureThreshold: 2, bakeSeconds: 60 });
    sched.runUntil(100);
    expect(log).toEqual([
      'note:rolling deploy to v2 started',
      'start@0',
      'retire@2',
      'start@2',
      'retire@4',
      'start@4',
      'retire@6',
      'note:deploy of v2 complete',
    ]);
    const c = actor.getSnapshot().context;
    expect([c.stable, c.previous, c.lastOutcome]).toEqual(['v2', 'v1', 'succeeded']);
    // Rolling back after completion redeploys the previous version.
    actor.send({ type: 'ROLLBACK' });
    sched.runUntil(200);
    expect(actor.getSnapshot().context.stable).toBe('v1');
    expect(actor.getSnapshot().context.lastOutcome).toBe('rolled-back');
  });
});

describe('database failover machine', () => {
  it('waits detectSeconds, promotes in promoteSeconds, later provisions a new replica', () => {
    const sched = new Scheduler();
    const log: string[] = [];
    let replica = true;
    const machine = databaseMachine.provide({
      actions: {
        ...timerActions(sched),
        publish: (_, p) => log.push(`${sched.now}:${p.state}`),
        promoteReplica: () => {
          replica = false;
        },
        provisionReplica: () => {
          replica = true;
        },
      },
      guards: { hasReplica: () => replica },
    });
    const actor = createActor(machine, { id: 'database', input: { automatic: true, detectSeconds: 30, promoteSeconds: 15, rebuildSeconds: 600 } });
    actor.start();
    sched.runUntil(100);
    actor.send({ type: 'PRIMARY_DOWN' });
    sched.runUntil(800);
    expect(log).toEqual(['0:healthy', '100:primary-down', '130:promoting', '145:no-replica', '745:healthy']);
  });
});
