// The alerting policy for Ledgerline's payouts: a 99.9% SLO over 30 days. Windows and `for` are
// in seconds.
//   burnRate  how many times faster than "exactly on budget" the errors arrive
//   long      the window that makes the rule significant
//   short     the window that makes it reset soon after the problem stops
//   for       how long the condition must hold before the alert fires (Prometheus `for:`)
//
// Right now it holds the page the team had before the incident: "error rate above 1% for
// 5 minutes" (1% is 10x the 0.1% budget), over a single 5-minute window.

export const SLO = 0.999;

// TODO: replace it with the SRE Workbook's four rules, the table in the lesson:
//   page    14.4x over 1 h and 5 m        page    6x over 6 h and 30 m
//   ticket   3x  over 1 d and 2 h         ticket  1x over 3 d and 6 h
//   Pages keep `for: 120` (the lesson's for: 2m); tickets have for: 0. The demos print the
//   names, so give each rule one (e.g. 'page-1h').
export const RULES = [
  { name: 'error-rate-1pct', severity: 'page', burnRate: 10, long: 300, short: 300, for: 300 },
];
