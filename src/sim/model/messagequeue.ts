import { stopIfReviving } from '../checkpoint/blank';
/**
 * A message queue with a pool of workers. Messages are identical units of work (an order to
 * fulfil), so the queue is counts, not records. Work needs the database primary; when it is down a
 * message is put back and retried later (at-least-once delivery).
 */
export class MessageQueue {
  depth = 0;
  busy = 0;
  delayed = 0;
  /** Workers held by poison messages. */
  held = 0;
  /** Poison messages waiting for the next free worker (which fault, which of its messages). */
  readonly poisonWaiting: Array<{ fault: number; message: number }> = [];
  /** Dead-letter queue: receives before a failing message moves there (Infinity = no DLQ). */
  maxReceives = Infinity;
  deadLettered = 0;
  /** The broker accepts publishes (a broker-outage fault turns this off while it lasts). */
  brokerUp = true;
  /** Checkout writes its message to an outbox table in the order's transaction; a relay publishes it. */
  outbox = false;
  /** Publishes that failed after the handler had committed its write: orders nobody will fulfil. */
  lost = 0;
  /** Outbox rows waiting for the relay, as [second written, count] pairs, oldest first. */
  readonly outboxRows: number[] = [];
  outboxBacklog = 0;
  /** Rows the relay published, and their summed and longest wait in the outbox (seconds). */
  relayed = 0;
  relayLagSum = 0;
  relayLagMax = 0;
  depthArea = 0;
  busyArea = 0;
  lastChange = 0;

  constructor(
    public workers: number,
    public relayPerSecond = 200,
  ) {
    stopIfReviving(this, new.target);
  }

  /** The simulated clock (Scheduler.clock), read here instead of passing the time as an argument. */
  clock: Float64Array = NO_CLOCK;

  touch(): void {
    const now = this.clock[0]!;
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.depthArea += this.depth * dt;
      this.busyArea += this.busy * dt;
      this.lastChange = now;
    }
  }
}

const NO_CLOCK = new Float64Array(1);
