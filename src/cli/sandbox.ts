/**
 * `npm run sandbox -- init <sandbox-id> <dir>`
 * Copies a sandbox's starter, checks and scripts into <dir> so the learner can work in their own
 * editor. Refuses a folder that is not empty. Exit 0 done, 2 bad usage, unknown sandbox or a
 * non-empty folder.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { learnerFileMatcher } from '../sandbox/files';
import { loadSandbox, sandboxDir } from '../server/sandbox-disk';
import { reportSandboxError, runMain, sandboxesRoot } from './shared';
import { linkDependencies, writeWorkspace } from '../server/task-runner';

const USAGE = `Usage: npm run sandbox -- init <sandbox-id> <dir>

  init <sandbox-id> <dir>   copy the sandbox's starter files, checks and demo scripts into <dir>
                            (a new or empty folder) to work in your own editor`;

const userCwd = process.env.INIT_CWD ?? process.cwd();

async function emptyOrMissing(dir: string): Promise<'missing' | 'empty' | 'not-empty' | 'not-a-folder'> {
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) return 'not-a-folder';
  } catch {
    return 'missing';
  }
  return (await readdir(dir)).length === 0 ? 'empty' : 'not-empty';
}

async function init(id: string, target: string): Promise<number> {
  const sandboxesDir = sandboxesRoot();
  const source = await loadSandbox(sandboxDir(sandboxesDir, id));
  const dir = resolve(userCwd, target);
  const state = await emptyOrMissing(dir);
  if (state === 'not-a-folder') {
    console.error(`${dir} is a file, not a folder. Pick a new folder name.`);
    return 2;
  }
  if (state === 'not-empty') {
    console.error(`${dir} is not empty; refusing to write over it. Pick a new or empty folder.`);
    return 2;
  }
  await mkdir(dir, { recursive: true });
  await writeWorkspace(dir, { ...source.starter, ...source.checks, ...source.scripts });
  // A sandbox that declares a package (a real database) gets a link to the course's own copy, so
  // its checks and demos import it from this folder as they do in a run.
  const packages = source.dependencies ?? [];
  await linkDependencies(dir, packages);

  const { manifest } = source;
  const isLearner = learnerFileMatcher(manifest.files);
  const editable = Object.keys(source.starter).filter(isLearner);
  const shown = relative(userCwd, dir) || '.';
  console.log(`Created ${shown} with the "${manifest.title}" sandbox.

  Your files:   ${editable.join(', ')}
  Checks:       ${manifest.checkFiles.join(', ')} (read-only)${manifest.demos.length ? `\n  Demos:        ${manifest.demos.map((d) => `node ${d.script}`).join(', ')}` : ''}${packages.length ? `\n  Packages:     ${packages.map((d) => `node_modules/${d.name}`).join(', ')} (a link to the course's copy)` : ''}

Next steps:
  1. Open ${shown} in your editor and work on ${editable.join(', ')}.
  2. Run the checks with hints, from the Blast Radius folder:
       npm run check -- ${manifest.id} --dir ${dir}
     or with plain Node, inside ${shown}:
       node --test ${manifest.checkFiles.join(' ')}`);
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'init') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.length !== 2 || rest.some((a) => a.startsWith('-'))) {
    console.error(`init needs exactly a sandbox id and a folder.\n\n${USAGE}`);
    return 2;
  }
  try {
    return await init(rest[0]!, rest[1]!);
  } catch (error) {
    return reportSandboxError(error);
  }
}

runMain(main, 1);
