import { stopIfReviving } from '../checkpoint/blank';
/**
 * The future-event list: a binary min-heap ordered by (time, insertion sequence).
 *
 * Events are plain numbers (a kind code and two payload numbers) kept in typed arrays, so pushing
 * and popping allocates nothing. Ties in time are broken by insertion order, which makes the order of
 * simultaneous events part of the deterministic contract rather than an accident of heap layout.
 */
export class EventHeap {
  private hTime: Float64Array;
  private hSeq: Float64Array;
  private hSlot: Int32Array;
  private slotKind: Uint8Array;
  private slotA: Int32Array;
  private slotB: Float64Array;
  private freeSlots: Int32Array;
  private freeTop: number;
  private seq = 0;
  private cap: number;
  size = 0;

  /** Payload of the event returned by the last pop(). */
  kind = 0;
  a = 0;
  /**
   * Time and `b` payload of the last popped event. Kept in a typed array: a double returned from (or
   * passed to) a call that the JIT does not inline is boxed on the heap, once per event.
   */
  readonly last = new Float64Array(2);

  constructor(initialCapacity = 1024) {
    stopIfReviving(this, new.target);
    this.cap = Math.max(16, initialCapacity);
    this.hTime = new Float64Array(this.cap);
    this.hSeq = new Float64Array(this.cap);
    this.hSlot = new Int32Array(this.cap);
    this.slotKind = new Uint8Array(this.cap);
    this.slotA = new Int32Array(this.cap);
    this.slotB = new Float64Array(this.cap);
    this.freeSlots = new Int32Array(this.cap);
    for (let i = 0; i < this.cap; i++) this.freeSlots[i] = this.cap - 1 - i;
    this.freeTop = this.cap;
  }

  private grow(): void {
    const old = this.cap;
    const cap = old * 2;
    const t = new Float64Array(cap);
    t.set(this.hTime);
    this.hTime = t;
    const s = new Float64Array(cap);
    s.set(this.hSeq);
    this.hSeq = s;
    const h = new Int32Array(cap);
    h.set(this.hSlot);
    this.hSlot = h;
    const k = new Uint8Array(cap);
    k.set(this.slotKind);
    this.slotKind = k;
    const a = new Int32Array(cap);
    a.set(this.slotA);
    this.slotA = a;
    const b = new Float64Array(cap);
    b.set(this.slotB);
    this.slotB = b;
    const f = new Int32Array(cap);
    // All old slots are in use when we grow; the new ones are free.
    for (let i = 0; i < cap - old; i++) f[i] = cap - 1 - i;
    this.freeSlots = f;
    this.freeTop = cap - old;
    this.cap = cap;
  }

  /**
   * Arguments of pushIn(): time in `input[0]`, `b` in `input[1]`. Hot callers write them here because
   * doubles passed to a call the JIT does not inline are boxed on the heap.
   */
  readonly input = new Float64Array(2);

  push(time: number, kind: number, a: number, b: number): void {
    this.input[0] = time;
    this.input[1] = b;
    this.pushIn(kind, a);
  }

  /** push() with time and b taken from `input`. */
  pushIn(kind: number, a: number): void {
    const time = this.input[0]!;
    const b = this.input[1]!;
    if (!(time === time)) throw new Error('EventHeap.push: time is NaN');
    if (this.freeTop === 0) this.grow();
    const slot = this.freeSlots[--this.freeTop]!;
    this.slotKind[slot] = kind;
    this.slotA[slot] = a;
    this.slotB[slot] = b;
    const seq = this.seq++;
    const hTime = this.hTime;
    const hSeq = this.hSeq;
    const hSlot = this.hSlot;
    // Sift up with a hole instead of swaps.
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p]!;
      if (pt < time || (pt === time && hSeq[p]! < seq)) break;
      hTime[i] = pt;
      hSeq[i] = hSeq[p]!;
      hSlot[i] = hSlot[p]!;
      i = p;
    }
    hTime[i] = time;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  /** `b` payload of the last popped event. */
  get b(): number {
    return this.last[1]!;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.hTime[0]! : Infinity;
  }

  /** Removes the earliest event, returns its time and leaves its payload in kind / a / b. */
  pop(): number {
    this.popInto();
    return this.last[0]!;
  }

  /** Like pop(), but leaves the time in `last[0]` instead of returning it. */
  popInto(): void {
    const hTime = this.hTime;
    const hSeq = this.hSeq;
    const hSlot = this.hSlot;
    const time = hTime[0]!;
    const slot = hSlot[0]!;
    this.kind = this.slotKind[slot]!;
    this.a = this.slotA[slot]!;
    this.last[1] = this.slotB[slot]!;
    this.freeSlots[this.freeTop++] = slot;
    const n = --this.size;
    if (n > 0) {
      const lt = hTime[n]!;
      const ls = hSeq[n]!;
      const lslot = hSlot[n]!;
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        let ct = hTime[c]!;
        let cs = hSeq[c]!;
        const r = c + 1;
        if (r < n) {
          const rt = hTime[r]!;
          const rs = hSeq[r]!;
          if (rt < ct || (rt === ct && rs < cs)) {
            c = r;
            ct = rt;
            cs = rs;
          }
        }
        if (lt < ct || (lt === ct && ls < cs)) break;
        hTime[i] = ct;
        hSeq[i] = cs;
        hSlot[i] = hSlot[c]!;
        i = c;
      }
      hTime[i] = lt;
      hSeq[i] = ls;
      hSlot[i] = lslot;
    }
    this.last[0] = time;
  }

  clear(): void {
    this.size = 0;
    for (let i = 0; i < this.cap; i++) this.freeSlots[i] = this.cap - 1 - i;
    this.freeTop = this.cap;
  }
}
