/**
 * A pausable countdown as plain data: the UI passes the current time in (Date.now()), so the same code
 * runs under a fake clock in tests and in Playwright (page.clock).
 */
export interface Countdown {
  durationMs: number;
  /** Time counted before the current running stretch. */
  elapsedMs: number;
  /** When the current running stretch began; null while paused. */
  runningSince: number | null;
}

export function startCountdown(durationMs: number, now: number): Countdown {
  if (!(durationMs > 0)) throw new RangeError(`a countdown needs a positive duration, got ${durationMs}`);
  return { durationMs, elapsedMs: 0, runningSince: now };
}

export function elapsedMs(c: Countdown, now: number): number {
  return Math.min(c.durationMs, c.elapsedMs + (c.runningSince === null ? 0 : Math.max(0, now - c.runningSince)));
}

export function remainingMs(c: Countdown, now: number): number {
  return c.durationMs - elapsedMs(c, now);
}

export function isExpired(c: Countdown, now: number): boolean {
  return remainingMs(c, now) <= 0;
}

export function isPaused(c: Countdown): boolean {
  return c.runningSince === null;
}

export function pauseCountdown(c: Countdown, now: number): Countdown {
  if (c.runningSince === null) return c;
  return { ...c, elapsedMs: elapsedMs(c, now), runningSince: null };
}

export function resumeCountdown(c: Countdown, now: number): Countdown {
  if (c.runningSince !== null) return c;
  return { ...c, runningSince: now };
}

/** "3:05": minutes and seconds left, rounded up, so 0:00 shows only when time is really up. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Words for a screen reader: "3 minutes 5 seconds left". */
export function spokenClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (s === 0) return 'no time left';
  const parts = [m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : '', r > 0 ? `${r} second${r === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${parts.join(' ')} left`;
}

/** Moments announced aloud, in milliseconds left. */
export const ANNOUNCE_AT = [60_000, 0] as const;

/**
 * What to announce when the time left moves from `before` to `after` (a tick): "1 minute left" when it
 * crosses one minute, "Time is up" when it reaches zero, otherwise nothing.
 */
export function announcement(beforeMs: number, afterMs: number): string | null {
  if (beforeMs > 0 && afterMs <= 0) return 'Time is up.';
  if (beforeMs > 60_000 && afterMs <= 60_000) return '1 minute left.';
  return null;
}
