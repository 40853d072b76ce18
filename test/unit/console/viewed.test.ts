import { describe, expect, it } from 'vitest';
import { isCommsAction, parseConsoleAction, VIEW_PANELS } from '../../../src/console/protocol';
import { ConsoleRun } from '../../../src/console/run';
import { eventLog } from '../../../src/console/debrief/postmortem';
import type { SimulationSummary } from '../../../src/sim/index';

describe('the "viewed" observation', () => {
  it('parses as a comms action for every panel, with an optional focus', () => {
    for (const panel of VIEW_PANELS) expect(parseConsoleAction({ type: 'viewed', panel })).toEqual({ type: 'viewed', panel });
    const action = parseConsoleAction({ type: 'viewed', panel: 'dashboards', focus: 'error rate by version' });
    expect(isCommsAction(action)).toBe(true);
    expect(action).toEqual({ type: 'viewed', panel: 'dashboards', focus: 'error rate by version' });
  });

  it('refuses an unknown panel or extra fields with a readable message', () => {
    expect(() => parseConsoleAction({ type: 'viewed', panel: 'crystal-ball' })).toThrow(/invalid action: panel/);
    expect(() => parseConsoleAction({ type: 'viewed', panel: 'logs', extra: 1 })).toThrow(/invalid action/);
  });

  it('is logged with the run and changes nothing in the simulation', () => {
    const settings = { source: { kind: 'builtin' as const, id: 'baseline' }, seed: 3, warmupSeconds: 10 };
    const { run } = ConsoleRun.load(settings);
    run.advance(20);
    const record = run.act({ type: 'viewed', panel: 'logs', focus: 'status 500' });
    expect(record).toMatchObject({ at: 20, accepted: true, message: 'looked at logs: status 500' });
    run.advance(60);
    const { run: plain } = ConsoleRun.load(settings, 60);
    expect(run.summaryJson()).toBe(plain.summaryJson());
    // A replay of the log (views included) reproduces the run.
    const { run: replay } = ConsoleRun.load({ ...settings, log: run.log }, 60);
    expect(replay.log.map((l) => l.action)).toEqual([{ type: 'viewed', panel: 'logs', focus: 'status 500' }]);
    // The postmortem timeline lists what happened, not what was looked at.
    const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
    expect(eventLog({ summary, log: run.log, warmupSeconds: 10 }).some((e) => /looked at/.test(e.text))).toBe(false);
  });
});
