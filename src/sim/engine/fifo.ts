import { stopIfReviving } from '../checkpoint/blank';
/**
 * Growable FIFO queues over typed arrays (ring buffers with power-of-two capacity).
 */

/** A queue of int32 ids, e.g. requests waiting for a worker. */
export class IntQueue {
  private buf: Int32Array;
  private mask: number;
  private head = 0;
  length = 0;

  constructor(capacity = 64) {
    stopIfReviving(this, new.target);
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.buf = new Int32Array(cap);
    this.mask = cap - 1;
  }

  push(v: number): void {
    if (this.length > this.mask) this.grow();
    this.buf[(this.head + this.length) & this.mask] = v;
    this.length++;
  }

  /** Caller checks length first. */
  shift(): number {
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return v;
  }

  peek(): number {
    return this.buf[this.head]!;
  }

  /** Removes and returns the newest entry (for LIFO service under overload). */
  pop(): number {
    this.length--;
    return this.buf[(this.head + this.length) & this.mask]!;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const next = new Int32Array(cap);
    for (let i = 0; i < this.length; i++) next[i] = this.buf[(this.head + i) & this.mask]!;
    this.buf = next;
    this.mask = cap - 1;
    this.head = 0;
  }
}

/**
 * Entries that expire after one fixed timeout, in the order they were added. Because every entry
 * waits the same duration, the oldest entry always expires first: one scheduled check for the head
 * replaces one timer per request. Entries carry an id and a token; the owner decides on expiry
 * whether the entry is still current (token matches) or already settled.
 */
export class DeadlineFifo {
  private ids: Int32Array;
  private tokens: Float64Array;
  private deadlines: Float64Array;
  private mask: number;
  private head = 0;
  length = 0;
  /** Time of the pending check event, or -1 when none is scheduled. */
  checkAt = -1;

  constructor(capacity = 64) {
    stopIfReviving(this, new.target);
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.ids = new Int32Array(cap);
    this.tokens = new Float64Array(cap);
    this.deadlines = new Float64Array(cap);
    this.mask = cap - 1;
  }

  push(id: number, token: number, deadline: number): void {
    if (this.length > this.mask) this.grow();
    const i = (this.head + this.length) & this.mask;
    this.ids[i] = id;
    this.tokens[i] = token;
    this.deadlines[i] = deadline;
    this.length++;
  }

  headId(): number {
    return this.ids[this.head]!;
  }
  headToken(): number {
    return this.tokens[this.head]!;
  }
  headDeadline(): number {
    return this.deadlines[this.head]!;
  }

  drop(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const ids = new Int32Array(cap);
    const tokens = new Float64Array(cap);
    const deadlines = new Float64Array(cap);
    for (let k = 0; k < this.length; k++) {
      const j = (this.head + k) & this.mask;
      ids[k] = this.ids[j]!;
      tokens[k] = this.tokens[j]!;
      deadlines[k] = this.deadlines[j]!;
    }
    this.ids = ids;
    this.tokens = tokens;
    this.deadlines = deadlines;
    this.mask = cap - 1;
    this.head = 0;
  }
}
