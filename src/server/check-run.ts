/**
 * Runs a sandbox's checks on this machine and returns the checklist: the CLI and the sandbox tests
 * use it; the local runner streams the same run to the browser, which parses it with the same parser.
 */
import type { FileMap } from '../sandbox/files';
import { CheckOutputParser, type ParsedChecks } from '../sandbox/checks/parser';
import { buildChecklist, type Checklist } from '../sandbox/checks/checklist';
import type { SandboxSource } from '../sandbox/checks/workspace';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../sandbox/output-cap';
import type { RunExit } from '../sandbox/runtime';
import { runTask } from './task-runner';

export interface CheckRun {
  checklist: Checklist;
  parsed: ParsedChecks;
  exit: RunExit;
  /** The readable output (machine lines removed), as a terminal would show it. */
  display: string;
}

export interface CheckRunOptions {
  timeoutMs?: number;
  nodePath?: string;
  tmpRoot?: string;
  onDisplay?: (text: string) => void;
}

export async function runChecks(source: SandboxSource, learnerFiles: FileMap, options: CheckRunOptions = {}): Promise<CheckRun> {
  let display = '';
  const parser = new CheckOutputParser({
    onDisplay: (text) => {
      display += text;
      options.onDisplay?.(text);
    },
  });
  const handle = runTask(source, learnerFiles, { kind: 'checks' }, {
    limits: { timeoutMs: options.timeoutMs ?? source.manifest.timeoutMs, maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES },
    ...(options.nodePath === undefined ? {} : { nodePath: options.nodePath }),
    ...(options.tmpRoot === undefined ? {} : { tmpRoot: options.tmpRoot }),
    onOutput: (chunk) => parser.push(chunk),
  });
  const exit = await handle.exit;
  const parsed = parser.end();
  return { checklist: buildChecklist(parsed, source.manifest, exit), parsed, exit, display };
}
