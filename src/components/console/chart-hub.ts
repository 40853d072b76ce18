/**
 * What the charts share: one columnar buffer (one time axis), the markers, the time window, and
 * the colours of the current theme. It follows the frame ticker and marks charts dirty; the
 * scheduler redraws them.
 */
import { ChartBuffer } from '../../console/charts';
import type { FrameStore } from '../../console/frame-store';
import type { Annotation } from '../../console/protocol';
import { forget, markDirty, type Drawable } from './chart-scheduler';
import type { FrameTicker } from './context';

export interface Marker {
  /** Seconds from the player's join, like the charts' x axis. */
  x: number;
  kind: 'deploy' | 'action' | 'autoscaler' | 'breaker' | 'database';
  text: string;
}

export const MARKER_LETTER: Record<Marker['kind'], string> = { deploy: 'D', action: 'A', autoscaler: 'S', breaker: 'B', database: 'DB' };
const MARKER_KINDS = new Set<string>(Object.keys(MARKER_LETTER));

export interface ChartTheme {
  series: string[];
  text: string;
  grid: string;
  threshold: string;
  marker: string;
}

/** Canvas cannot read light-dark(): resolve each colour through a probe element's computed style. */
export function resolveTheme(root: HTMLElement): ChartTheme {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  root.append(probe);
  const read = (v: string) => {
    probe.style.color = `var(${v})`;
    return getComputedStyle(probe).color;
  };
  const theme = {
    series: [1, 2, 3, 4, 5, 6].map((i) => read(`--chart-${i}`)),
    text: read('--text-muted'),
    grid: read('--chart-grid'),
    threshold: read('--chart-threshold'),
    marker: read('--chart-marker'),
  };
  probe.remove();
  return theme;
}

export class ChartHub {
  readonly buffer: ChartBuffer;
  /** Seconds of history the charts show (Infinity: all). */
  windowSeconds = 30 * 60;
  readonly #charts = new Set<Drawable>();
  #markers: Marker[] = [];
  #annotationsSeen: readonly Annotation[] | null = null;
  #annotationCount = 0;
  readonly #unsubscribe: () => void;
  readonly #listeners = new Set<() => void>();

  constructor(
    readonly store: FrameStore,
    ticker: FrameTicker,
    readonly warmupSeconds: number,
  ) {
    this.buffer = new ChartBuffer(warmupSeconds);
    this.buffer.sync(store);
    this.#unsubscribe = ticker.subscribe(() => {
      if (!this.buffer.sync(store)) return;
      for (const c of this.#charts) markDirty(c);
      for (const l of this.#listeners) l();
    });
  }

  /** Deploys, actions, autoscaling, breaker and database changes, as chart markers. */
  get markers(): Marker[] {
    const list = this.store.annotations;
    if (list !== this.#annotationsSeen || list.length !== this.#annotationCount) {
      this.#annotationsSeen = list;
      this.#annotationCount = list.length;
      this.#markers = list.filter((a) => MARKER_KINDS.has(a.kind)).map((a) => ({ x: a.t - this.warmupSeconds, kind: a.kind as Marker['kind'], text: a.text }));
    }
    return this.#markers;
  }

  /** The x range shown: the window ending at the newest second. */
  range(min: number, max: number): [number, number] {
    return [Math.max(min, max - this.windowSeconds), max];
  }

  setWindow(seconds: number) {
    this.windowSeconds = seconds;
    this.redrawAll();
  }

  redrawAll() {
    for (const c of this.#charts) markDirty(c);
    for (const l of this.#listeners) l();
  }

  add(chart: Drawable) {
    this.#charts.add(chart);
    markDirty(chart);
  }

  remove(chart: Drawable) {
    this.#charts.delete(chart);
    forget(chart);
  }

  /** Called after new data (for the marker strip). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop() {
    this.#unsubscribe();
  }
}
