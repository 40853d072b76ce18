import { stopIfReviving } from '../checkpoint/blank';
/**
 * Per-second time series kept in fixed rings (the last `retain` seconds), keyed by metric name,
 * e.g. "edge.p99" or "instance.api-3.cpu". Reading returns plain arrays, oldest first.
 */
export class SeriesStore {
  private rings = new Map<string, Float64Array>();
  private firstSecond = new Map<string, number>();
  /** Number of closed seconds. */
  seconds = 0;

  constructor(readonly retain: number) {
    stopIfReviving(this, new.target);
  }

  /** Records the value of `name` for second `sec` (0-based index of the closed second). */
  put(name: string, sec: number, value: number): void {
    let r = this.rings.get(name);
    if (!r) {
      r = new Float64Array(this.retain).fill(NaN);
      this.rings.set(name, r);
      this.firstSecond.set(name, sec);
    }
    r[sec % this.retain] = value;
  }

  names(): string[] {
    return [...this.rings.keys()];
  }

  /** Values for seconds [from, to) (clamped to what is retained); NaN where the series had no value. */
  read(name: string, from = 0, to = this.seconds): { from: number; values: number[] } {
    const r = this.rings.get(name);
    const start = Math.max(from, this.seconds - this.retain, 0);
    const end = Math.min(to, this.seconds);
    const values: number[] = [];
    if (!r) return { from: start, values };
    const first = this.firstSecond.get(name)!;
    for (let s = start; s < end; s++) values.push(s < first ? NaN : r[s % this.retain]!);
    return { from: start, values };
  }

  last(name: string): number {
    const r = this.rings.get(name);
    if (!r || this.seconds === 0) return NaN;
    return r[(this.seconds - 1) % this.retain]!;
  }
}

/** Series names of numbered items ("instance.api-3.cpu"), built once per item, not every second. */
export class ItemSeries {
  private names: string[][] = [];

  constructor(
    private readonly prefix: string,
    private readonly metrics: readonly string[],
  ) {
    stopIfReviving(this, new.target);
  }

  /** The series names of item `index`, which is called `name`. */
  of(index: number, name: string): string[] {
    let k = this.names[index];
    if (!k) k = this.names[index] = this.metrics.map((m) => `${this.prefix}.${name}.${m}`);
    return k;
  }
}
