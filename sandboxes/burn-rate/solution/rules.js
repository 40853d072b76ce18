// The alerting policy for Ledgerline's payouts: a 99.9% SLO over 30 days, and the SRE Workbook's
// multi-window, multi-burn-rate rules. Windows and `for` are in seconds.
//   burnRate  how many times faster than "exactly on budget" the errors arrive
//   long      the window that makes the rule significant (2% / 5% / 10% of the budget)
//   short     the window that makes it reset soon after the problem stops (1/12 of long)
//   for       how long the condition must hold before the alert fires (Prometheus `for:`)

export const SLO = 0.999;

export const RULES = [
  { name: 'page-1h', severity: 'page', burnRate: 14.4, long: 3600, short: 300, for: 120 },
  { name: 'page-6h', severity: 'page', burnRate: 6, long: 21600, short: 1800, for: 120 },
  { name: 'ticket-1d', severity: 'ticket', burnRate: 3, long: 86400, short: 7200, for: 0 },
  { name: 'ticket-3d', severity: 'ticket', burnRate: 1, long: 259200, short: 21600, for: 0 },
];
