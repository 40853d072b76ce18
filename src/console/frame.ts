/**
 * Turns a running simulation into frames: one per simulated second, holding only what on-call
 * could see (metrics, alerts, deploys, logs). Fault annotations stay in the simulation until the
 * debrief; the incident's internal milestones (its start is the first fault) are never copied.
 */
import type { SecondStats, Simulation } from '../sim/index';
import type { Frame } from './protocol';

type Snapshot = ReturnType<Simulation['snapshot']>;

export interface FrameBuilderState {
  annotationsSeen: number;
  logsSeen: number;
}

export class FrameBuilder {
  /** The last frame built: its parts are reused when this second's are equal (see `build`). */
  #prev: Frame | null = null;
  /** An object with the metric names (see #metricsTemplate). */
  #template: { names: string[]; object: Record<string, number> } = { names: [], object: {} };
  #annotationsSeen = 0;
  #logsSeen = 0;

  constructor(
    private readonly sim: Simulation,
    seen?: FrameBuilderState,
  ) {
    // Lines and annotations from before the builder existed (none, at construction) are not news;
    // a run restored from a checkpoint carries on from what its builder had seen.
    this.#annotationsSeen = seen?.annotationsSeen ?? sim.annotations.list.length;
    this.#logsSeen = seen?.logsSeen ?? sim.logsWritten;
  }

  /** What the builder has put in frames so far (kept in a run's checkpoint). */
  get state(): FrameBuilderState {
    return { annotationsSeen: this.#annotationsSeen, logsSeen: this.#logsSeen };
  }

  /**
   * Visible annotations written since the last frame, taken now so the next frame does not repeat
   * them: what a player's action set off between two seconds belongs to the second it was taken in,
   * whose frame is already built.
   */
  late(): Frame['annotations'] {
    const all = this.sim.annotations.list;
    const fresh = all.slice(this.#annotationsSeen).filter((a) => !a.hidden);
    this.#annotationsSeen = all.length;
    return fresh;
  }

  /**
   * Each frame's metrics start as a copy of one object holding these names: filled name by name
   * from {}, sixty-odd names would make every frame's metrics a slow dictionary, slower to build, to
   * read and to post.
   */
  #metricsTemplate(names: readonly string[]): Record<string, number> {
    const t = this.#template;
    if (t.names.length !== names.length || t.names.some((n, i) => n !== names[i])) {
      this.#template = { names: [...names], object: Object.fromEntries(names.map((n) => [n, 0])) };
    }
    return this.#template.object;
  }

  /** The frame for the second that `stats` closed. */
  build(stats: SecondStats): Frame {
    const sim = this.sim;
    const snap: Snapshot = sim.snapshot();
    const series = sim.series;
    let metrics: Record<string, number> = {};
    if (series) {
      const names = series.names();
      metrics = { ...this.#metricsTemplate(names) };
      for (const name of names) metrics[name] = round(series.last(name));
    }

    const all = sim.annotations.list;
    const annotations = all.slice(this.#annotationsSeen).filter((a) => !a.hidden);
    this.#annotationsSeen = all.length;

    const written = sim.logsWritten;
    const fresh = written - this.#logsSeen;
    this.#logsSeen = written;
    const logs = fresh > 0 ? sim.logs().slice(-fresh) : [];

    const frame: Frame = {
      t: stats.t,
      edge: stats.edge,
      service: stats.service,
      metrics,
      requests: { arrived: stats.arrived, succeeded: stats.succeeded, failed: stats.failed, shed: stats.shed },
      instances: snap.instances.map((i) => ({ name: i.name, version: i.version, pool: i.pool, phase: i.phase })),
      desiredReplicas: snap.desiredReplicas,
      deployment: {
        phase: snap.deployment.phase,
        stable: snap.deployment.stable,
        target: snap.deployment.target,
        weight: snap.deployment.weight,
        lastOutcome: snap.deployment.lastOutcome,
        judgement: snap.deployment.lastJudgement ?? null,
      },
      autoscaler: snap.autoscaler,
      breakers: snap.breakers,
      flags: snap.flags,
      database: snap.database
        ? {
            state: snap.database.state,
            primary: snap.database.primary,
            replica: snap.database.replica,
            replicaLagSeconds: snap.database.replicaLagSeconds,
            pool: snap.database.pool.map((p) => ({ node: p.node, inUse: p.inUse, waiting: p.waiting, max: p.max })),
          }
        : null,
      cache: snap.cache ? { size: snap.cache.size, capacity: snap.cache.capacity, hitRatio: snap.cache.hitRatioLastSecond } : null,
      queue: snap.queue ? { depth: snap.queue.depth, busyWorkers: snap.queue.busyWorkers } : null,
      alerts: snap.alerts.map((a) => ({ id: a.id, severity: a.severity, state: a.state as Frame['alerts'][number]['state'] })),
      acknowledged: snap.incident.acknowledgedAt !== null && snap.incident.acknowledgedAt !== undefined,
      slo: {
        availability: snap.slo.availability,
        errorRatio5m: snap.slo.errorRatio5m,
        burnRate1h: snap.slo.burnRate1h,
        burnRate5m: round(metrics['slo.burnRate5m'] ?? NaN),
        budgetBurnedPercent: snap.slo.budgetBurnedPercent,
      },
      annotations,
      logs,
    };
    // Most parts (instances, deployment, alerts, pools...) change a few times an hour: frames share
    // them while unchanged, so an hour of frames is a fraction of the memory and of the bytes to post
    // (structured cloning sends a shared object once per message).
    const prev = this.#prev;
    if (prev) {
      for (const key of SHARED_PARTS) {
        if (sameData(prev[key], frame[key])) (frame as unknown as Record<string, unknown>)[key] = prev[key];
      }
    }
    this.#prev = frame;
    return frame;
  }
}

/** The object parts of a frame that often stay the same (the cache's change every second). */
const SHARED_PARTS = ['instances', 'deployment', 'breakers', 'flags', 'database', 'queue', 'alerts'] as const satisfies readonly (keyof Frame)[];

/** Structural equality of plain data (what frames hold). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** To six significant digits, as `Number(x.toPrecision(6))` (half the metrics are small whole numbers: those are already). */
function round(x: number): number {
  if (x === 0) return 0;
  if (Number.isInteger(x) && x < 1e6 && x > -1e6) return x;
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}
