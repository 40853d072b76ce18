import { describe, expect, it } from 'vitest';
import { ConsoleRun } from '../../../../src/console/run';
import { composeGameDay, defaultDesign, newFault, readDesign, systemFacts, type GameDayDesign } from '../../../../src/console/gameday/design';
import { exportScenario } from '../../../../src/console/gameday/export';
import { recordStaffCheckpoint, STAFF_CHECKPOINT_ID } from '../../../../src/console/gameday/checkpoint';
import { freePlayOptions } from '../../../../src/console/presets';
import { CUSTOM_SCENARIO_KEY, keepScenarioFile, keptScenarioFile, readScenarioFile } from '../../../../src/console/custom-scenario';
import { parseScenarioFile, ScenarioFileError } from '../../../../src/console/scenario-file';
import { parseScenario, type ScenarioInput } from '../../../../src/sim/index';

const options = freePlayOptions();

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

function compose(design: GameDayDesign): ScenarioInput {
  const { scenario, errors } = composeGameDay(design, options);
  expect(errors).toEqual({});
  return scenario!;
}

/** Plays a scenario to its end (or its abort) with nobody acting. */
function play(scenario: unknown) {
  const { run } = ConsoleRun.load({ source: { kind: 'custom', scenario }, seed: 3, warmupSeconds: 120 });
  run.advance(Infinity);
  return { run, reveal: run.reveal() };
}

describe('designing a game day', () => {
  it('the starting design is a valid scenario with its hypothesis and abort conditions in stored units', () => {
    const s = parseScenario(compose(defaultDesign(options)));
    expect(s.id).toBe('game-day-slow-payment-provider');
    expect(s.gameDay?.hypothesis).toEqual([
      { metric: 'edge.errorRatio', op: '<', threshold: 0.01 },
      { metric: 'edge.p99Ms', op: '<', threshold: 1000 },
    ]);
    expect(s.gameDay?.abort).toEqual([{ metric: 'edge.errorRatio', op: '>', threshold: 0.1, forSeconds: 30 }]);
    expect(s.faults).toMatchObject([{ type: 'dependency-latency', dependency: 'payments', at: 120, duration: 180, id: 'fault-1' }]);
  });

  it('names each wrong field next to where it is typed', () => {
    const d = defaultDesign(options);
    d.title = ' ';
    d.minutes = '3';
    d.faults[0]!.startMinute = 'soon';
    d.hypothesis[0]!.threshold = 'one';
    d.abort[0]!.forSeconds = '2.5';
    const { scenario, errors } = composeGameDay(d, options);
    expect(scenario).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['abort-0-forSeconds', 'fault-0-start', 'hyp-0-threshold', 'minutes', 'title']);
    expect(errors['hyp-0-threshold']).toMatch(/number in %/);
  });

  it('refuses faults and metrics the chosen system does not have, and the simulator schema\'s own limits per field', () => {
    const d = defaultDesign(options);
    d.preset = 'minimal'; // no cache, no payment provider
    d.faults = [newFault('cache-flush', systemFacts(options, 'minimal')), newFault('bad-deploy', systemFacts(options, 'minimal'))];
    d.faults[1]!.values.errorRate = '5';
    d.hypothesis = [{ metric: 'cache.hitRatio', op: '>', threshold: '50' }];
    const first = composeGameDay(d, options).errors;
    expect(first['fault-0-type']).toMatch(/no cache/);
    expect(first['hyp-0-metric']).toMatch(/no cache/);
    d.faults.shift();
    d.hypothesis = [{ metric: 'edge.errorRatio', op: '<', threshold: '1' }];
    const second = composeGameDay(d, options).errors;
    expect(Object.keys(second)).toEqual(['fault-0-errorRate']);
  });

  it('needs at least one fault and one steady-state condition', () => {
    const d = { ...defaultDesign(options), faults: [], hypothesis: [] };
    expect(Object.keys(composeGameDay(d, options).errors).sort()).toEqual(['faults', 'hypothesis']);
  });
});

describe('exporting a game day as a scenario file', () => {
  it('YAML and JSON exports read back through the scenario-file parser to the scenario designed, and load as a custom scenario', () => {
    const input = compose(defaultDesign(options));
    for (const format of ['yaml', 'json'] as const) {
      const file = exportScenario(input, format);
      expect(file.fileName).toBe(`game-day-slow-payment-provider.${format}`);
      expect(parseScenarioFile(file.fileName, file.text)).toEqual(parseScenario(input));
      const store = memoryStore();
      keepScenarioFile(store, { fileName: file.fileName, text: file.text, origin: 'file' });
      const kept = keptScenarioFile(store);
      expect(kept && 'scenario' in kept ? kept.scenario : null).toEqual(parseScenario(input));
    }
  });

  it('a scenario file with a wrong game-day field is refused naming the field', () => {
    const input = compose(defaultDesign(options));
    const bad = { ...input, gameDay: { hypothesis: [{ metric: 'edge.errors', op: '<', threshold: 1 }], abort: [{ metric: 'edge.rate', op: '=', threshold: 'x' }] } };
    try {
      parseScenarioFile('team.json', JSON.stringify(bad));
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioFileError);
      const problems = (error as ScenarioFileError).problems.join('\n');
      expect(problems).toMatch(/gameDay\.hypothesis\.0\.metric: name a metric/);
      expect(problems).toMatch(/gameDay\.abort\.0\.op: use a comparator/);
      expect(problems).toMatch(/gameDay\.abort\.0\.threshold: give the threshold as a number/);
    }
    expect(() => parseScenarioFile('team.json', JSON.stringify({ ...input, gameDay: { hypothesis: [] } }))).toThrow(/write at least one steady-state condition/);
  });
});

describe('running a game day', () => {
  it('an outage past the abort threshold ends the run early and reports when and why; the hypothesis is judged up to then', () => {
    const d = defaultDesign(options);
    d.minutes = '8';
    d.faults = [{ ...newFault('dependency-outage', systemFacts(options, 'shop'), '1'), values: { dependency: 'payments', mode: 'errors', duration: '' } }];
    d.abort = [{ metric: 'edge.errorRatio', op: '>', threshold: '2', forSeconds: '15' }];
    const { run, reveal } = play(parseScenario(compose(d)));
    const aborted = reveal.gameDay!.aborted!;
    expect(aborted.at).toBeGreaterThan(60);
    expect(aborted.at).toBeLessThan(8 * 60);
    expect(aborted.because).toMatch(/^Error rate at the edge > 2% for 15 s \(measured [\d.]+%\)$/);
    expect(run.ended).toBe(true);
    expect(run.t).toBe(120 + aborted.at);
    expect(reveal.gameDay!.hypothesis).toMatchObject({ evaluated: true, held: false });
  });

  it('a run resumed from a checkpoint (a rewind, a debrief replay) judges on from where it was: same abort, same minutes', () => {
    const d = defaultDesign(options);
    d.minutes = '8';
    d.faults = [{ ...newFault('dependency-outage', systemFacts(options, 'shop'), '1'), values: { dependency: 'payments', mode: 'errors', duration: '' } }];
    d.abort = [{ metric: 'edge.errorRatio', op: '>', threshold: '2', forSeconds: '15' }];
    const scenario = parseScenario(compose(d));
    const settings = { source: { kind: 'custom' as const, scenario }, seed: 3, warmupSeconds: 120 };
    const { run } = ConsoleRun.load(settings, 120, { checkpointEvery: 60 });
    run.advance(Infinity);
    const straight = run.reveal().gameDay!;
    const mid = run.checkpoints.find((c) => c.t > 120 + 30 && c.t < 120 + straight.aborted!.at)!;
    expect(mid, `a checkpoint inside the game day, before the abort at ${straight.aborted?.at}: ${run.checkpoints.map((c) => c.t).join(',')}`).toBeDefined();
    const { run: resumed } = ConsoleRun.resume(settings, structuredClone(mid), mid.t);
    resumed.advance(Infinity);
    expect(resumed.t).toBe(run.t);
    expect(resumed.reveal().gameDay).toEqual(straight);
    // And a debrief-style replay that keeps no frames still ends where the real run was aborted.
    const { run: frameless } = ConsoleRun.load(settings, 120, { frames: false });
    frameless.advance(Infinity);
    expect(frameless.t).toBe(run.t);
  });

  it('a fault the system absorbs leaves the hypothesis held over the whole run', () => {
    const d = defaultDesign(options);
    d.minutes = '5';
    d.faults = [{ ...newFault('instance-crash', systemFacts(options, 'shop'), '1'), values: { count: '1' } }];
    const { run, reveal } = play(compose(d));
    expect(run.t).toBe(120 + 300);
    expect(reveal.gameDay).toMatchObject({ aborted: null, hypothesis: { evaluated: true, held: true, windows: 5 } });
  });

  it('a scenario without a game day reports none (drills are judged as before)', () => {
    const { reveal } = play(parseScenario({ ...compose(defaultDesign(options)), gameDay: undefined, durationSeconds: 60 }));
    expect(reveal.gameDay).toBeUndefined();
  });
});

describe('the Staff checkpoint', () => {
  const report = (evaluated: boolean) => ({ hypothesis: { evaluated, held: false, windows: evaluated ? 3 : 0, conditions: [] }, aborted: null });
  const store = () => {
    const calls: unknown[][] = [];
    return { calls, recordDrillResult: (...a: unknown[]) => void calls.push(['result', ...a]), passCheckpoint: (...a: unknown[]) => void calls.push(['checkpoint', ...a]) };
  };
  const run = { budgetBurnedPercent: 2.5, mitigatedSeconds: null, seed: 9 };

  it('passes once the hypothesis was judged (held or not) and the export succeeded, recorded as a drill result and the staff checkpoint', () => {
    const s = store();
    expect(recordStaffCheckpoint(s, report(true), true, run)).toBe(true);
    expect(s.calls).toEqual([
      ['result', STAFF_CHECKPOINT_ID, { passed: true, budgetBurnedPercent: 2.5, mitigatedSeconds: null, seed: 9 }],
      ['checkpoint', 'staff', STAFF_CHECKPOINT_ID],
    ]);
  });

  it('records nothing without an export, or when nothing could be judged', () => {
    const s = store();
    expect(recordStaffCheckpoint(s, report(true), false, run)).toBe(false);
    expect(recordStaffCheckpoint(s, report(false), true, run)).toBe(false);
    expect(recordStaffCheckpoint(s, undefined, true, run)).toBe(false);
    expect(s.calls).toEqual([]);
  });
});

describe('a scenario file kept for /drills/custom/', () => {
  it('a file over the cap is refused before it is read', async () => {
    let read = false;
    const big = { name: 'huge.yaml', size: 300 * 1024, text: async () => ((read = true), '') };
    await expect(readScenarioFile(big)).rejects.toThrow(/at most 256 KB/);
    expect(read).toBe(false);
  });

  it('a refused file keeps nothing and leaves the file kept earlier in place', () => {
    const store = memoryStore();
    const good = exportScenario(compose(defaultDesign(options)), 'yaml');
    keepScenarioFile(store, { fileName: good.fileName, text: good.text, origin: 'game-day' });
    expect(() => keepScenarioFile(store, { fileName: 'broken.yaml', text: 'id: [', origin: 'file' })).toThrow(ScenarioFileError);
    const kept = keptScenarioFile(store);
    expect(kept && 'scenario' in kept && kept.file).toMatchObject({ fileName: good.fileName, origin: 'game-day' });
  });

  it('nothing kept reads as null, and a kept text that no longer parses comes back with its problems', () => {
    const store = memoryStore();
    expect(keptScenarioFile(store)).toBeNull();
    store.setItem(CUSTOM_SCENARIO_KEY, JSON.stringify({ fileName: 'old.yaml', text: 'id: Not Kebab', origin: 'file' }));
    const kept = keptScenarioFile(store);
    expect(kept && 'error' in kept ? kept.error.problems.join('\n') : '').toMatch(/^id: use a lowercase kebab-case id \(line 1\)/);
  });
});

describe('a design kept as a draft', () => {
  it('reads back as it was saved; anything malformed is dropped', () => {
    const d = defaultDesign(options);
    expect(readDesign(JSON.parse(JSON.stringify(d)))).toEqual(d);
    expect(readDesign({ ...d, faults: [{ type: 'cache-flush' }] })).toBeNull();
    expect(readDesign({ ...d, hypothesis: [{ metric: 'edge.nope', op: '<', threshold: '1' }] })).toBeNull();
    expect(readDesign({ ...d, abort: [{ metric: 'edge.rate', op: '<', threshold: '1' }] })).toBeNull();
    expect(readDesign('text')).toBeNull();
  });
});
