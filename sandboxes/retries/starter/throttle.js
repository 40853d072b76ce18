// gRPC retry throttling (proposal A6), one per server. When most calls to a server fail, the
// failures are not transient, and retrying only adds load: the throttle switches retries off
// until successes bring the count back up. Right now it allows every retry. Your job is the TODOs.
//
// The rule: tokens start at maxTokens. Each failed call (a retryable status or a network error)
// takes 1 token, each successful call adds tokenRatio; the count stays between 0 and maxTokens.
// Retries are allowed only while tokens > maxTokens / 2.
// With maxTokens 10 and tokenRatio 0.1: 5 failures from full leave 5 tokens (no more retries),
// one success makes 5.1 (retries allowed again).

export class RetryThrottle {
  /** @param {{ maxTokens?: number, tokenRatio?: number }} options */
  constructor({ maxTokens = 10, tokenRatio = 0.1 } = {}) {
    if (!(Number.isFinite(maxTokens) && maxTokens > 0)) throw new TypeError(`maxTokens must be a positive number, got ${maxTokens}`);
    if (!(Number.isFinite(tokenRatio) && tokenRatio > 0)) throw new TypeError(`tokenRatio must be a positive number, got ${tokenRatio}`);
    this.maxTokens = maxTokens;
    this.tokenRatio = tokenRatio;
    this.tokens = maxTokens;
  }

  /** A call failed with a retryable status or a network error. */
  onFailure() {
    // TODO 1: one token less, never below 0.
  }

  /** A call succeeded. */
  onSuccess() {
    // TODO 2: tokenRatio more, never above maxTokens. (gRPC counts in thousandths; rounding to
    //   3 decimals keeps 5 + 0.1 + 0.1 ... from drifting.)
  }

  /** May a failed call be retried now? */
  allowsRetry() {
    // TODO 3: only while the count is above half of maxTokens.
    return true;
  }
}
