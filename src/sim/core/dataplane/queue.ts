import type { SeriesStore } from '../../telemetry/series';
import { toMicros } from '../../telemetry/histogram';

import type { DataPlane } from './state';
import * as kinds from '../events';
import { FAST_FAIL } from './codes';

// Local copies of hot constants (see codes.ts).
const { K_MQ_DONE, K_MQ_RETRY } = kinds;

/**
 * A handler's `publish` step. With the outbox, the message is a row written with the order (it
 * cannot fail on its own) and the relay publishes it later. Without it, the broker takes it or,
 * while the broker is down, refuses it: the result is false and the order already committed is
 * never fulfilled (a lost message).
 */
export function publish(dp: DataPlane): boolean {
  const mq = dp.mq!;
  if (mq.outbox) {
    const rows = mq.outboxRows;
    const sec = Math.floor(dp.sched.now);
    if (rows.length > 0 && rows[rows.length - 2] === sec) rows[rows.length - 1]!++;
    else rows.push(sec, 1);
    mq.outboxBacklog++;
    return true;
  }
  if (!mq.brokerUp) {
    mq.lost++;
    dp.brokerMeter.record(toMicros(FAST_FAIL), true);
    return false;
  }
  dp.brokerMeter.record(0, false);
  enqueue(dp);
  return true;
}

/**
 * The relay (once a second, while the broker is up) publishes up to `relayPerSecond` outbox rows,
 * oldest first; each row's lag is how long it waited in the outbox.
 */
function relayOutbox(dp: DataPlane, now: number): void {
  const mq = dp.mq!;
  const rows = mq.outboxRows;
  let budget = mq.relayPerSecond;
  while (budget > 0 && rows.length > 0) {
    const n = Math.min(budget, rows[1]!);
    const lag = now - rows[0]!;
    for (let k = 0; k < n; k++) {
      dp.brokerMeter.record(0, false);
      enqueue(dp);
    }
    mq.relayed += n;
    mq.relayLagSum += n * lag;
    if (lag > mq.relayLagMax) mq.relayLagMax = lag;
    mq.outboxBacklog -= n;
    budget -= n;
    if (n === rows[1]) rows.splice(0, 2);
    else rows[1] -= n;
  }
}

/** A message reaches the broker: a free worker takes it, or it waits in the queue. */
function enqueue(dp: DataPlane): void {
  const mq = dp.mq!;
  const now = dp.sched.now;
  mq.touch();
  if (mq.busy < mq.workers) {
    mq.busy++;
    dp.sched.at(now + dp.mqSampler!.sample(dp.rngSvc), K_MQ_DONE, 0, now);
  } else mq.depth++;
}

/**
 * A worker finished a message it picked up at `started`. The work needs the database primary; when
 * it is unreachable the message goes back for a later redelivery (at-least-once).
 */
export function onMqDone(dp: DataPlane, started: number): void {
  const mq = dp.mq!;
  const now = dp.sched.now;
  mq.touch();
  const db = dp.db;
  const ok = db === null || (db.primary.up && !db.partitionedFromApp && !db.primary.diskFull);
  if (!ok) {
    mq.delayed++;
    dp.sched.at(now + dp.mqRetryDelay, K_MQ_RETRY, 0, 0);
  }
  dp.mqMeter.record(toMicros(now - started), !ok);
  if (mq.poisonWaiting.length > 0) {
    // A redelivered poison message is first in line: this worker keeps failing on it.
    mq.held++;
    const p = mq.poisonWaiting.shift()!;
    dp.hooks.poisonTaken(p.fault, p.message);
  } else if (mq.depth > 0) {
    mq.depth--;
    dp.sched.at(now + dp.mqSampler!.sample(dp.rngSvc), K_MQ_DONE, 0, now);
  } else mq.busy--;
}

/**
 * Poison message `message` of fault `fault` is delivered: a free worker takes it (and keeps it; the
 * result is true), else it waits and the next worker to finish takes it (`hooks.poisonTaken`).
 */
export function deliverPoison(dp: DataPlane, fault: number, message: number): boolean {
  const mq = dp.mq!;
  mq.touch();
  if (mq.busy < mq.workers) {
    mq.busy++;
    mq.held++;
    return true;
  }
  mq.poisonWaiting.push({ fault, message });
  return false;
}

/** A worker held by a poison message lets go (dead-lettered or purged): it takes the next message. */
export function releasePoisonWorker(dp: DataPlane): void {
  const mq = dp.mq!;
  const now = dp.sched.now;
  mq.touch();
  mq.held--;
  if (mq.depth > 0) {
    mq.depth--;
    dp.sched.at(now + dp.mqSampler!.sample(dp.rngSvc), K_MQ_DONE, 0, now);
  } else mq.busy--;
}

export function onMqRetry(dp: DataPlane): void {
  dp.mq!.delayed--;
  enqueue(dp);
}

/** Queue depth and worker utilisation of the second that ends now. */
export function closeQueueSecond(dp: DataPlane, series: SeriesStore | null, sec: number): void {
  const mq = dp.mq;
  if (!mq) {
    dp.use.mqDepth = 0;
    return;
  }
  mq.touch();
  dp.use.mqDepth = mq.depthArea;
  if (series) {
    series.put('mq.depth', sec, mq.depthArea);
    series.put('mq.utilization', sec, mq.busyArea / mq.workers);
  }
  mq.depthArea = 0;
  mq.busyArea = 0;
  // The relay publishes after the close, so its messages count in the next second.
  const now = dp.sched.now;
  if (mq.brokerUp && mq.outboxBacklog > 0) relayOutbox(dp, now);
  dp.use.outboxBacklog = mq.outboxBacklog;
  if (series) {
    series.put('outbox.backlog', sec, mq.outboxBacklog);
    series.put('outbox.oldestSeconds', sec, mq.outboxRows.length > 0 ? now - mq.outboxRows[0]! : 0);
  }
}
