// Faults of the message queue and its broker: poison messages, a broker outage.
import type { SimulationCore } from '../core/types';
import { deliverPoison, releasePoisonWorker } from '../core/dataplane';
import { toMicros } from '../telemetry/histogram';
import type { FaultDef, FaultMemory, FaultOf } from './types';

function poisonTimer(index: number, k: number): string {
  return `fault:${index}/poison:${k}`;
}

/** A worker holds poison message k for `processSeconds`, then it fails. */
function holdPoison(sim: SimulationCore, f: FaultOf<'poison-message'>, index: number, k: number): void {
  sim.sched.startTask(poisonTimer(index, k), f.processSeconds, { kind: 'fault', index, name: `fail:${k}` });
}

/**
 * Poison messages: each holds a worker (fail, redeliver) until the dead-letter queue takes it or the
 * fault's end purges it. Memory: whether a worker holds each message, its receives, whether it is gone.
 */
export const poisonMessage: FaultDef<'poison-message'> = {
  start: (sim, f, index) => {
    // Each message: whether a worker holds it (false while it waits for one or after it left).
    const memory = { held: [] as boolean[], receives: [] as number[], gone: [] as boolean[] };
    for (let k = 0; k < f.count; k++) {
      memory.held.push(false);
      memory.receives.push(0);
      memory.gone.push(false);
    }
    // A free worker takes a message at once; otherwise the next one to finish does (`taken:k`).
    for (let k = 0; k < f.count; k++) if (deliverPoison(sim.dp, index, k)) poisonMessage.on!(sim, f, index, memory, `taken:${k}`);
    return memory;
  },
  on: (sim, f, index, memory, name) => {
    const { dp } = sim;
    const mq = dp.mq!;
    const { held, receives, gone } = memory as Required<FaultMemory>;
    const [what, n] = name.split(':');
    const k = Number(n);
    if (what === 'taken') {
      if (gone[k]) {
        releasePoisonWorker(dp);
        return;
      }
      held[k] = true;
      holdPoison(sim, f, index, k);
      return;
    }
    // what === 'fail'
    if (gone[k]) return;
    receives[k]!++;
    dp.mqMeter.record(toMicros(f.processSeconds), true);
    const dead = receives[k]! >= mq.maxReceives;
    if (dp.logs.errorSlot()) {
      dp.logs.write({
        t: Math.round(sim.now * 1e6) / 1e6,
        level: 'error',
        service: 'worker',
        instance: null,
        route: 'queue',
        status: 500,
        latencyMs: f.processSeconds * 1000,
        attempt: receives[k]!,
        correlationId: `msg-${index}-${k}`,
        msg: dead ? `handler failed; moved to the dead-letter queue after ${receives[k]} receives` : 'handler failed: cannot parse message body; redelivering',
      });
    }
    if (dead) {
      gone[k] = true;
      held[k] = false;
      mq.deadLettered++;
      releasePoisonWorker(dp);
      return;
    }
    holdPoison(sim, f, index, k);
  },
  // The fault's end: the bad messages are purged by hand.
  stop: (sim, f, index, memory) => {
    const { held, gone } = memory as Required<FaultMemory>;
    for (let k = 0; k < f.count; k++) {
      if (gone[k]) continue;
      gone[k] = true;
      sim.sched.cancelTimer(poisonTimer(index, k));
      if (held[k]) releasePoisonWorker(sim.dp);
      held[k] = false;
    }
  },
};

/** The broker refuses publishes while it is down (the outbox, if on, keeps rows until it is back). */
export const brokerOutage: FaultDef<'broker-outage'> = {
  start: (sim) => {
    sim.dp.mq!.brokerUp = false;
    return null;
  },
  stop: (sim) => {
    sim.dp.mq!.brokerUp = true;
  },
};
