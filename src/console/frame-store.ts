/**
 * The frames a page has received, kept outside the state machine (dozens a second at 60x) for the
 * charts, map and panels to read. `subscribe` suits useSyncExternalStore; `version` changes with
 * every change, so a snapshot is cheap to compare.
 */
import type { Frame } from './protocol';

/** Six simulated hours at one frame a second; older frames are dropped first. */
export const MAX_FRAMES = 6 * 3600;

export class FrameStore {
  #frames: Frame[] = [];
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

  replace(frames: readonly Frame[]): void {
    this.#frames = frames.slice(-MAX_FRAMES);
    this.#changed();
  }

  append(frames: readonly Frame[]): void {
    if (frames.length === 0) return;
    this.#frames.push(...frames);
    if (this.#frames.length > MAX_FRAMES) this.#frames.splice(0, this.#frames.length - MAX_FRAMES);
    this.#changed();
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
