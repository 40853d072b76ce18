import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { yamlLine } from '../../../src/console/yaml-lines';
import { parseScenarioFile, ScenarioFileError } from '../../../src/console/scenario-file';
import { SCENARIOS } from '../../../src/sim/index';

const text = `# a team drill
id: team-drill
title: Ours
topology:
  service:
    id: api
    replicas: 4
faults:
  - type: instance-crash
    at: 60
  - type: crash-loop
    at: 120
    uptimeSeconds: 15
success:
- type: error-budget
  maxBurnedPercent: 5
gameDay: { hypothesis: [] }
`;

describe('the line of a field in a YAML scenario file', () => {
  it('follows keys and list items by indentation, in both list styles', () => {
    expect(yamlLine(text, ['id'])).toBe(2);
    expect(yamlLine(text, ['topology', 'service', 'replicas'])).toBe(7);
    expect(yamlLine(text, ['faults', 0, 'at'])).toBe(10);
    expect(yamlLine(text, ['faults', 1])).toBe(11);
    expect(yamlLine(text, ['faults', 1, 'uptimeSeconds'])).toBe(13);
    expect(yamlLine(text, ['success', 0, 'maxBurnedPercent'])).toBe(16);
  });

  it('gives the deepest line it can find, and null when the field is absent altogether', () => {
    expect(yamlLine(text, ['faults', 1, 'duration'])).toBe(11);
    expect(yamlLine(text, ['gameDay', 'hypothesis'])).toBe(17);
    expect(yamlLine(text, ['briefing'])).toBeNull();
    expect(yamlLine(text, ['service'])).toBeNull(); // not a top-level key
  });

  it('a scenario file\'s problems carry the line, as written by js-yaml\'s dump', () => {
    const data = SCENARIOS['bad-deploy']!() as Record<string, unknown> & { faults: Record<string, unknown>[] };
    data.faults[0]!.at = -5;
    const yaml = dump(data);
    const expected = yaml.split('\n').findIndex((l) => /^\s+at: -5$/.test(l)) + 1;
    try {
      parseScenarioFile('bad.yaml', yaml);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioFileError);
      expect((error as ScenarioFileError).problems.find((p) => p.startsWith('faults.0.at:'))).toMatch(new RegExp(`\\(line ${expected}\\)$`));
    }
  });
});
