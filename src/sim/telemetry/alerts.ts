/**
 * The multi-window, multi-burn-rate alerts of the SRE workbook ("Alerting on SLOs"): an alert needs
 * both its long and its short window above the burn-rate factor, so it fires fast on a big outage and
 * stops soon after the outage ends.
 */
export interface BurnRateRule {
  id: string;
  severity: 'page' | 'ticket';
  longSeconds: number;
  shortSeconds: number;
  factor: number;
  /** Share of the 30-day budget spent when the long window first trips. */
  budgetShare: number;
}

export const BURN_RATE_RULES: readonly BurnRateRule[] = [
  { id: 'slo-burn-1h-5m', severity: 'page', longSeconds: 3600, shortSeconds: 300, factor: 14.4, budgetShare: 0.02 },
  { id: 'slo-burn-6h-30m', severity: 'page', longSeconds: 6 * 3600, shortSeconds: 1800, factor: 6, budgetShare: 0.05 },
  { id: 'slo-burn-1d-2h', severity: 'ticket', longSeconds: 86400, shortSeconds: 7200, factor: 3, budgetShare: 0.1 },
  { id: 'slo-burn-3d-6h', severity: 'ticket', longSeconds: 3 * 86400, shortSeconds: 6 * 3600, factor: 1, budgetShare: 0.1 },
];

/** Longest window any burn-rate rule looks at. */
export const LONGEST_ALERT_WINDOW = 3 * 86400;

/**
 * Seconds of total outage after which the long window of a rule crosses its factor, when the window
 * was full of good traffic before: window * factor * (1 - SLO). For 99.9% and 14.4x over 1 h: 51.84 s.
 */
export function secondsToTrip(rule: BurnRateRule, slo: number): number {
  return rule.longSeconds * rule.factor * (1 - slo);
}
