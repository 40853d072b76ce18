/**
 * What every console component reads: the machine's snapshot (through @xstate/react selectors) and
 * the frames, a few rounds a second however fast they arrive (60 a second at 60x; see frame-ticker.ts).
 */
import { useSelector } from '@xstate/react';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import type { FrameStore } from '../../console/frame-store';
import type { ConsoleActor, ConsoleSnapshot } from '../../console/machine';
import type { Frame, PlayerScenario } from '../../console/protocol';
import { browserHost, FrameTicker as BaseTicker } from './frame-ticker';

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

/** The page's frame ticker (frame-ticker.ts): a listener's React updates render inside its slice. */
export class FrameTicker extends BaseTicker {
  constructor(store: FrameStore, minIntervalMs = 200) {
    super(store, minIntervalMs, {
      ...browserHost(),
      flush: (listener) => flushSync(listener),
    });
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

/** Re-renders the caller when frames arrived (in the ticker's rounds, at most five a second); returns the store's version. */
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
