/**
 * Scenario files written by a learner or a team (JSON or YAML), for `npm run sim -- my-drill.yaml`
 * and the console's "load a scenario file". Every error names the file and, when the text parsed,
 * the field, so a facilitator can fix a drill without reading the schema.
 */
import { scenarioSchema, type Scenario } from '../sim/scenarios/schema';
import { readDataFile } from './data-file';

/** Larger files are refused before parsing: a scenario is a page of data, not a data set. */
export const MAX_SCENARIO_FILE_BYTES = 256 * 1024;

export class ScenarioFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName} is not a playable scenario:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioFileError';
  }
}

/** Parses and validates a scenario file's text; throws ScenarioFileError listing every problem. */
export function parseScenarioFile(fileName: string, text: string): Scenario {
  return readDataFile(fileName, text, {
    schema: scenarioSchema,
    maxBytes: MAX_SCENARIO_FILE_BYTES,
    noun: 'a scenario file',
    holds: 'one scenario: an object with id, title, topology, traffic, faults and success criteria',
    refuse: (problems) => new ScenarioFileError(fileName, problems),
  });
}
