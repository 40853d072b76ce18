/**
 * What every console component reads: the machine's snapshot (through @xstate/react selectors) and
 * the frames, at most once per animation frame however fast they arrive (60 a second at 60x).
 */
import { useSelector } from '@xstate/react';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { FrameStore } from '../../console/frame-store';
import type { ConsoleActor, ConsoleSnapshot } from '../../console/machine';
import type { Frame, PlayerScenario } from '../../console/protocol';

export interface ConsoleValue {
  actor: ConsoleActor;
  frames: FrameStore;
  ticker: FrameTicker;
  /** Drill pages hide what free play offers (faults, changing the system). */
  mode: 'drill' | 'free';
  /** Shows the Dashboards group of a map node (and, on a phone, switches to its tab). */
  focusCharts(group: string): void;
  /** Opens the Actions form of an action type, focused (command palette, Inject fault). */
  openForm(type: string): void;
  /**
   * Whether this console logs what its player looks at ('viewed' entries, observe.ts). On unless a
   * page says otherwise: a workshop page, or an interviewer's copy of the candidate's run, says no.
   */
  recordViews?: boolean;
}

export const ConsoleReactContext = createContext<ConsoleValue | null>(null);

export function useConsole(): ConsoleValue {
  const c = useContext(ConsoleReactContext);
  if (!c) throw new Error('console components render inside <ConsoleReactContext.Provider>');
  return c;
}

export function useConsoleSelector<T>(selector: (s: ConsoleSnapshot) => T, compare?: (a: T, b: T) => boolean): T {
  return useSelector(useConsole().actor, selector, compare);
}

export const useScenario = (): PlayerScenario | null => useConsoleSelector((s) => s.context.scenario);
export const useClock = () => useConsoleSelector((s) => s.context.clock);
export const useLog = () => useConsoleSelector((s) => s.context.log);

/**
 * Coalesces frame-store changes into one notification per animation frame, and at most one per
 * `minIntervalMs` (set from the speed, see panelIntervalMs): at 60x frames arrive ten times a second,
 * and panels and charts that follow them a few times a second read as live while leaving the main
 * thread idle most of the time.
 */
export class FrameTicker {
  #version = 0;
  #pending = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last = 0;
  #listeners = new Set<() => void>();
  #unsubscribe: () => void;

  constructor(
    readonly store: FrameStore,
    public minIntervalMs = 200,
  ) {
    this.#version = store.version;
    this.#unsubscribe = store.subscribe(() => this.#schedule());
  }

  #schedule() {
    if (this.#pending || this.#timer) return;
    const wait = this.#last + this.minIntervalMs - performance.now();
    const frame = () => {
      this.#pending = requestAnimationFrame(() => {
        this.#pending = 0;
        this.#last = performance.now();
        this.#version = this.store.version;
        for (const l of [...this.#listeners]) l();
      });
    };
    if (wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        frame();
      }, wait);
    } else frame();
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getVersion = () => this.#version;

  stop() {
    cancelAnimationFrame(this.#pending);
    clearTimeout(this.#timer);
    this.#unsubscribe();
  }
}

/**
 * How often panels and charts follow the frames at a given speed. At 60x a second of wall time brings
 * sixty simulated seconds: redrawing every 200 ms cost more paint and React work than the main thread
 * had to spare on a busy machine (long tasks, the simulation falling behind); twice a second still
 * reads as live, and each redraw moves the charts by half a simulated minute.
 */
export function panelIntervalMs(speed: number): number {
  return speed >= 60 ? 500 : speed >= 10 ? 300 : 200;
}

/** Re-renders the caller when frames arrived (at most five times a second); returns the store's version. */
export function useFrameVersion(): number {
  const { ticker } = useConsole();
  return useSyncExternalStore(ticker.subscribe, ticker.getVersion, ticker.getVersion);
}

/** Simulated now, as panels need it: the newest frame's second, updated with the panels (not per message). */
export function useNow(): number {
  useFrameVersion();
  return useConsole().frames.latest?.t ?? 0;
}

export function useLatestFrame(): Frame | null {
  useFrameVersion();
  return useConsole().frames.latest;
}
