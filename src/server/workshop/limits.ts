/**
 * The relay's limits, in one place, and the per-connection rate limiter. Defaults fit a team of up
 * to thirty on one laptop: a facilitator streams one message per batch of frames (twenty a second
 * at 60x), a player sends a few actions a minute.
 */
export interface RelayLimits {
  /** Rooms open at once on this relay. */
  maxRooms: number;
  /** Players in one room, connected or not. */
  maxPlayersPerRoom: number;
  /** Largest message, in bytes, by who sends it (a connection that has not joined is "nobody"). */
  maxBytes: { nobody: number; facilitator: number; player: number };
  /** Messages per second a connection may send on average, and the burst above it. */
  rate: { facilitator: { perSecond: number; burst: number }; player: { perSecond: number; burst: number }; nobody: { perSecond: number; burst: number } };
  /** Refused messages after which the relay closes the connection (a client stuck in a loop). */
  maxRefusals: number;
  /** A room closes when its facilitator has sent nothing for this long (ms). */
  idleMs: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxRooms: 20,
  maxPlayersPerRoom: 30,
  // A catch-up after a reconnect carries minutes of frames (about 3 kB each).
  maxBytes: { nobody: 2 * 1024, facilitator: 2 * 1024 * 1024, player: 16 * 1024 },
  rate: { facilitator: { perSecond: 100, burst: 400 }, player: { perSecond: 10, burst: 30 }, nobody: { perSecond: 5, burst: 10 } },
  maxRefusals: 500,
  idleMs: 30 * 60 * 1000,
};

/** A token bucket on an injected clock (tests pass their own `now`). */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private perSecond: number,
    private burst: number,
    now: number,
  ) {
    this.#tokens = burst;
    this.#last = now;
  }

  /** Changes the rate when a connection becomes a facilitator or a player (once: roles never change back). */
  reset(perSecond: number, burst: number): void {
    this.perSecond = perSecond;
    this.burst = burst;
    this.#tokens = burst;
  }

  take(now: number): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
