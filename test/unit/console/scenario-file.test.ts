import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { getScenario, SCENARIOS } from '../../../src/sim/index';
import { MAX_SCENARIO_FILE_BYTES, parseScenarioFile, ScenarioFileError } from '../../../src/console/scenario-file';
import { runCli } from '../cli/run-cli';

const problemsOf = (fileName: string, text: string): string[] => {
  try {
    parseScenarioFile(fileName, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as Error).message).toContain(fileName);
    return (error as ScenarioFileError).problems;
  }
  throw new Error('expected the file to be refused');
};

describe('scenario files (JSON or YAML) written by learners and teams', () => {
  it('a built-in scenario written out as YAML or JSON loads back to the same scenario', () => {
    for (const id of Object.keys(SCENARIOS)) {
      const data = SCENARIOS[id]!();
      expect(parseScenarioFile(`${id}.yaml`, dump(data))).toEqual(getScenario(id));
      expect(parseScenarioFile(`${id}.json`, JSON.stringify(data))).toEqual(getScenario(id));
    }
  });

  it('a YAML syntax error names the file and the line', () => {
    const problems = problemsOf('team-drill.yaml', 'id: team-drill\ntitle: [unclosed\nfaults: []\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not valid YAML at line \d+, column \d+/);
  });

  it('a JSON syntax error says it is JSON and what to check', () => {
    expect(problemsOf('team-drill.json', '{"id": "x",}')[0]).toMatch(/not valid JSON .*commas and quotes/);
  });

  it('a wrong field is named by its path', () => {
    const data = SCENARIOS['bad-deploy']!() as Record<string, unknown> & { faults: Record<string, unknown>[] };
    data.faults[0]!.at = -5;
    delete data.title;
    const problems = problemsOf('bad.yaml', dump(data));
    expect(problems.some((p) => p.startsWith('faults.0.at:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('title:'))).toBe(true);
  });

  it('a misspelt top-level field is refused and named with its line, not dropped', () => {
    const { faults, ...rest } = SCENARIOS['bad-deploy']!() as Record<string, unknown>;
    const problems = problemsOf('typo.yaml', dump({ ...rest, fualts: faults }));
    expect(problems).toContainEqual(expect.stringMatching(/^fualts: a scenario file has no such field here; check its spelling, or remove it \(line \d+\)$/));
  });

  it('refuses YAML tags that would build anything but plain data', () => {
    expect(problemsOf('x.yaml', 'id: !!js/function "() => 1"\n')[0]).toMatch(/not valid YAML/);
  });

  it('refuses a file that is not one scenario object, and one that is too big, before parsing it', () => {
    expect(problemsOf('list.yaml', '- a\n- b\n')[0]).toMatch(/must hold one scenario/);
    expect(problemsOf('big.json', `{"pad": "${'x'.repeat(MAX_SCENARIO_FILE_BYTES)}"}`)[0]).toMatch(/at most 256 KB/);
  });

  it('npm run sim -- <file> plays it, and a broken file exits 2 with the field named', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scenario-file-'));
    try {
      const good = { ...SCENARIOS['bad-deploy']!(), id: 'our-friday-deploy' };
      await writeFile(join(dir, 'ours.yaml'), dump(good));
      const ok = await runCli('sim', ['ours.yaml', '--duration', '120', '--json'], { INIT_CWD: dir });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).requests).toBeGreaterThan(0);

      await writeFile(join(dir, 'broken.json'), JSON.stringify({ ...good, durationSeconds: 'long' }));
      const bad = await runCli('sim', ['broken.json'], { INIT_CWD: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('broken.json is not a playable scenario');
      expect(bad.stderr).toContain('durationSeconds');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
