import { EventHeap } from './heap';
import { K_TIMER } from '../core/events';
import type { SimTask } from '../core/tasks';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * What a timer does, as plain data, so a checkpoint can hold it and a restored run can rebuild the
 * callback (`restoreCallbacks`).
 */
export type TimerTask = SimTask;

/**
 * The simulated clock. It owns the future-event list and a table of named timers for the control
 * plane. Timer ids are explicit strings ("instance:api-3/boot"): starting a timer with an id that is
 * already pending replaces it, and nothing here reads wall-clock time or Math.random.
 */
export class Scheduler {
  /** The clock lives in a typed array: storing a double in an object field allocates a heap number per store. */
  readonly clock = new Float64Array(1);
  get now(): number {
    return this.clock[0]!;
  }
  set now(t: number) {
    this.clock[0] = t;
  }
  readonly heap: EventHeap;
  private ids = new Map<string, number>();
  private callbacks: Array<(() => void) | null> = [];
  /** The plain-data description of each pending timer's callback (null: a closure only, cannot be checkpointed). */
  private tasks: Array<TimerTask | null> = [];
  /** Runs a task; the simulation sets it (`startTask`). */
  runTask: ((task: TimerTask) => void) | null = null;
  private gens: number[] = [];
  private names: string[] = [];
  private dues: number[] = [];
  private freeSlots: number[] = [];

  constructor(heap = new EventHeap()) {
    stopIfReviving(this, new.target);
    this.heap = heap;
  }

  /** Schedules a data-plane event. */
  at(time: number, kind: number, a: number, b: number): void {
    if (time < this.now) {
      throw new Error(`cannot schedule an event in the past (t=${time}, now=${this.now})`);
    }
    this.heap.push(time, kind, a, b);
  }

  /** A timer whose callback is plain data: it survives a checkpoint. */
  startTask(id: string, delaySeconds: number, task: TimerTask): void {
    const run = this.runTask;
    if (!run) throw new Error(`timer "${id}": this scheduler has no task runner`);
    this.startTimer(id, delaySeconds, () => run(task), task);
  }

  /** `task` describes `fire` as plain data; without one the timer cannot be checkpointed. */
  startTimer(id: string, delaySeconds: number, fire: () => void, task: TimerTask | null = null): void {
    if (!(delaySeconds >= 0) || !Number.isFinite(delaySeconds)) {
      throw new Error(`timer "${id}" needs a finite delay >= 0, got ${delaySeconds}`);
    }
    this.cancelTimer(id);
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.callbacks.length;
    this.callbacks[slot] = fire;
    this.tasks[slot] = task;
    this.gens[slot] = (this.gens[slot] ?? 0) + 1;
    this.names[slot] = id;
    this.dues[slot] = this.now + delaySeconds;
    this.ids.set(id, slot);
    this.heap.push(this.now + delaySeconds, K_TIMER, slot, this.gens[slot]!);
  }

  cancelTimer(id: string): void {
    const slot = this.ids.get(id);
    if (slot === undefined) return;
    this.ids.delete(id);
    this.callbacks[slot] = null;
    this.tasks[slot] = null;
    // The heap entry stays behind; bumping the generation turns it into a no-op when it fires.
    this.gens[slot] = this.gens[slot]! + 1;
    this.freeSlots.push(slot);
  }

  /** The closures a checkpoint leaves out; throws naming a pending timer that has no task. */
  checkpointOmits(): object[] {
    for (const [id, slot] of this.ids) {
      if (!this.tasks[slot]) throw new Error(`checkpoint: timer "${id}" has a closure but no task; start it with a TimerTask`);
    }
    return [this.callbacks];
  }

  /** After a restore: rebuilds every pending timer's callback from its task. */
  restoreCallbacks(resolve: (task: TimerTask) => () => void): void {
    this.callbacks = this.tasks.map((t) => (t ? resolve(t) : null));
  }

  /** Pending timers, soonest first (for snapshots and debugging). */
  pendingTimers(): Array<{ id: string; due: number }> {
    const out: Array<{ id: string; due: number }> = [];
    for (const [id, slot] of this.ids) out.push({ id, due: this.dues[slot]! });
    out.sort((x, y) => x.due - y.due || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return out;
  }

  /** Called by the event loop for K_TIMER events. */
  fireTimer(slot: number, gen: number): void {
    if (this.gens[slot] !== gen) return;
    const fire = this.callbacks[slot];
    if (!fire) return;
    this.ids.delete(this.names[slot]!);
    this.callbacks[slot] = null;
    this.tasks[slot] = null;
    this.gens[slot] = gen + 1;
    this.freeSlots.push(slot);
    fire();
  }

  /**
   * Runs events up to and including time `until`, handing non-timer events to `dispatch`. The full
   * simulation has its own loop; this one serves control-plane-only uses such as unit tests.
   */
  runUntil(until: number, dispatch?: (kind: number, a: number, b: number) => void): void {
    const heap = this.heap;
    while (heap.size > 0 && heap.peekTime() <= until) {
      this.now = heap.pop();
      if (heap.kind === K_TIMER) this.fireTimer(heap.a, heap.b);
      else if (dispatch) dispatch(heap.kind, heap.a, heap.b);
    }
    if (until > this.now) this.now = until;
  }
}
