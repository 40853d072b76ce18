/**
 * Scenario files written by a learner or a team (JSON or YAML), for `npm run sim -- my-drill.yaml`
 * and the console's "load a scenario file". Every error names the file and, when the text parsed,
 * the field, so a facilitator can fix a drill without reading the schema.
 */
import { load, YAMLException } from 'js-yaml';
import { scenarioSchema, type Scenario } from '../sim/scenarios/schema';
import { yamlLine } from './yaml-lines';

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

function isJson(fileName: string, text: string): boolean {
  return /\.json$/i.test(fileName) || (!/\.ya?ml$/i.test(fileName) && /^\s*[{[]/.test(text));
}

function syntax(fileName: string, text: string): unknown {
  if (isJson(fileName, text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ScenarioFileError(fileName, [`it is not valid JSON (${(error as Error).message}); check commas and quotes near that position`]);
    }
  }
  try {
    // The default schema: plain data only (no custom tags), as in lesson frontmatter.
    return load(text, { filename: fileName });
  } catch (error) {
    if (error instanceof YAMLException) {
      const where = error.mark ? `line ${error.mark.line + 1}, column ${error.mark.column + 1}` : 'somewhere in the file';
      throw new ScenarioFileError(fileName, [`it is not valid YAML at ${where}: ${error.reason}`]);
    }
    throw error;
  }
}

/** Parses and validates a scenario file's text; throws ScenarioFileError listing every problem. */
export function parseScenarioFile(fileName: string, text: string): Scenario {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_SCENARIO_FILE_BYTES) {
    throw new ScenarioFileError(fileName, [`it is ${Math.ceil(bytes / 1024)} KB; a scenario file may be at most ${MAX_SCENARIO_FILE_BYTES / 1024} KB`]);
  }
  const data = syntax(fileName, text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioFileError(fileName, ['it must hold one scenario: an object with id, title, topology, traffic, faults and success criteria']);
  }
  const result = scenarioSchema.safeParse(data);
  if (result.success) return result.data;
  const yaml = !isJson(fileName, text);
  throw new ScenarioFileError(
    fileName,
    result.error.issues.map((issue) => {
      const line = yaml ? yamlLine(text, issue.path) : null;
      return `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}${line === null ? '' : ` (line ${line})`}`;
    }),
  );
}
