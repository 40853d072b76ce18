/**
 * Runs one task (checks or a demo) on this machine: a fresh temporary folder per run, the
 * machine's own Node, a scrubbed environment, a time limit that kills the whole process tree, an
 * output cap, and the folder removed afterwards whatever happened. Shared by the local runner and
 * the CLI, so `npm run check` behaves exactly like the site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { unsafePathReason, type FileMap } from '../sandbox/files';
import { buildWorkspace, type SandboxSource } from '../sandbox/checks/workspace';
import { OutputCap } from '../sandbox/output-cap';
import { RunSlot, RuntimeError, failedRun, taskArgs, type OutputStream, type RunExit, type RunHandle, type Task } from '../sandbox/runtime';
import { killTree } from './process-tree';
import { scrubbedEnv } from './scrubbed-env';

export interface PreparedRun {
  workspace: FileMap;
  args: string[];
  nodeEnv: 'test' | 'development';
}

/** Validates the learner's files and the task and builds what to run; throws before anything touches the disk. */
export function prepareRun(source: SandboxSource, learnerFiles: FileMap, task: Task): PreparedRun {
  const args = taskArgs(task, source.manifest);
  return { workspace: buildWorkspace(source, learnerFiles), args, nodeEnv: task.kind === 'checks' ? 'test' : 'development' };
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
}

/** How long to wait for the output pipes after the main process exits (a stray holder is killed anyway). */
const PIPE_DRAIN_MS = 500;

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

export function startTask(options: StartTaskOptions): RunHandle {
  const nodePath = options.nodePath ?? process.execPath;
  const startedAt = performance.now();
  let child: ChildProcess | null = null;
  let stopReason: 'killed' | 'timeout' | null = null;

  const stop = (reason: 'killed' | 'timeout') => {
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
  });

  const exit = (async (): Promise<RunExit> => {
    const runRoot = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'blast-run-'));
    try {
      const workDir = join(runRoot, 'work');
      await mkdir(join(runRoot, 'home'));
      await mkdir(join(runRoot, 'tmp'));
      await writeWorkspace(workDir, options.prepared.workspace);
      if (stopReason) return result(null, false);
      return await new Promise<RunExit>((resolvePromise, rejectPromise) => {
        const cap = new OutputCap(options.limits.maxOutputBytes);
        const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
        let settled = false;
        let drainTimer: ReturnType<typeof setTimeout> | undefined;
        const proc = spawn(nodePath, options.prepared.args, {
          cwd: workDir,
          env: scrubbedEnv(runRoot, nodePath, options.prepared.nodeEnv),
          detached: process.platform !== 'win32',
          stdio: ['ignore', 'pipe', 'pipe'],
          windowsHide: true,
        });
        child = proc;
        const timer = setTimeout(() => stop('timeout'), options.limits.timeoutMs);
        const finish = (exitCode: number | null, error?: Error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearTimeout(drainTimer);
          for (const stream of ['stdout', 'stderr'] as const) if (!cap.truncated) emit(decoders[stream].decode(), stream);
          if (error) rejectPromise(new RuntimeError('unavailable', `Could not start ${nodePath}: ${error.message}`));
          else resolvePromise(result(exitCode, cap.truncated));
        };
        const onData = (stream: OutputStream) => (buf: Buffer) => {
          const taken = cap.takeBytes(buf);
          if (!taken) return;
          emit(decoders[stream].decode(taken.bytes, { stream: true }), stream);
          if (taken.notice) emit(decoders[stream].decode() + taken.notice, stream);
        };
        proc.stdout!.on('data', onData('stdout'));
        proc.stderr!.on('data', onData('stderr'));
        proc.on('error', (error) => finish(null, error));
        proc.on('exit', () => {
          // Sweep anything the run left behind (a server a check forgot to close, a grandchild).
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
