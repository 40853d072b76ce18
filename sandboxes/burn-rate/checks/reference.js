// The rule table from the lesson (SPECS section 8), used by the checks so that a mistake in
// rules.js shows up in one check, not in all of them.
export const SLO = 0.999;
export const REFERENCE_RULES = [
  { name: 'page-1h', severity: 'page', burnRate: 14.4, long: 3600, short: 300, for: 120 },
  { name: 'page-6h', severity: 'page', burnRate: 6, long: 21600, short: 1800, for: 120 },
  { name: 'ticket-1d', severity: 'ticket', burnRate: 3, long: 86400, short: 7200, for: 0 },
  { name: 'ticket-3d', severity: 'ticket', burnRate: 1, long: 259200, short: 21600, for: 0 },
];
