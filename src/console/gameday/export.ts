/**
 * A designed game day written out as a scenario file (YAML or JSON) that anyone can play: in the
 * browser (/drills/ -> Play a scenario file) or with `npm run sim -- file.yaml`. Every export is
 * read back through the same parser a player's upload goes through before it is offered.
 */
import { dump } from 'js-yaml';
import { parseScenario, type ScenarioInput } from '../../sim/scenarios/schema';
import { parseScenarioFile } from '../scenario-file';

export type ExportFormat = 'yaml' | 'json';

export interface ScenarioExport {
  fileName: string;
  text: string;
  mediaType: string;
}

const HEADER = '# A Blast Radius game day. Play it on /drills/ ("Play a scenario file") or with: npm run sim -- this-file.yaml\n';

export function exportScenario(input: ScenarioInput, format: ExportFormat): ScenarioExport {
  const fileName = `${input.id}.${format}`;
  const text = format === 'yaml' ? HEADER + dump(input, { noRefs: true, lineWidth: 100 }) : `${JSON.stringify(input, null, 2)}\n`;
  // The round trip: what a player will load must be exactly the scenario that was designed.
  const back = parseScenarioFile(fileName, text);
  if (JSON.stringify(back) !== JSON.stringify(parseScenario(input))) throw new Error(`${fileName} did not read back as the same scenario; nothing was saved.`);
  return { fileName, text, mediaType: format === 'yaml' ? 'application/yaml' : 'application/json' };
}
