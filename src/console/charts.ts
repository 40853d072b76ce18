/**
 * The Dashboards as data: which charts a system gets (RED for the edge, the service, the database
 * and each dependency; USE for instances, pools, the queue and the cache; the SLO's burn rate with
 * the multi-window alert thresholds) and a columnar buffer the charts draw from. The buffer appends
 * new frames to plain arrays (one shared time axis), so a chart redraw never rebuilds its data.
 */
import type { FrameStore } from './frame-store';
import type { Frame, PlayerScenario } from './protocol';

export type Unit = 'req/s' | '%' | 'ms' | 'count' | 'x' | 'MB';

export interface SeriesSpec {
  /** A metric name of Frame.metrics, or a derived one (see value()). */
  key: string;
  label: string;
  /** Which of the chart's axes: the left (default) or the right. */
  axis?: 'right';
}

export interface ChartSpec {
  id: string;
  title: string;
  unit: Unit;
  /** Unit of the right axis, when some series use it. */
  rightUnit?: Unit;
  series: SeriesSpec[];
  /** Horizontal reference lines (e.g. the burn-rate alert thresholds). */
  thresholds?: { value: number; label: string }[];
}

export interface ChartGroup {
  /** Matches the service map's node `charts`. */
  id: string;
  title: string;
  kind: 'RED' | 'USE' | 'SLO';
  charts: ChartSpec[];
}

/** The SRE workbook's multi-window burn-rate alert factors (page at 14.4x and 6x, ticket at 3x and 1x). */
export const BURN_THRESHOLDS = [
  { value: 14.4, label: '14.4x page (1 h)' },
  { value: 6, label: '6x page (6 h)' },
  { value: 3, label: '3x ticket (1 d)' },
  { value: 1, label: '1x ticket (3 d)' },
];

function red(prefix: string, id: string, title: string): ChartGroup {
  return {
    id,
    title,
    kind: 'RED',
    charts: [
      {
        id: `${id}-rate`,
        title: `${title}: requests and errors`,
        unit: 'req/s',
        rightUnit: '%',
        series: [
          { key: `${prefix}.rate`, label: 'requests/s' },
          { key: `errorPct:${prefix}`, label: 'errors %', axis: 'right' },
        ],
      },
      {
        id: `${id}-latency`,
        title: `${title}: latency`,
        unit: 'ms',
        series: [
          { key: `${prefix}.p50Ms`, label: 'p50' },
          { key: `${prefix}.p95Ms`, label: 'p95' },
          { key: `${prefix}.p99Ms`, label: 'p99' },
        ],
      },
    ],
  };
}

/** The chart groups for a system; instance and pool series follow the names seen so far. */
export function chartGroups(s: PlayerScenario, instances: readonly string[], dbNodes: readonly string[]): ChartGroup[] {
  const groups: ChartGroup[] = [
    {
      id: 'slo',
      title: 'SLO',
      kind: 'SLO',
      charts: [
        {
          id: 'slo-burn',
          title: 'Error budget burn rate',
          unit: 'x',
          series: [
            { key: 'slo.burnRate5m', label: '5 min' },
            { key: 'slo.burnRate1h', label: '1 h' },
          ],
          thresholds: BURN_THRESHOLDS,
        },
        { id: 'slo-budget', title: 'Error budget burned (30 days)', unit: '%', series: [{ key: 'slo.budgetBurnedPercent', label: 'burned %' }] },
      ],
    },
    red('edge', 'edge', 'Edge'),
    red('service', 'service', `Service (${s.service.name})`),
    {
      id: 'instances',
      title: 'Instances',
      kind: 'USE',
      charts: [
        { id: 'instances-cpu', title: 'CPU per instance', unit: '%', series: instances.map((n) => ({ key: `pct:instance.${n}.cpu`, label: n })) },
        { id: 'instances-queue', title: 'Queued requests per instance', unit: 'count', series: instances.map((n) => ({ key: `instance.${n}.queue`, label: n })) },
        { id: 'instances-memory', title: 'Memory per instance', unit: 'MB', series: instances.map((n) => ({ key: `instance.${n}.memoryMb`, label: n })) },
      ],
    },
  ];
  if (s.components.database) {
    groups.push(red('db', 'database', 'Database'));
    groups.at(-1)!.charts.push(
      { id: 'database-pool', title: 'Connection pool busy', unit: '%', series: dbNodes.map((n) => ({ key: `pct:db.${n}.poolUtilization`, label: n })) },
      { id: 'database-waiting', title: 'Waiting for a connection', unit: 'count', series: dbNodes.map((n) => ({ key: `db.${n}.poolWaiting`, label: n })) },
    );
  }
  if (s.components.cache) {
    groups.push({
      id: 'cache',
      title: 'Cache',
      kind: 'USE',
      charts: [
        {
          id: 'cache-ratio',
          title: 'Cache hit ratio and fill',
          unit: '%',
          series: [
            { key: 'pct:cache.hitRatio', label: 'hit %' },
            { key: 'pct:cache.fill', label: 'fill %' },
          ],
        },
      ],
    });
  }
  for (const d of s.components.dependencies) groups.push(red(`dep.${d}`, `dep:${d}`, d.charAt(0).toUpperCase() + d.slice(1)));
  if (s.components.queue) {
    groups.push({
      id: 'queue',
      title: 'Order queue',
      kind: 'USE',
      charts: [
        {
          id: 'queue-depth',
          title: 'Queue depth and workers busy',
          unit: 'count',
          rightUnit: '%',
          series: [
            { key: 'mq.depth', label: 'waiting' },
            { key: 'pct:mq.utilization', label: 'workers busy %', axis: 'right' },
          ],
        },
        {
          id: 'queue-publishes',
          title: 'Publishes to the broker',
          unit: 'req/s',
          rightUnit: '%',
          series: [
            { key: 'broker.rate', label: 'publishes/s' },
            { key: 'errorPct:broker', label: 'refused %', axis: 'right' },
          ],
        },
        { id: 'queue-outbox', title: 'Outbox rows waiting for the relay', unit: 'count', series: [{ key: 'outbox.backlog', label: 'waiting' }] },
      ],
    });
  }
  return groups;
}

/** A series' value in a frame: a metric, a percentage of one (`pct:`), or an error ratio in percent (`errorPct:`). */
export function value(f: Frame, key: string): number | null {
  return accessor(key)(f);
}

const num = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const accessors = new Map<string, (f: Frame) => number | null>();

/** `value` for one key, with the key read once (a replay fills a column from thousands of frames). */
export function accessor(key: string): (f: Frame) => number | null {
  let read = accessors.get(key);
  if (read) return read;
  if (key.startsWith('pct:')) {
    const metric = key.slice(4);
    read = (f) => {
      const v = num(f.metrics[metric]);
      return v === null ? null : v * 100;
    };
  } else if (key.startsWith('errorPct:')) {
    const p = key.slice(9);
    const rateKey = `${p}.rate`;
    const errorsKey = `${p}.errors`;
    read = (f) => {
      const rate = num(f.metrics[rateKey]);
      const errors = num(f.metrics[errorsKey]);
      return rate && errors !== null ? (100 * errors) / rate : rate === 0 ? 0 : null;
    };
  } else read = (f) => num(f.metrics[key]);
  accessors.set(key, read);
  return read;
}

/**
 * Columns for the charts: x (seconds from the player's join) and one array per series key asked
 * for. `sync` appends what the store gained since the last call, or rebuilds after a rewind.
 */
export class ChartBuffer {
  readonly x: number[] = [];
  readonly #columns = new Map<string, (number | null)[]>();
  #firstT: number | null = null;
  #taken = 0;

  constructor(private readonly warmupSeconds: number) {}

  column(key: string, store: FrameStore): (number | null)[] {
    let col = this.#columns.get(key);
    if (!col) {
      // A series seen for the first time (a new instance) is filled back from the frames kept.
      const read = accessor(key);
      const frames = store.frames;
      col = new Array<number | null>(this.#taken);
      for (let i = 0; i < this.#taken; i++) col[i] = read(frames[i]!);
      this.#columns.set(key, col);
    }
    return col;
  }

  /** Brings every column up to the store; returns whether anything changed. */
  sync(store: FrameStore): boolean {
    const frames = store.frames;
    const rebuilt = frames.length < this.#taken || (frames.length > 0 && frames[0]!.t !== this.#firstT) || (frames.length === 0 && this.#taken > 0);
    if (rebuilt) {
      this.x.length = 0;
      for (const col of this.#columns.values()) col.length = 0;
      this.#taken = 0;
      this.#firstT = frames[0]?.t ?? null;
    }
    if (frames.length === this.#taken) return rebuilt;
    for (let i = this.#taken; i < frames.length; i++) {
      const f = frames[i]!;
      this.x.push(f.t - this.warmupSeconds);
      for (const [key, col] of this.#columns) col.push(accessor(key)(f));
    }
    this.#taken = frames.length;
    return true;
  }
}
