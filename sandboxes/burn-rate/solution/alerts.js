// Burn-rate rules evaluated like Prometheus alerting rules.
//
//   threshold(rule, slo)            the error ratio a rule alerts above: burnRate x (1 - slo)
//   isBurning(rule, windows, slo)   true when BOTH the long and the short window are above it
//   createAlert(rule)               one rule's state: inactive -> pending -> firing -> resolved
//   createMonitor({ slo, rules, clock })   windows + one alert per rule, evaluated on the clock
import { createWindows } from './windows.js';

export function threshold(rule, slo) {
  return rule.burnRate * (1 - slo);
}

export function isBurning(rule, windows, slo) {
  const limit = threshold(rule, slo);
  return windows.errorRatio(rule.long) > limit && windows.errorRatio(rule.short) > limit;
}

/**
 * One alerting rule's state machine. evaluate(now, active) is called at every evaluation with
 * whether the rule's condition holds, and returns the transitions it made: [{ at, from, to }].
 *   inactive --true--> pending (activeAt = now), or straight on to firing when for is 0
 *   pending  --true for `for` seconds since activeAt--> firing (firedAt = now)
 *   pending  --false--> inactive (never notified anyone)
 *   firing   --false--> resolved (resolvedAt = now), and inactive at the next evaluation
 */
export function createAlert(rule) {
  const holdFor = rule.for ?? 0;
  const alert = {
    name: rule.name,
    state: 'inactive',
    activeAt: null,
    firedAt: null,
    resolvedAt: null,
    evaluate(now, active) {
      const moves = [];
      const move = (to) => {
        moves.push({ at: now, from: alert.state, to });
        alert.state = to;
      };
      if (active) {
        if (alert.state === 'inactive' || alert.state === 'resolved') {
          move('pending');
          alert.activeAt = now;
          alert.firedAt = null;
          alert.resolvedAt = null;
        }
        if (alert.state === 'pending' && now - alert.activeAt >= holdFor) {
          move('firing');
          alert.firedAt = now;
        }
      } else if (alert.state === 'firing') {
        move('resolved');
        alert.resolvedAt = now;
      } else if (alert.state === 'pending' || alert.state === 'resolved') {
        move('inactive');
        alert.activeAt = null;
      }
      return moves;
    },
  };
  return alert;
}

/**
 * record(good, bad) once per simulated second; evaluate() at the clock's current time returns
 * every transition [{ at, rule, from, to }]; states() gives { [rule name]: state }.
 */
export function createMonitor({ slo, rules, clock }) {
  const windows = createWindows({ maxSeconds: Math.max(...rules.map((r) => r.long), ...rules.map((r) => r.short)) });
  const alerts = rules.map((rule) => ({ rule, alert: createAlert(rule) }));
  return {
    record(good, bad) {
      windows.add(good, bad);
    },
    evaluate() {
      const now = clock.now();
      return alerts.flatMap(({ rule, alert }) => alert.evaluate(now, isBurning(rule, windows, slo)).map((m) => ({ ...m, rule: rule.name })));
    },
    states() {
      return Object.fromEntries(alerts.map(({ rule, alert }) => [rule.name, alert.state]));
    },
  };
}
