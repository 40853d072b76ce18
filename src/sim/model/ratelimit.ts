import { stopIfReviving } from '../checkpoint/blank';
/**
 * Token bucket (RFC 2697 style): `rate` tokens per second up to `burst`, starting full. A request
 * passes if a token is available, so over any window T at most burst + rate * T pass.
 */
export class TokenBucket {
  tokens: number;
  private last: number;
  constructor(
    public rate: number,
    public burst: number,
    now = 0,
  ) {
    stopIfReviving(this, new.target);
    if (!(rate > 0) || !(burst > 0)) throw new Error('token bucket needs rate > 0 and burst > 0');
    this.tokens = burst;
    this.last = now;
  }

  refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.rate);
      this.last = now;
    }
  }

  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}
