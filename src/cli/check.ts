/**
 * `npm run check -- <sandbox-id> [--dir <path>] [--json]`
 * Runs a sandbox's checks against the learner files in <path> (default: the starter) with the same
 * runner and reporter as the site. Exit 0 all pass, 1 any fail, 2 bad usage or a broken sandbox.
 */
import { resolve, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChecklistItem } from '../sandbox/checks/checklist';
import { runChecks } from '../server/check-run';
import { loadSandbox, readLearnerDir, sandboxDir } from '../server/sandbox-disk';
import { reportSandboxError, runMain, sandboxesRoot } from './shared';

const USAGE = `Usage: npm run check -- <sandbox-id> [--dir <path>] [--json]

  <sandbox-id>   a folder under sandboxes/, e.g. idempotency
  --dir <path>   the folder with your files (default: the sandbox's starter/)
  --json         print { sandbox, passed, failed, tests: [{ name, ok, message }] } instead of a checklist

Exit status: 0 all checks pass, 1 some fail, 2 bad usage or a broken sandbox.`;

/** `npm run` moves to the package folder; INIT_CWD is where the learner typed the command. */
const userCwd = process.env.INIT_CWD ?? process.cwd();

class UsageError extends Error {}

function parse(argv: string[]): { id: string; dir: string | undefined; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dir: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (parsed.positionals.length === 0) throw new UsageError('Name the sandbox to check.');
  if (parsed.positionals.length > 1) throw new UsageError(`Expected one sandbox id, got: ${parsed.positionals.join(' ')}.`);
  if (parsed.values.dir === '') throw new UsageError('--dir needs a folder.');
  return { id: parsed.positionals[0]!, dir: parsed.values.dir, json: parsed.values.json };
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : by + line))
    .join('\n');
}

function printItem(item: ChecklistItem): void {
  const mark = item.ok ? paint('32', '✓') : paint('31', '✗');
  const tag = item.status === 'not-run' ? paint('2', ' (did not run)') : '';
  console.log(`  ${mark} ${item.name}${tag}`);
  if (!item.ok && item.message) console.log(indent(item.message, '      '));
  if (!item.ok && item.hint) console.log(`      ${paint('36', 'Hint:')} ${item.hint}`);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const sandboxesDir = sandboxesRoot();
  try {
    const source = await loadSandbox(sandboxDir(sandboxesDir, args.id));
    const dir = args.dir === undefined ? join(sandboxDir(sandboxesDir, args.id), 'starter') : resolve(userCwd, args.dir);
    const files = await readLearnerDir(dir, source.manifest);
    const run = await runChecks(source, files);
    const { checklist } = run;
    if (args.json) {
      const tests = checklist.items.map((i) => ({ name: i.name, ok: i.ok, message: i.message }));
      console.log(JSON.stringify({ sandbox: source.manifest.id, passed: checklist.passed, failed: checklist.failed, tests }, null, 2));
    } else {
      const shown = relative(userCwd, dir) || '.';
      console.log(`${paint('1', source.manifest.title)} (${source.manifest.id}), checking ${shown}\n`);
      for (const item of checklist.items) printItem(item);
      if (checklist.stopped) console.log(`\n${paint('33', checklist.stopped)}`);
      const total = checklist.items.length;
      console.log(`\n${checklist.allPassed ? paint('32', `All ${total} checks pass.`) : `${checklist.passed} of ${total} checks pass.`}`);
    }
    if (checklist.items.length === 0) {
      console.error(`The checks reported nothing. Their output:\n${run.display}`);
      return 2;
    }
    return checklist.allPassed ? 0 : 1;
  } catch (error) {
    return reportSandboxError(error);
  }
}

runMain(main, 2);
