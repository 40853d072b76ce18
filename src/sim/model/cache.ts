import { stopIfReviving } from '../checkpoint/blank';
/**
 * An LRU cache over integer keys 0..keys-1 with an optional TTL, in typed arrays: a key -> slot index,
 * and a doubly linked recency list over slots. Every operation is O(1) and allocation-free.
 */
export class LruCache {
  capacity: number;
  size = 0;
  hits = 0;
  misses = 0;
  evictions = 0;
  expirations = 0;
  private slotOfKey: Int32Array;
  private keyOfSlot: Int32Array;
  private prev: Int32Array;
  private next: Int32Array;
  private expiry: Float64Array;
  private head = -1; // most recently used
  private tail = -1; // least recently used
  private freeSlots: Int32Array;
  private freeTop: number;

  constructor(
    readonly keys: number,
    capacity: number,
  ) {
    stopIfReviving(this, new.target);
    if (!(keys > 0) || !(capacity > 0)) throw new Error('cache needs keys > 0 and capacity > 0');
    this.capacity = Math.min(capacity, keys);
    this.slotOfKey = new Int32Array(keys).fill(-1);
    this.keyOfSlot = new Int32Array(this.capacity);
    this.prev = new Int32Array(this.capacity);
    this.next = new Int32Array(this.capacity);
    this.expiry = new Float64Array(this.capacity);
    this.freeSlots = new Int32Array(this.capacity);
    for (let i = 0; i < this.capacity; i++) this.freeSlots[i] = this.capacity - 1 - i;
    this.freeTop = this.capacity;
  }

  private unlink(s: number): void {
    const p = this.prev[s]!;
    const n = this.next[s]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
  }

  private pushFront(s: number): void {
    this.prev[s] = -1;
    this.next[s] = this.head;
    if (this.head >= 0) this.prev[this.head] = s;
    this.head = s;
    if (this.tail < 0) this.tail = s;
  }

  private remove(s: number): void {
    this.unlink(s);
    this.slotOfKey[this.keyOfSlot[s]!] = -1;
    this.freeSlots[this.freeTop++] = s;
    this.size--;
  }

  /** Looks a key up at time `now`; a hit refreshes its recency. Counts hits and misses. */
  get(key: number, now: number): boolean {
    const s = this.slotOfKey[key]!;
    if (s < 0) {
      this.misses++;
      return false;
    }
    if (this.expiry[s]! <= now) {
      this.remove(s);
      this.expirations++;
      this.misses++;
      return false;
    }
    if (this.head !== s) {
      this.unlink(s);
      this.pushFront(s);
    }
    this.hits++;
    return true;
  }

  /** Stores a key (ttl in seconds, 0 = never expires), evicting the least recently used if full. */
  put(key: number, now: number, ttl: number): void {
    const exp = ttl > 0 ? now + ttl : Infinity;
    let s = this.slotOfKey[key]!;
    if (s >= 0) {
      this.expiry[s] = exp;
      if (this.head !== s) {
        this.unlink(s);
        this.pushFront(s);
      }
      return;
    }
    if (this.freeTop === 0) {
      this.remove(this.tail);
      this.evictions++;
    }
    s = this.freeSlots[--this.freeTop]!;
    this.keyOfSlot[s] = key;
    this.slotOfKey[key] = s;
    this.expiry[s] = exp;
    this.pushFront(s);
    this.size++;
  }

  /**
   * Fills the cache with keys 0..capacity-1 (key number = popularity rank), most popular most recent.
   * `expiryOf(i)` gives each entry's expiry time.
   */
  prewarm(expiryOf: (key: number) => number): void {
    for (let key = Math.min(this.capacity, this.keys) - 1; key >= 0; key--) {
      this.put(key, 0, 0);
      this.expiry[this.slotOfKey[key]!] = expiryOf(key);
    }
  }

  has(key: number): boolean {
    return this.slotOfKey[key]! >= 0;
  }

  flush(): void {
    while (this.head >= 0) this.remove(this.head);
  }

  /** Keys from most to least recently used (tests and debugging). */
  keysByRecency(): number[] {
    const out: number[] = [];
    for (let s = this.head; s >= 0; s = this.next[s]!) out.push(this.keyOfSlot[s]!);
    return out;
  }
}
