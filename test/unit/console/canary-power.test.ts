import { describe, expect, it } from 'vitest';
import {
  errorTestPower,
  explainJudgement,
  latencyTestPower,
  minimumDetectableErrorRatio,
  minimumDetectableLatencyRatio,
  normalCdf,
  pValue,
  sigmaFromPercentiles,
} from '../../../src/console/canary-power';
import { canaryView } from '../../../src/console/canary-view';
import { freePlayScenario } from '../../../src/console/presets';
import { ConsoleRun } from '../../../src/console/run';

describe('canary power', () => {
  it('has a normal CDF good to six digits', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6);
    expect(pValue(2.326348)).toBeCloseTo(0.01, 6);
  });

  it('with 200 requests per arm, catches a tenfold error regression from 0.5% only about three times in four', () => {
    // Exact over both arms' binomial outcomes; a direct double sum gives 0.7552 (checked by hand in Python).
    expect(errorTestPower({ baseline: 0.005, canary: 0.05, nCanary: 200, nBaseline: 200 })).toBeCloseTo(0.7552, 3);
    // Ten times the traffic catches it every time.
    expect(errorTestPower({ baseline: 0.005, canary: 0.05, nCanary: 2000, nBaseline: 2000 })).toBeGreaterThan(0.999);
  });

  it('finds the smallest error ratio caught four times in five, shrinking with more samples', () => {
    const mde200 = minimumDetectableErrorRatio({ baseline: 0.005, nCanary: 200, nBaseline: 200 })!;
    const mde2000 = minimumDetectableErrorRatio({ baseline: 0.005, nCanary: 2000, nBaseline: 2000 })!;
    expect(mde200).toBeGreaterThan(0.05);
    expect(mde200).toBeLessThan(0.06);
    expect(errorTestPower({ baseline: 0.005, canary: mde200, nCanary: 200, nBaseline: 200 })).toBeGreaterThanOrEqual(0.8);
    expect(mde2000).toBeLessThan(mde200);
    // Never below the judge's one-point margin, however many samples.
    expect(minimumDetectableErrorRatio({ baseline: 0.005, nCanary: 1e6, nBaseline: 1e6 })!).toBeGreaterThan(0.015);
    expect(minimumDetectableErrorRatio({ baseline: 0.005, nCanary: 20, nBaseline: 20 })).toBeNull();
  });

  it('judges latency power from the latency spread, with the 1.2x margin as a floor', () => {
    const sigma = sigmaFromPercentiles(20, 45)!;
    expect(sigma).toBeCloseTo(Math.log(45 / 20) / 1.645, 9);
    expect(latencyTestPower({ ratio: 1, sigma, nCanary: 256, nBaseline: 256 })).toBeLessThan(0.01);
    expect(latencyTestPower({ ratio: 2, sigma, nCanary: 256, nBaseline: 256 })).toBeGreaterThan(0.99);
    const mde = minimumDetectableLatencyRatio({ sigma, nCanary: 256, nBaseline: 256 })!;
    expect(mde).toBeGreaterThan(1.2);
    expect(minimumDetectableLatencyRatio({ sigma, nCanary: 60, nBaseline: 60 })!).toBeGreaterThan(mde);
  });

  it('explains a verdict per metric: test, p-value, effect, samples, reason and power', () => {
    const rows = explainJudgement(
      { verdict: 'pass', score: 100, errors: { result: 'pass', canary: 0.01, baseline: 0.005, z: 0.9 }, latency: { result: 'nodata', canaryMedian: 0, baselineMedian: 0, z: 0 } },
      { requests: 200, latencies: 30 },
      0.5,
    );
    expect(rows[0]).toMatchObject({ metric: 'Errors', test: 'two-proportion z test', result: 'pass', samples: 'about 200 requests per arm', reason: 'no significant difference' });
    expect(rows[0]!.pValue).toBeCloseTo(0.184, 3);
    expect(rows[0]!.power).toMatch(/^would catch 5\.\d+% errors or worse \(1\d\.\dx the baseline\) four times in five$/);
    expect(rows[1]).toMatchObject({ metric: 'Latency', result: 'nodata', pValue: null, power: 'none: too few latencies' });
  });
});

describe('the canary view', () => {
  it('reads the judge from a real canary of a bad version, with the samples it had', () => {
    const { run, frames } = ConsoleRun.load({ source: { kind: 'custom', scenario: freePlayScenario('shop', 'normal') }, seed: 3, warmupSeconds: 120 });
    expect(canaryView(frames, run.log)).toBeNull();
    run.act({ type: 'deploy', version: 'v5', strategy: 'canary', analysisSeconds: 30 });
    const all = [...frames, ...run.advance(400)];
    const view = canaryView(all, run.log)!;
    expect(view.verdict).toBe('fail');
    expect(view.judgedAt).toBeGreaterThan(120);
    expect(view.rows[0]).toMatchObject({ metric: 'Errors', result: 'high' });
    // 200 requests/s, 10% of users in each arm, 30 s: about 600 requests per arm.
    const n = Number(/about (\d+) requests/.exec(view.rows[0]!.samples)![1]);
    expect(n).toBeGreaterThan(450);
    expect(n).toBeLessThan(750);
  });
});
