import type { Prng } from '../engine/prng';
import type { Distribution } from './topology';
import { stopIfReviving } from '../checkpoint/blank';

const EXPONENTIAL = 0;
const LOGNORMAL = 1;
const CONSTANT = 2;

/** A service-time distribution compiled once, sampled in seconds without string comparisons. */
export class Sampler {
  private kind: number;
  readonly mean: number;
  private mu: number;
  private sigma: number;

  constructor(d: Distribution) {
    stopIfReviving(this, new.target);
    this.mean = d.meanMs / 1000;
    this.sigma = d.sigma;
    this.mu = Math.log(this.mean) - (d.sigma * d.sigma) / 2;
    this.kind = d.dist === 'exponential' ? EXPONENTIAL : d.dist === 'lognormal' ? LOGNORMAL : CONSTANT;
  }

  sample(rng: Prng): number {
    if (this.kind === EXPONENTIAL) return -Math.log(rng.nextOpen()) * this.mean;
    if (this.kind === LOGNORMAL) return Math.exp(this.mu + this.sigma * rng.normal());
    return this.mean;
  }
}
