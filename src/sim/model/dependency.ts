import { DeadlineFifo } from '../engine/fifo';
import { BreakerWindow } from './breaker';
import type { DependencyConfig } from './topology';

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

  constructor(
    readonly index: number,
    readonly config: DependencyConfig,
  ) {
    this.breaker = config.breaker.enabled ? new BreakerWindow(config.breaker) : null;
  }
}
