// Burn-rate rules evaluated like Prometheus alerting rules.
//
//   threshold(rule, slo)            the error ratio a rule alerts above: burnRate x (1 - slo)
//   isBurning(rule, windows, slo)   whether the rule's condition holds now
//   createAlert(rule)               one rule's state: inactive -> pending -> firing -> resolved
//   createMonitor({ slo, rules, clock })   windows + one alert per rule, evaluated on the clock
//
// Right now a rule looks at its long window only, and an alert fires the moment its condition
// holds and goes quiet without ever saying it resolved. Your job is the TODOs below.
import { createWindows } from './windows.js';

export function threshold(rule, slo) {
  return rule.burnRate * (1 - slo);
}

export function isBurning(rule, windows, slo) {
  // TODO 1: the condition holds only when BOTH windows are above the threshold (strictly):
  //   the long one says it matters, the short one says it is still happening.
  return windows.errorRatio(rule.long) > threshold(rule, slo);
}

/**
 * One alerting rule's state machine. evaluate(now, active) is called at every evaluation with
 * whether the rule's condition holds, and returns the transitions it made: [{ at, from, to }].
 */
export function createAlert(rule) {
  const alert = {
    name: rule.name,
    state: 'inactive',
    activeAt: null,
    firedAt: null,
    resolvedAt: null,
    evaluate(now, active) {
      // TODO 2: Prometheus' states, with `for` (rule.for, in seconds):
      //   inactive --true--> pending, activeAt = now (and on to firing at once when for is 0)
      //   pending  --still true, now - activeAt >= for--> firing, firedAt = now
      //   pending  --false--> inactive: a blip shorter than `for` never notifies anyone
      //   firing   --false--> resolved, resolvedAt = now; resolved --false--> inactive at the next
      //   evaluation; resolved --true--> pending again (a new activeAt)
      //   Report every move as { at: now, from, to }, in order.
      const moves = [];
      if (active && alert.state !== 'firing') {
        moves.push({ at: now, from: alert.state, to: 'firing' });
        alert.state = 'firing';
        alert.firedAt = now;
      } else if (!active && alert.state === 'firing') {
        moves.push({ at: now, from: alert.state, to: 'inactive' });
        alert.state = 'inactive';
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
