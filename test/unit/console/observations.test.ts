import { describe, expect, it } from 'vitest';
import { focusText, logsFilterFocus, ObservationGate, REPEAT_SECONDS } from '../../../src/console/observations';
import { isMeaningful } from '../../../src/console/debrief/hints';
import { parseConsoleAction } from '../../../src/console/protocol';
import { ConsoleRun } from '../../../src/console/run';

describe('the observation gate', () => {
  it('logs a look once, not once per click, and again after REPEAT_SECONDS of simulated time', () => {
    const gate = new ObservationGate();
    expect(gate.admit({ panel: 'logs', focus: 'filtered: level error' }, 400)).toEqual({ type: 'viewed', panel: 'logs', focus: 'filtered: level error' });
    expect(gate.admit({ panel: 'logs', focus: 'filtered: level error' }, 401)).toBeNull();
    expect(gate.admit({ panel: 'logs', focus: 'filtered:   level error ' }, 430)).toBeNull();
    // A different question is a different look.
    expect(gate.admit({ panel: 'logs', focus: 'filtered: level error, route /checkout' }, 431)).not.toBeNull();
    expect(gate.admit({ panel: 'logs', focus: 'filtered: level error' }, 400 + REPEAT_SECONDS)).not.toBeNull();
  });

  it('adds no bare look at a panel right after a focused one there', () => {
    const gate = new ObservationGate();
    expect(gate.admit({ panel: 'alerts', focus: 'SLO burn firing' }, 100)).not.toBeNull();
    expect(gate.admit({ panel: 'alerts' }, 110)).toBeNull();
    expect(gate.admit({ panel: 'dashboards' }, 110)).toEqual({ type: 'viewed', panel: 'dashboards' });
    expect(gate.admit({ panel: 'dashboards' }, 150)).toBeNull();
  });

  it('forgets looks after the time it was rewound to', () => {
    const gate = new ObservationGate();
    expect(gate.admit({ panel: 'timeline', focus: 'recent changes' }, 500)).not.toBeNull();
    expect(gate.admit({ panel: 'timeline', focus: 'recent changes' }, 505)).toBeNull();
    // Rewound to 450: the look at 500 never happened in this run.
    expect(gate.admit({ panel: 'timeline', focus: 'recent changes' }, 450)).not.toBeNull();
  });

  it('keeps a focus within the protocol (one line, at most 200 characters)', () => {
    expect(focusText('  a\n b  ')).toBe('a b');
    expect(focusText('   ')).toBeUndefined();
    const long = focusText('x'.repeat(500))!;
    expect(long).toHaveLength(200);
    expect(() => parseConsoleAction({ type: 'viewed', panel: 'logs', focus: long })).not.toThrow();
    expect(logsFilterFocus({ level: '', route: '', instance: '', correlation: '  ' })).toBeUndefined();
    expect(logsFilterFocus({ level: 'error', instance: 'shop-api-v2-1' })).toBe('filtered: level error, instance shop-api-v2-1');
  });

  it('is not a meaningful action: the hint ladder waits as it did without views', () => {
    expect(isMeaningful({ type: 'viewed' })).toBe(false);
    expect(isMeaningful({ type: 'rollback' })).toBe(true);
  });
});

describe('views leave the simulation as it was', () => {
  it('a whole bad-deploy run with a rollback has byte-identical summaries with and without the looks', () => {
    const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 7, warmupSeconds: 300 };
    const gate = new ObservationGate();
    const looks = [
      { t: 840, look: { panel: 'alerts' as const, focus: 'SLO burn (1h/5m) firing' } },
      { t: 845, look: { panel: 'alerts' as const, focus: 'SLO burn (1h/5m) firing' } },
      { t: 850, look: { panel: 'dashboards' as const, focus: 'charts: shop-api' } },
      { t: 860, look: { panel: 'timeline' as const, focus: 'recent changes: latest deploy' } },
      { t: 870, look: { panel: 'logs' as const, focus: 'filtered: level error' } },
      { t: 880, look: { panel: 'service-map' as const, focus: 'shop-api v2: failing' } },
    ];
    const withViews = ConsoleRun.load(settings).run;
    for (const { t, look } of looks) {
      withViews.advance(t);
      const action = gate.admit(look, withViews.t);
      if (action) withViews.act(action);
    }
    withViews.advance(900);
    withViews.act({ type: 'rollback' });
    withViews.advance(Infinity);
    const plain = ConsoleRun.load({ ...settings, log: [{ at: 900, action: { type: 'rollback' } }] }, Infinity).run;
    expect(withViews.log.filter((l) => l.action.type === 'viewed')).toHaveLength(5);
    expect(withViews.log.filter((l) => l.action.type === 'viewed').map((l) => l.at)).toEqual([840, 850, 860, 870, 880]);
    expect(withViews.summaryJson()).toBe(plain.summaryJson());
    // And the log with its views replays to the same bytes.
    expect(ConsoleRun.load({ ...settings, log: withViews.log }, Infinity).run.summaryJson()).toBe(plain.summaryJson());
  });
});
