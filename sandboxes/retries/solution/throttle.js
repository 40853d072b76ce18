// gRPC retry throttling (proposal A6), one per server: a token count that failures drain and
// successes refill, and no retries while it is at or below half.

export class RetryThrottle {
  /** @param {{ maxTokens?: number, tokenRatio?: number }} options */
  constructor({ maxTokens = 10, tokenRatio = 0.1 } = {}) {
    if (!(Number.isFinite(maxTokens) && maxTokens > 0)) throw new TypeError(`maxTokens must be a positive number, got ${maxTokens}`);
    if (!(Number.isFinite(tokenRatio) && tokenRatio > 0)) throw new TypeError(`tokenRatio must be a positive number, got ${tokenRatio}`);
    this.maxTokens = maxTokens;
    this.tokenRatio = tokenRatio;
    this.tokens = maxTokens;
  }

  /** A call failed with a retryable status or a network error: one token less, never below 0. */
  onFailure() {
    this.tokens = Math.max(0, this.tokens - 1);
  }

  /** A call succeeded: tokenRatio more, never above maxTokens. Kept in thousandths, as gRPC does. */
  onSuccess() {
    this.tokens = Math.min(this.maxTokens, Math.round((this.tokens + this.tokenRatio) * 1000) / 1000);
  }

  /** Retries are allowed only while the count is above half of maxTokens. */
  allowsRetry() {
    return this.tokens > this.maxTokens / 2;
  }
}
