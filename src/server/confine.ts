/**
 * What the local runner lets learner code do, and how: every run is `node` under Node's
 * permission model (read and write only the run's own folder; no child processes, worker threads,
 * native addons, WASI or inspector), wrapped in OS resource limits where the OS has them (CPU
 * seconds, data memory, file size, open files), plus V8's own heap limit.
 *
 * Why the permission model and not only a process-group kill: a child that calls setsid() or
 * detaches leaves the group and outlives any kill we send. With child processes denied, there is
 * no such child to begin with, on every OS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { DEFAULT_RESOURCE_LIMITS, type ResourceLimits } from '../sandbox/limits';
import { GUARD_PATH } from '../sandbox/checks/reporter';

/** The flags one Node binary understands; Node renamed both between 22.12 and 23.x. */
export interface NodeConfinement {
  /** `--permission` (22.13+ / 23.5+) or `--experimental-permission` (older). */
  permissionFlag: string;
  /** `--test-isolation` (23.6+ / 22.14+) or `--experimental-test-isolation` (22.8+). */
  isolationFlag: string;
  /** Node prints an ExperimentalWarning for the older permission flag; learners need not see it. */
  quietExperimental: boolean;
}

export class ConfinementError extends Error {
  override readonly name = 'ConfinementError';
}

const detected = new Map<string, NodeConfinement>();

function accepts(nodePath: string, args: string[]): boolean {
  const r = spawnSync(nodePath, args, { stdio: 'ignore', timeout: 15_000, env: { PATH: process.env.PATH ?? '' } });
  return r.status === 0;
}

/** Asks `nodePath` which flags it takes (once per binary). Throws when it cannot confine code at all. */
export function detectConfinement(nodePath: string): NodeConfinement {
  const known = detected.get(nodePath);
  if (known) return known;
  const probe = spawnSync(nodePath, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (probe.error) throw new ConfinementError(`Could not start ${nodePath}: ${probe.error.message}`);
  const permissionFlag = accepts(nodePath, ['--permission', '-e', '0'])
    ? '--permission'
    : accepts(nodePath, ['--experimental-permission', '-e', '0'])
      ? '--experimental-permission'
      : null;
  const isolationFlag = accepts(nodePath, ['--test-isolation=none', '-e', '0'])
    ? '--test-isolation'
    : accepts(nodePath, ['--experimental-test-isolation=none', '-e', '0'])
      ? '--experimental-test-isolation'
      : null;
  if (!permissionFlag || !isolationFlag) {
    const version = probe.stdout.trim() || 'unknown';
    throw new ConfinementError(
      `The Node at ${nodePath} (${version}) cannot confine sandbox code: it lacks ${!permissionFlag ? 'the permission model' : 'in-process test isolation'}. Install Node 22.12 or later (24 LTS recommended) and start again.`,
    );
  }
  const found = { permissionFlag, isolationFlag, quietExperimental: permissionFlag === '--experimental-permission' };
  detected.set(nodePath, found);
  return found;
}

export interface ConfinedCommandOptions {
  nodePath: string;
  /** The run's own folder (workspace, home, tmp); the only place it may read or write. */
  runRoot: string;
  /** Arguments after the confinement flags: the task's own (`--test ...` or a script). */
  taskArgs: string[];
  /** Packages the sandbox declared (e.g. PGlite): readable, never writable. */
  readOnlyPaths?: string[];
  limits?: ResourceLimits;
  /** Run `--test` in one process (child processes are denied, so the default per-file processes cannot start). */
  inProcessTests: boolean;
}

export interface ConfinedCommand {
  command: string;
  args: string[];
  /** Whether OS limits apply (POSIX shells with ulimit); false on Windows. */
  osLimits: boolean;
}

const SHELL = '/bin/sh';

/**
 * The command line for one confined run. On POSIX, `/bin/sh -c 'ulimit ...; exec "$0" "$@"'`
 * sets the limits and then becomes node, so the pid we kill is node's own.
 */
export function confinedCommand(options: ConfinedCommandOptions): ConfinedCommand {
  const flags = detectConfinement(options.nodePath);
  const limits = options.limits ?? DEFAULT_RESOURCE_LIMITS;
  // The permission model compares real paths: /tmp may be a link (macOS: /private/tmp).
  const root = realpathSync(options.runRoot);
  const readable = [root, ...(options.readOnlyPaths ?? []).map((p) => realpathSync(p))];
  const nodeArgs = [
    flags.permissionFlag,
    ...readable.map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${root}`,
    ...(flags.quietExperimental ? ['--disable-warning=ExperimentalWarning'] : []),
    `--max-old-space-size=${limits.heapMb}`,
    ...(options.inProcessTests ? [`${flags.isolationFlag}=none`, `--import=./${GUARD_PATH}`] : []),
    ...options.taskArgs,
  ];
  if (process.platform === 'win32' || !existsSync(SHELL)) return { command: options.nodePath, args: nodeArgs, osLimits: false };
  // Soft limits first: a hard limit below the current soft one is refused (EINVAL).
  const kb = (mb: number) => mb * 1024;
  const script = [
    `ulimit -S -t ${limits.cpuSeconds}`,
    `ulimit -H -t ${limits.cpuSeconds + 1}`,
    `ulimit -d ${kb(limits.dataMb)}`,
    // -f counts 512-byte blocks in POSIX shells.
    `ulimit -f ${limits.fileMb * 2048}`,
    `ulimit -n ${limits.openFiles}`,
    // The shell exports PWD; the run's environment is exactly what scrubbedEnv built.
    'unset PWD OLDPWD',
    'exec "$0" "$@"',
  ].join(' && ');
  return { command: SHELL, args: ['-c', script, options.nodePath, ...nodeArgs], osLimits: true };
}

