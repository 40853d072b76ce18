import { describe, expect, it } from 'vitest';
import { FrameStore } from '../../../src/console/frame-store';
import { FrameTicker, SLICE_MS, type TickerHost } from '../../../src/components/console/frame-ticker';
import type { Frame } from '../../../src/console/protocol';

/** A host whose animation frames, timers and clock the test drives. */
function fakeHost() {
  let now = 0;
  let frames: (() => void)[] = [];
  const timers: { at: number; cb: () => void }[] = [];
  const host: TickerHost = {
    requestFrame: (cb) => frames.push(cb),
    cancelFrame: () => {},
    setTimer: (cb, ms) => {
      timers.push({ at: now + ms, cb });
      return 0 as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: () => {},
    now: () => now,
    flush: (listener) => listener(),
  };
  return {
    host,
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      for (const t of due) timers.splice(timers.indexOf(t), 1);
      for (const t of due) t.cb();
    },
    /** Runs one animation frame; returns how many callbacks it had. */
    animationFrame() {
      const due = frames;
      frames = [];
      for (const cb of due) cb();
      return due.length;
    },
    spend(ms: number) {
      now += ms;
    },
  };
}

const frame = (t: number) => ({ t, annotations: [], logs: [], alerts: [] }) as unknown as Frame;

describe('FrameTicker', () => {
  it('spreads a round of slow listeners over animation frames, each seeing the new version', () => {
    const store = new FrameStore();
    const clock = fakeHost();
    const ticker = new FrameTicker(store, 200, clock.host);
    const seen: [string, number][] = [];
    for (const name of ['map', 'logs', 'timeline', 'alerts']) {
      ticker.subscribe(() => {
        seen.push([name, ticker.getVersion()]);
        clock.spend(SLICE_MS); // each listener uses a whole slice
      });
    }
    store.append([frame(1)]);
    const frames: string[][] = [];
    while (clock.animationFrame() > 0) frames.push(seen.splice(0).map(([n]) => n));
    expect(frames.filter((f) => f.length > 0)).toEqual([['map'], ['logs'], ['timeline'], ['alerts']]);
    ticker.stop();
  });

  it('runs quick listeners in one frame, and a change during a round gets its own round after the interval', () => {
    const store = new FrameStore();
    const clock = fakeHost();
    const ticker = new FrameTicker(store, 200, clock.host);
    const versions: number[] = [];
    ticker.subscribe(() => versions.push(ticker.getVersion()));
    ticker.subscribe(() => versions.push(ticker.getVersion()));
    store.append([frame(1)]);
    expect(clock.animationFrame()).toBe(1);
    expect(versions).toEqual([store.version, store.version]);
    // Another change right away: nothing until the interval has passed.
    store.append([frame(2)]);
    expect(clock.animationFrame()).toBe(0);
    clock.advance(200);
    expect(clock.animationFrame()).toBe(1);
    expect(versions.slice(2)).toEqual([store.version, store.version]);
    ticker.stop();
  });

  it('a listener that unsubscribes before its turn is not called', () => {
    const store = new FrameStore();
    const clock = fakeHost();
    const ticker = new FrameTicker(store, 200, clock.host);
    const calls: string[] = [];
    let off = () => {};
    ticker.subscribe(() => {
      calls.push('first');
      clock.spend(SLICE_MS);
      off();
    });
    off = ticker.subscribe(() => calls.push('second'));
    store.append([frame(1)]);
    while (clock.animationFrame() > 0);
    expect(calls).toEqual(['first']);
    ticker.stop();
  });
});
