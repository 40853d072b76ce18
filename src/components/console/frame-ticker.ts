/**
 * When panels and charts follow the frames. Frames arrive ten messages a second (sixty frames at
 * 60x); the ticker turns store changes into rounds of notifications, at most one round per
 * `minIntervalMs`, and spreads a round's listeners over animation frames: each animation frame runs
 * listeners only until SLICE_MS has gone, so eleven panels re-rendering never add up to one long
 * task (nor one long layout: each frame lays out only what its panels changed).
 *
 * No React here: the page passes `flush` (react-dom's flushSync) so a listener's re-render happens
 * inside its call and counts against the slice, instead of piling up in one microtask after it.
 */
import type { FrameStore } from '../../console/frame-store';

/** Listener time per animation frame; the one that crosses it finishes, the rest wait a frame. */
export const SLICE_MS = 6;

export interface TickerHost {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  setTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimer(handle: ReturnType<typeof setTimeout> | undefined): void;
  now(): number;
  /** Runs a listener; the page flushes the React updates it causes before returning. */
  flush(listener: () => void): void;
}

export const browserHost = (): TickerHost => ({
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (h) => cancelAnimationFrame(h),
  setTimer: (cb, ms) => setTimeout(cb, ms),
  clearTimer: (h) => clearTimeout(h),
  now: () => performance.now(),
  flush: (listener) => listener(),
});

export class FrameTicker {
  #version = 0;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current (or last) round began. */
  #roundStart = -Infinity;
  /** Listeners of the round under way not yet notified. */
  #queue: (() => void)[] = [];
  /** The store changed during a round: another round follows it. */
  #again = false;
  #listeners = new Set<() => void>();
  #unsubscribe: () => void;

  constructor(
    readonly store: FrameStore,
    public minIntervalMs = 200,
    private readonly host: TickerHost = browserHost(),
  ) {
    this.#version = store.version;
    this.#unsubscribe = store.subscribe(() => this.#schedule());
  }

  #schedule() {
    if (this.#queue.length > 0 || this.#frame) {
      this.#again = true;
      return;
    }
    if (this.#timer !== undefined) return;
    const wait = this.#roundStart + this.minIntervalMs - this.host.now();
    if (wait > 0) {
      this.#timer = this.host.setTimer(() => {
        this.#timer = undefined;
        this.#frame = this.host.requestFrame(() => this.#startRound());
      }, wait);
    } else this.#frame = this.host.requestFrame(() => this.#startRound());
  }

  #startRound() {
    this.#roundStart = this.host.now();
    this.#version = this.store.version;
    this.#queue = [...this.#listeners];
    this.#runSlice();
  }

  #runSlice() {
    this.#frame = 0;
    const start = this.host.now();
    while (this.#queue.length > 0) {
      const listener = this.#queue.shift()!;
      // Unsubscribed since the round began (a panel unmounted): skip it.
      if (this.#listeners.has(listener)) this.host.flush(listener);
      if (this.host.now() - start >= SLICE_MS) break;
    }
    if (this.#queue.length > 0) {
      this.#frame = this.host.requestFrame(() => this.#runSlice());
      return;
    }
    if (this.#again) {
      this.#again = false;
      this.#schedule();
    }
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The store's version as of the latest round (what panels render). */
  getVersion = () => this.#version;

  stop() {
    this.host.cancelFrame(this.#frame);
    this.host.clearTimer(this.#timer);
    this.#queue = [];
    this.#unsubscribe();
  }
}
