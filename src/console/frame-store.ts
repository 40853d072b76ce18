/**
 * The frames a page has received, kept outside the state machine (dozens a second at 60x) for the
 * charts, map and panels to read. `subscribe` suits useSyncExternalStore; `version` changes with
 * every change, so a snapshot is cheap to compare. Alongside the frames it keeps what panels would
 * otherwise rescan every frame for: every annotation, the recent log lines, and each alert's state
 * changes.
 */
import type { AlertState, Annotation, Frame } from './protocol';

/** Six simulated hours at one frame a second; older frames are dropped first. */
export const MAX_FRAMES = 6 * 3600;
/** Log lines kept for the Logs panel (it shows the newest ones). */
export const MAX_LOGS = 2000;

type LogLine = Frame['logs'][number];

export interface AlertChange {
  t: number;
  state: AlertState;
}

export class FrameStore {
  #frames: Frame[] = [];
  /** Frames of a load under way (its 'history' messages), for the `replace` that ends it. */
  #staged: Frame[] = [];
  #annotations: Annotation[] = [];
  #logs: LogLine[] = [];
  #alerts = new Map<string, AlertChange[]>();
  #version = 0;
  #listeners = new Set<() => void>();

  get frames(): readonly Frame[] {
    return this.#frames;
  }

  get latest(): Frame | null {
    return this.#frames.at(-1) ?? null;
  }

  get version(): number {
    return this.#version;
  }

  /** Every visible annotation since the run began, in time order. */
  get annotations(): readonly Annotation[] {
    return this.#annotations;
  }

  /** The newest log lines (up to MAX_LOGS), oldest first. */
  get logs(): readonly LogLine[] {
    return this.#logs;
  }

  /** Each alert's state changes, oldest first (the first entry is its state in the first frame). */
  alertChanges(id: string): readonly AlertChange[] {
    return this.#alerts.get(id) ?? [];
  }

  /** The frame of simulated second `t`, or the last one before it. */
  at(t: number): Frame | null {
    const frames = this.#frames;
    let lo = 0;
    let hi = frames.length - 1;
    if (hi < 0 || frames[0]!.t > t) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (frames[mid]!.t <= t) lo = mid;
      else hi = mid - 1;
    }
    return frames[lo]!;
  }

  /** Keeps the first frames of a load under way; the `replace` that ends the load puts them before its own. */
  stage(frames: readonly Frame[]): void {
    for (const f of frames) this.#staged.push(f);
  }

  /** Forgets staged frames (a new load or rewind starts). */
  unstage(): void {
    this.#staged = [];
  }

  replace(frames: readonly Frame[]): void {
    if (this.#staged.length > 0) {
      frames = this.#staged.concat(frames);
      this.#staged = [];
    }
    this.#frames = frames.slice(-MAX_FRAMES);
    this.#annotations = [];
    this.#logs = [];
    this.#alerts = new Map();
    this.#derive(frames);
    this.#changed();
  }

  /** A rewind: keeps the frames up to second `t` (the new run shares them) and adds the new run's frames after it. */
  rewind(t: number, frames: readonly Frame[]): void {
    this.#staged = [];
    this.replace([...this.#frames.filter((f) => f.t <= t), ...frames]);
  }

  append(frames: readonly Frame[]): void {
    if (frames.length === 0) return;
    this.#frames.push(...frames);
    if (this.#frames.length > MAX_FRAMES) this.#frames.splice(0, this.#frames.length - MAX_FRAMES);
    this.#derive(frames);
    this.#changed();
  }

  /**
   * Annotations an action set off after its second's frame was built: they join that frame (the
   * latest, when it is the second `t` they were taken in) and the run's annotations.
   */
  addLate(t: number, annotations: readonly Annotation[]): void {
    if (annotations.length === 0) return;
    const latest = this.#frames.at(-1);
    if (latest && latest.t === t) this.#frames[this.#frames.length - 1] = { ...latest, annotations: [...latest.annotations, ...annotations] };
    this.#annotations.push(...annotations);
    this.#changed();
  }

  #derive(frames: readonly Frame[]): void {
    for (const f of frames) {
      if (f.annotations.length) this.#annotations.push(...f.annotations);
      if (f.logs.length) this.#logs.push(...f.logs);
      for (const a of f.alerts) {
        let changes = this.#alerts.get(a.id);
        if (!changes) this.#alerts.set(a.id, (changes = []));
        if (changes.at(-1)?.state !== a.state) changes.push({ t: f.t, state: a.state });
      }
    }
    if (this.#logs.length > MAX_LOGS) this.#logs.splice(0, this.#logs.length - MAX_LOGS);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getVersion = (): number => this.#version;

  #changed(): void {
    this.#version++;
    for (const listener of [...this.#listeners]) listener();
  }
}
