import { stopIfReviving } from '../checkpoint/blank';
/**
 * Requests in flight, as struct-of-arrays tables with free lists, so the hot path allocates nothing.
 *
 * A *logical* request is what a user asked for; it lives from arrival until it finally succeeds, fails
 * or is shed, across any retries. An *attempt* is one try travelling through the system. A client may
 * give up on an attempt (timeout) while the server keeps working on it: the attempt then lives on,
 * detached, until the server finishes. Each entry has a serial number that is never reused, so stale
 * references (a timeout check for an attempt that already finished) can be recognised.
 */

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

export class LogicalTable {
  cap: number;
  live = 0;
  start: Float64Array;
  serial: Float64Array;
  source: Uint8Array;
  route: Uint8Array;
  user: Int32Array;
  attempts: Uint8Array;
  prevSleep: Float64Array;
  /** Current attempt id, or -1 while waiting to retry. */
  attempt: Int32Array;
  attemptSerial: Float64Array;
  private free: Int32Array;
  private freeTop: number;
  private nextSerial = 1;

  constructor(cap = 1024) {
    stopIfReviving(this, new.target);
    this.cap = cap;
    this.start = new Float64Array(cap);
    this.serial = new Float64Array(cap);
    this.source = new Uint8Array(cap);
    this.route = new Uint8Array(cap);
    this.user = new Int32Array(cap);
    this.attempts = new Uint8Array(cap);
    this.prevSleep = new Float64Array(cap);
    this.attempt = new Int32Array(cap);
    this.attemptSerial = new Float64Array(cap);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  private grow(): void {
    const old = this.cap;
    const n = old * 2;
    this.start = growF64(this.start, n);
    this.serial = growF64(this.serial, n);
    this.source = growU8(this.source, n);
    this.route = growU8(this.route, n);
    this.user = growI32(this.user, n);
    this.attempts = growU8(this.attempts, n);
    this.prevSleep = growF64(this.prevSleep, n);
    this.attempt = growI32(this.attempt, n);
    this.attemptSerial = growF64(this.attemptSerial, n);
    const f = new Int32Array(n);
    for (let i = 0; i < n - old; i++) f[i] = n - 1 - i;
    this.free = f;
    this.freeTop = n - old;
    this.cap = n;
  }

  alloc(): number {
    if (this.freeTop === 0) this.grow();
    const i = this.free[--this.freeTop]!;
    this.serial[i] = this.nextSerial++;
    this.attempts[i] = 0;
    this.prevSleep[i] = 0;
    this.attempt[i] = -1;
    this.live++;
    return i;
  }

  release(i: number): void {
    if (this.serial[i] === 0) throw new Error(`logical request ${i} released twice`);
    this.serial[i] = 0;
    this.free[this.freeTop++] = i;
    this.live--;
  }

  /** Live entries counted by scanning the table (independent of the `live` counter; for checks). */
  countLive(): number {
    let n = 0;
    for (let i = 0; i < this.cap; i++) if (this.serial[i] !== 0) n++;
    return n;
  }
}

export class AttemptTable {
  cap: number;
  live = 0;
  serial: Float64Array;
  /** Changes at every step; events carry it so a superseded event is ignored. */
  token: Float64Array;
  logical: Int32Array;
  logicalSerial: Float64Array;
  source: Uint8Array;
  route: Uint8Array;
  user: Int32Array;
  /** When the client sent it. */
  start: Float64Array;
  /** When it reached its instance (queue entry). */
  arrived: Float64Array;
  /** When its current database query or dependency call began (including any wait for a connection). */
  mark: Float64Array;
  instance: Int32Array;
  incarnation: Int32Array;
  step: Uint8Array;
  /** Outcome decided early (e.g. the version answers 500 after its CPU work). */
  verdict: Uint8Array;
  dbNode: Int32Array;
  key: Int32Array;
  /** 1 when this attempt is the half-open breaker trial. */
  trial: Uint8Array;
  /** 1 while holding a worker (as opposed to waiting in the instance queue). */
  working: Uint8Array;
  private free: Int32Array;
  private freeTop: number;
  private nextSerial = 1;
  private nextToken = 1;

  constructor(cap = 1024) {
    stopIfReviving(this, new.target);
    this.cap = cap;
    this.serial = new Float64Array(cap);
    this.token = new Float64Array(cap);
    this.logical = new Int32Array(cap);
    this.logicalSerial = new Float64Array(cap);
    this.source = new Uint8Array(cap);
    this.route = new Uint8Array(cap);
    this.user = new Int32Array(cap);
    this.start = new Float64Array(cap);
    this.arrived = new Float64Array(cap);
    this.mark = new Float64Array(cap);
    this.instance = new Int32Array(cap);
    this.incarnation = new Int32Array(cap);
    this.step = new Uint8Array(cap);
    this.verdict = new Uint8Array(cap);
    this.dbNode = new Int32Array(cap);
    this.key = new Int32Array(cap);
    this.trial = new Uint8Array(cap);
    this.working = new Uint8Array(cap);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  private grow(): void {
    const old = this.cap;
    const n = old * 2;
    this.serial = growF64(this.serial, n);
    this.token = growF64(this.token, n);
    this.logical = growI32(this.logical, n);
    this.logicalSerial = growF64(this.logicalSerial, n);
    this.source = growU8(this.source, n);
    this.route = growU8(this.route, n);
    this.user = growI32(this.user, n);
    this.start = growF64(this.start, n);
    this.arrived = growF64(this.arrived, n);
    this.mark = growF64(this.mark, n);
    this.instance = growI32(this.instance, n);
    this.incarnation = growI32(this.incarnation, n);
    this.step = growU8(this.step, n);
    this.verdict = growU8(this.verdict, n);
    this.dbNode = growI32(this.dbNode, n);
    this.key = growI32(this.key, n);
    this.trial = growU8(this.trial, n);
    this.working = growU8(this.working, n);
    const f = new Int32Array(n);
    for (let i = 0; i < n - old; i++) f[i] = n - 1 - i;
    this.free = f;
    this.freeTop = n - old;
    this.cap = n;
  }

  alloc(): number {
    if (this.freeTop === 0) this.grow();
    const i = this.free[--this.freeTop]!;
    this.serial[i] = this.nextSerial++;
    this.token[i] = this.nextToken++;
    this.step[i] = 0;
    this.verdict[i] = 0;
    this.dbNode[i] = -1;
    this.trial[i] = 0;
    this.working[i] = 0;
    this.instance[i] = -1;
    this.live++;
    return i;
  }

  /** A fresh token for the attempt's next step; returns it. */
  advance(i: number): number {
    const t = this.nextToken++;
    this.token[i] = t;
    return t;
  }

  release(i: number): void {
    if (this.serial[i] === 0) throw new Error(`attempt ${i} released twice`);
    this.serial[i] = 0;
    this.token[i] = 0;
    this.free[this.freeTop++] = i;
    this.live--;
  }

  /** Live entries counted by scanning the table (for checks). */
  countLive(): number {
    let n = 0;
    for (let i = 0; i < this.cap; i++) if (this.serial[i] !== 0) n++;
    return n;
  }
}
