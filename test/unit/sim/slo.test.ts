import { describe, expect, it } from 'vitest';
import { BURN_RATE_RULES, createSimulation, secondsToTrip } from '../../../src/sim/index';
import { tinyScenario } from './helpers';

function outage(at: number, until: number) {
  const sim = createSimulation(
    tinyScenario(100, { slo: { availability: 0.999 }, faults: [{ type: 'certificate-expiry', at }] }),
    { seed: 21, series: false },
  );
  sim.runUntil(until);
  return sim.summary();
}

describe('SLO burn-rate alerts (SPECS §8)', () => {
  it('has the four workbook rules', () => {
    expect(BURN_RATE_RULES.map((r) => [r.severity, r.longSeconds, r.shortSeconds, r.factor])).toEqual([
      ['page', 3600, 300, 14.4],
      ['page', 21600, 1800, 6],
      ['ticket', 86400, 7200, 3],
      ['ticket', 259200, 21600, 1],
    ]);
    expect(secondsToTrip(BURN_RATE_RULES[0]!, 0.999)).toBeCloseTo(51.84, 6);
  });

  it('a total outage with a 99.9% SLO pages (14.4x over 1 h and 5 m) about 52 s in', () => {
    const s = outage(600, 1000);
    const page = s.alerts.find((a) => a.id === 'slo-burn-1h-5m')!;
    expect(page).toBeDefined();
    expect(page.firedAt - 600).toBeGreaterThanOrEqual(50);
    expect(page.firedAt - 600).toBeLessThanOrEqual(54);
    // The other windows trip at window * factor * 0.001: 129.6 s and 259.2 s.
    const slow = s.alerts.find((a) => a.id === 'slo-burn-6h-30m')!;
    expect(Math.abs(slow.firedAt - 600 - 129.6)).toBeLessThanOrEqual(3);
    const ticket = s.alerts.find((a) => a.id === 'slo-burn-1d-2h')!;
    expect(Math.abs(ticket.firedAt - 600 - 259.2)).toBeLessThanOrEqual(4);
    expect(s.incident.detectedBy).toBe('slo-burn-1h-5m');
  });

  it('the same holds after a full simulated hour of healthy traffic (no assumed history)', () => {
    const s = outage(3600, 3700);
    const page = s.alerts.find((a) => a.id === 'slo-burn-1h-5m')!;
    expect(page.firedAt - 3600).toBeGreaterThanOrEqual(50);
    expect(page.firedAt - 3600).toBeLessThanOrEqual(54);
    expect(s.alerts.filter((a) => a.firedAt < 3600)).toEqual([]);
  });

  it('a healthy run raises no alert and burns almost no budget', () => {
    const sim = createSimulation(tinyScenario(100), { seed: 3, series: false });
    sim.runUntil(1800);
    const s = sim.summary();
    expect(s.alerts).toEqual([]);
    expect(s.errorBudget.burnedPercent).toBe(0);
  });

  it('burned budget = mean burn rate * elapsed / 30 days', () => {
    const s = outage(600, 900);
    // 300 s of total outage: (300 / 900 of requests bad) / 0.001 * 900 s / 30 d = 300 / 2592 = 11.57%
    expect(s.errorBudget.burnedPercent).toBeGreaterThan(11);
    expect(s.errorBudget.burnedPercent).toBeLessThan(12.2);
  });
});
