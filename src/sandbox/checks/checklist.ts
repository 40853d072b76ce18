/**
 * The checklist a learner sees: the parsed results joined with the sandbox's hints, plus every
 * check the sandbox promises (sandbox.json lists each with its hint) that never reported, so a crash or a time
 * limit cannot make a check silently disappear.
 */
import type { Sandbox } from '../../schemas/sandbox';
import type { RunExit } from '../runtime';
import type { ParsedChecks } from './parser';
import { limitMessage } from '../limits';

export type CheckStatus = 'passed' | 'failed' | 'not-run';

export interface ChecklistItem {
  name: string;
  ok: boolean;
  status: CheckStatus;
  message: string | null;
  /** The sandbox's hint for a failing check; null when it passed or has no hint. */
  hint: string | null;
  kind: 'test' | 'file';
  file?: string;
}

export interface Checklist {
  sandbox: string;
  items: ChecklistItem[];
  passed: number;
  failed: number;
  /** Every expected check ran and passed: the lesson's sandbox counts as done. */
  allPassed: boolean;
  /** Why the run did not finish normally, in words, or null. */
  stopped: string | null;
}

function stopReason(parsed: ParsedChecks, exit: RunExit | undefined, sandbox: Sandbox): string | null {
  if (exit?.limit) return limitMessage(exit.limit);
  if (exit?.timedOut) return `The checks were stopped after ${Math.round(sandbox.timeoutMs / 100) / 10} s (the sandbox's time limit). Look for a loop that never ends or a server or timer that is never closed.`;
  if (exit?.killed) return 'The run was stopped before the checks finished.';
  if (!parsed.complete) return 'The checks ended before reporting all their results (see the output).';
  return null;
}

export function buildChecklist(parsed: ParsedChecks, sandbox: Sandbox, exit?: RunExit): Checklist {
  const hints = new Map(sandbox.checks.map((c) => [c.name, c.hint]));
  const stopped = stopReason(parsed, exit, sandbox);
  const items: ChecklistItem[] = parsed.tests.map((t) => ({
    name: t.name,
    ok: t.ok,
    status: t.ok ? 'passed' : 'failed',
    message: t.ok ? null : t.message,
    hint: t.ok ? null : (hints.get(t.name) ?? null),
    kind: t.kind,
    ...(t.file === undefined ? {} : { file: t.file }),
  }));
  const reported = new Set(parsed.tests.map((t) => t.name));
  const fileFailure = parsed.tests.find((t) => t.kind === 'file' && !t.ok);
  for (const { name: check, hint } of sandbox.checks) {
    if (reported.has(check)) continue;
    const why = stopped ?? (fileFailure ? `${fileFailure.name} could not run: ${fileFailure.message ?? 'it failed to load'}` : 'This check did not report a result.');
    items.push({ name: check, ok: false, status: 'not-run', message: `Did not run. ${why}`, hint, kind: 'test' });
  }
  const passed = items.filter((i) => i.ok).length;
  const failed = items.length - passed;
  const cleanExit = exit === undefined || (exit.exitCode === 0 && !exit.killed);
  return {
    sandbox: sandbox.id,
    items,
    passed,
    failed,
    allPassed: failed === 0 && passed > 0 && parsed.complete && cleanExit,
    stopped,
  };
}
