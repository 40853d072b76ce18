import { DeadlineFifo } from '../engine/fifo';
import { BreakerWindow } from './breaker';
import type { DependencyConfig } from './topology';
import { stopIfReviving } from '../checkpoint/blank';

export const DEP_OK = 0;
export const DEP_ERRORS = 1;
export const DEP_HANG = 2;

/** An external service (e.g. a payment provider) called over the network with a timeout. */
export class Dependency {
  /** DEP_OK, DEP_ERRORS (fast 503s) or DEP_HANG (never answers). */
  mode = DEP_OK;
  latencyFactor = 1;
  readonly timeouts = new DeadlineFifo(64);
  readonly breaker: BreakerWindow | null;
  /** Opened by hand (an operator's switch, like a forced-open breaker): calls fail fast, unsent. */
  forcedOpen = false;
  /** Successful calls repeated for a logical request that already had one (side-effect dependencies). */
  duplicates = 0;
  /**
   * One bit per logical-request serial (serials are never reused): set once a call for it succeeded.
   * Kept only when calls have side effects; a typed array, so it is plain data.
   */
  effected: Uint8Array;

  constructor(
    readonly index: number,
    readonly config: DependencyConfig,
  ) {
    stopIfReviving(this, new.target);
    this.breaker = config.breaker.enabled ? new BreakerWindow(config.breaker) : null;
    this.effected = new Uint8Array(config.sideEffects ? 1 << 14 : 0);
  }

  /** A call for logical request `serial` succeeded: a second success for it is a duplicate effect. */
  noteSuccess(serial: number): void {
    if (!this.config.sideEffects) return;
    const byte = serial >>> 3;
    if (byte >= this.effected.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.effected.length * 2));
      grown.set(this.effected);
      this.effected = grown;
    }
    const bit = 1 << (serial & 7);
    if (this.effected[byte]! & bit) this.duplicates++;
    else this.effected[byte]! |= bit;
  }
}
