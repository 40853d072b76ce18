/**
 * Runs one task (checks or a demo) on this machine: a fresh temporary folder per run, the
 * machine's own Node confined to that folder (confine.ts), a scrubbed environment, resource
 * limits, a time limit that kills the whole process tree, an output cap, and the folder removed
 * afterwards whatever happened. Shared by the local runner and the CLI, so `npm run check`
 * behaves exactly like the site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { unsafePathReason, type FileMap } from '../sandbox/files';
import { buildWorkspace, type SandboxDependency, type SandboxSource } from '../sandbox/checks/workspace';
import { SYNTAX_REPORT_PATH } from '../sandbox/checks/reporter';
import { OutputCap } from '../sandbox/output-cap';
import { RunSlot, RuntimeError, failedRun, taskArgs, type OutputStream, type RunExit, type RunHandle, type Task } from '../sandbox/runtime';
import { ACCESS_DENIED_NOTICE, DEFAULT_RESOURCE_LIMITS, limitFromExit, limitMessage, type LimitHit, type ResourceLimits } from '../sandbox/limits';
import { ConfinementError, confinedCommand } from './confine';
import { CLUSTER_ENV, pgliteCluster } from './pglite-cluster';
import { killTree } from './process-tree';
import { scrubbedEnv } from './scrubbed-env';

export interface PreparedRun {
  workspace: FileMap;
  args: string[];
  nodeEnv: 'test' | 'development';
  /** Checks run with `node --test` in one process (the permission model denies the per-file processes). */
  inProcessTests: boolean;
  /** Packages the sandbox declared under `dependencies`: linked into the workspace, readable, never writable. */
  dependencies: SandboxDependency[];
  /** Learner files to parse with `node --check` before checks run (see SYNTAX_REPORT_PATH). */
  syntaxCheck: string[];
}

/** Validates the learner's files and the task and builds what to run; throws before anything touches the disk. */
export function prepareRun(source: SandboxSource, learnerFiles: FileMap, task: Task): PreparedRun {
  const args = taskArgs(task, source.manifest);
  return {
    workspace: buildWorkspace(source, learnerFiles),
    args,
    nodeEnv: task.kind === 'checks' ? 'test' : 'development',
    inProcessTests: task.kind === 'checks',
    dependencies: source.dependencies ?? [],
    syntaxCheck: task.kind === 'checks' ? Object.keys(learnerFiles).filter((p) => /\.[cm]?js$/.test(p)).sort() : [],
  };
}

export interface TaskLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

export interface StartTaskOptions {
  prepared: PreparedRun;
  limits: TaskLimits;
  /** The Node that runs sandboxes; defaults to the one running this server. */
  nodePath?: string;
  /** Where per-run folders are created; defaults to the OS temp folder. */
  tmpRoot?: string;
  onOutput?: (chunk: string, stream: OutputStream) => void;
  signal?: AbortSignal;
  /** Memory, CPU, file and disk limits (defaults: DEFAULT_RESOURCE_LIMITS). */
  resources?: ResourceLimits;
}

/** How long to wait for the output pipes after the main process exits (a stray holder is killed anyway). */
const PIPE_DRAIN_MS = 500;
/** How often the run's folder is measured against the disk limit. */
const DISK_CHECK_MS = 1000;
/** Output kept to tell how a run ended (an out-of-memory message is short and comes last). */
const TAIL_CHARS = 4096;

/** Whether `dir` holds more than the limits allow; stops counting as soon as it does. */
export async function overDiskLimit(dir: string, limits: Pick<ResourceLimits, 'diskMb' | 'diskEntries'>): Promise<boolean> {
  let entries = 0;
  let bytes = 0;
  const maxBytes = limits.diskMb * 1024 * 1024;
  const walk = async (path: string): Promise<boolean> => {
    let names;
    try {
      names = await readdir(path, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of names) {
      entries++;
      if (entries > limits.diskEntries) return true;
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (await walk(child)) return true;
      } else {
        bytes += await lstat(child).then((st) => st.size, () => 0);
        if (bytes > maxBytes) return true;
      }
    }
    return false;
  };
  return walk(dir);
}

/** Writes the workspace into `workDir`, refusing anything that would land outside it. */
export async function writeWorkspace(workDir: string, files: FileMap): Promise<void> {
  const root = resolve(workDir);
  for (const path of Object.keys(files).sort()) {
    const unsafe = unsafePathReason(path);
    if (unsafe) throw new RuntimeError('bad-request', `Refused "${path}": ${unsafe}.`);
    const abs = resolve(root, path);
    if (!abs.startsWith(root + sep)) throw new RuntimeError('bad-request', `Refused "${path}": it would be written outside the workspace.`);
    await mkdir(dirname(abs), { recursive: true });
    // "wx": never follow or overwrite something already there (the folder is fresh, so nothing should be).
    await writeFile(abs, files[path]!, { flag: 'wx' });
  }
}

/**
 * node_modules/<name> -> the project's installed package, for each declared dependency, so the
 * learner's `import '@electric-sql/pglite'` resolves as in any project; the permission model lets
 * the run read that folder and nothing else outside its own.
 */
export async function linkDependencies(workDir: string, dependencies: SandboxDependency[]): Promise<void> {
  for (const { name, dir } of dependencies) {
    const link = join(workDir, 'node_modules', ...name.split('/'));
    await mkdir(dirname(link), { recursive: true });
    await symlink(dir, link, process.platform === 'win32' ? 'junction' : 'dir');
  }
}

/**
 * `node --check` on each learner file, confined like the run itself; the output of those that do
 * not parse, for the reporter (an in-process import error has no file or line of its own).
 */
async function syntaxReport(nodePath: string, runRoot: string, workDir: string, files: string[]): Promise<string> {
  const reports = await Promise.all(
    files.map(
      (file) =>
        new Promise<string>((resolveReport) => {
          const command = confinedCommand({ nodePath, runRoot, taskArgs: ['--check', file], inProcessTests: false });
          const proc = spawn(command.command, command.args, { cwd: workDir, env: scrubbedEnv(runRoot, nodePath, 'test'), stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          proc.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(0, 16_384)));
          const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          proc.on('error', () => resolveReport(''));
          proc.on('close', (code) => {
            clearTimeout(timer);
            resolveReport(code === 0 ? '' : err);
          });
        }),
    ),
  );
  return reports.filter((r) => r !== '').join('\n');
}

export function startTask(options: StartTaskOptions): RunHandle {
  const nodePath = options.nodePath ?? process.execPath;
  const startedAt = performance.now();
  const resources = options.resources ?? DEFAULT_RESOURCE_LIMITS;
  let child: ChildProcess | null = null;
  let stopReason: 'killed' | 'timeout' | 'disk' | null = null;
  let limit: LimitHit | null = null;

  const stop = (reason: 'killed' | 'timeout' | 'disk') => {
    stopReason ??= reason;
    if (child) killTree(child);
  };
  const emit = (chunk: string, stream: OutputStream) => {
    if (chunk === '') return;
    try {
      options.onOutput?.(chunk, stream);
    } catch {
      // A listener that went away (closed connection) must not break the run's cleanup.
    }
  };
  const result = (exitCode: number | null, truncated: boolean): RunExit => ({
    exitCode: stopReason ? null : exitCode,
    timedOut: stopReason === 'timeout',
    truncated,
    durationMs: Math.round(performance.now() - startedAt),
    killed: stopReason !== null,
    ...(limit ? { limit } : {}),
  });

  const exit = (async (): Promise<RunExit> => {
    const runRoot = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'blast-run-'));
    try {
      const workDir = join(runRoot, 'work');
      await mkdir(join(runRoot, 'home'));
      await mkdir(join(runRoot, 'tmp'));
      await writeWorkspace(workDir, options.prepared.workspace);
      await linkDependencies(workDir, options.prepared.dependencies);
      const cluster = await pgliteCluster(options.prepared.dependencies, { nodePath });
      if (stopReason) return result(null, false);
      let command;
      try {
        command = confinedCommand({
          nodePath,
          runRoot,
          taskArgs: options.prepared.args,
          readOnlyPaths: [...options.prepared.dependencies.map((d) => d.dir), ...(cluster ? [cluster] : [])],
          limits: resources,
          inProcessTests: options.prepared.inProcessTests,
        });
      } catch (error) {
        if (error instanceof ConfinementError) throw new RuntimeError('unavailable', error.message);
        throw error;
      }
      if (options.prepared.syntaxCheck.length > 0) {
        const report = await syntaxReport(nodePath, runRoot, workDir, options.prepared.syntaxCheck);
        if (report) await writeFile(join(workDir, SYNTAX_REPORT_PATH), report);
        if (stopReason) return result(null, false);
      }
      return await new Promise<RunExit>((resolvePromise, rejectPromise) => {
        const cap = new OutputCap(options.limits.maxOutputBytes);
        const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
        let settled = false;
        let drainTimer: ReturnType<typeof setTimeout> | undefined;
        let tail = '';
        let deniedSeen = false;
        let exitSignal: NodeJS.Signals | null = null;
        const proc = spawn(command.command, command.args, {
          cwd: workDir,
          env: scrubbedEnv(runRoot, nodePath, options.prepared.nodeEnv, cluster ? { [CLUSTER_ENV]: cluster } : {}),
          detached: process.platform !== 'win32',
          stdio: ['ignore', 'pipe', 'pipe'],
          windowsHide: true,
        });
        child = proc;
        const timer = setTimeout(() => stop('timeout'), options.limits.timeoutMs);
        let diskBusy = false;
        const diskTimer = setInterval(() => {
          if (diskBusy) return;
          diskBusy = true;
          void overDiskLimit(runRoot, resources)
            .then((over) => {
              if (over && !stopReason) {
                limit = 'disk';
                stop('disk');
              }
            })
            .finally(() => (diskBusy = false));
        }, DISK_CHECK_MS);
        const finish = (exitCode: number | null, error?: Error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearTimeout(drainTimer);
          clearInterval(diskTimer);
          for (const stream of ['stdout', 'stderr'] as const) if (!cap.truncated) emit(decoders[stream].decode(), stream);
          if (error) {
            rejectPromise(new RuntimeError('unavailable', `Could not start ${nodePath}: ${error.message}`));
            return;
          }
          limit ??= stopReason === 'killed' || stopReason === 'timeout' ? null : limitFromExit(exitSignal, exitCode, tail);
          if (deniedSeen) emit(`\n${ACCESS_DENIED_NOTICE}\n`, 'stderr');
          if (limit) emit(`\n${limitMessage(limit, resources)}\n`, 'stderr');
          resolvePromise(result(exitCode, cap.truncated));
        };
        const onData = (stream: OutputStream) => (buf: Buffer) => {
          const taken = cap.takeBytes(buf);
          if (!taken) return;
          const text = decoders[stream].decode(taken.bytes, { stream: true });
          tail = (tail + text).slice(-TAIL_CHARS);
          deniedSeen ||= tail.includes('ERR_ACCESS_DENIED');
          emit(text, stream);
          if (taken.notice) emit(decoders[stream].decode() + taken.notice, stream);
        };
        proc.stdout!.on('data', onData('stdout'));
        proc.stderr!.on('data', onData('stderr'));
        proc.on('error', (error) => finish(null, error));
        proc.on('exit', (_code, signal) => {
          exitSignal = signal;
          // Sweep anything the run left behind (a server a check forgot to close).
          killTree(proc);
          drainTimer = setTimeout(() => {
            proc.stdout?.destroy();
            proc.stderr?.destroy();
            finish(proc.exitCode);
          }, PIPE_DRAIN_MS);
        });
        proc.on('close', (code) => finish(code));
        if (stopReason) killTree(proc);
      });
    } finally {
      child = null;
      await rm(runRoot, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) => {
        console.warn(`Blast Radius: could not remove the run folder ${runRoot}: ${(error as Error).message}`);
      });
    }
  })();

  const handle: RunHandle = { exit, kill: () => stop('killed') };
  if (options.signal) new RunSlot().adopt(handle, options.signal);
  return handle;
}

/** prepareRun + startTask, with preparation errors delivered through `exit` like any other failure. */
export function runTask(source: SandboxSource, learnerFiles: FileMap, task: Task, options: Omit<StartTaskOptions, 'prepared'>): RunHandle {
  let prepared: PreparedRun;
  try {
    prepared = prepareRun(source, learnerFiles, task);
  } catch (error) {
    return failedRun(error);
  }
  return startTask({ ...options, prepared });
}
