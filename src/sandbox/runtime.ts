/**
 * One interface for every place a sandbox can run: WebContainer in the browser, the local runner
 * (`npm start`), and the in-memory fake used by unit tests. UI-free, so the CLI and tests share it.
 */
import { z } from 'zod';
import type { Sandbox } from '../schemas/sandbox';
import { kebabId } from '../schemas/common';
import type { FileMap } from './files';
import { REPORTER_PATH } from './checks/reporter';
import type { LimitHit } from './limits';

/**
 * What to run. Never a command line: the page can only ask for the sandbox's own checks or one
 * of its listed demos, so nothing the browser sends can choose the program or its arguments.
 */
export type Task = { kind: 'checks' } | { kind: 'demo'; id: string };

export const taskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checks') }).strict(),
  z.object({ kind: z.literal('demo'), id: kebabId('a demo id is lowercase kebab-case') }).strict(),
]);

export type OutputStream = 'stdout' | 'stderr';

export interface RunExit {
  /** The process's exit code; null when it was stopped by a signal (killed, timed out). */
  exitCode: number | null;
  /** The run hit the sandbox's time limit and its whole process tree was killed. */
  timedOut: boolean;
  /** Output went past the cap; the rest was dropped and a notice was written in its place. */
  truncated: boolean;
  durationMs: number;
  /** The run was stopped before it finished: kill(), its AbortSignal, a newer run, teardown or the time limit. */
  killed: boolean;
  /** A resource limit of the local runner ended the run (memory, CPU time, file size, disk); absent otherwise. */
  limit?: LimitHit;
}

export interface RunOptions {
  /** Output as it arrives, already decoded as UTF-8, in order. */
  onOutput?: (chunk: string, stream: OutputStream) => void;
  /** Aborting kills the run; its exit then resolves with killed: true. */
  signal?: AbortSignal;
}

export interface RunHandle {
  /**
   * Settles once the run is over and its files are cleaned up. Resolves for every run that
   * started (failing checks included); rejects with a RuntimeError when it could not start or
   * the runtime itself failed (runner unreachable, busy, refused).
   */
  readonly exit: Promise<RunExit>;
  /** Stops the run and everything it started. Safe to call more than once or after exit. */
  kill(): void;
}

export type RuntimePhase = 'booting' | 'ready' | 'mounting' | 'running' | 'idle' | 'failed';

export interface RuntimeProgress {
  phase: RuntimePhase;
  /** One line a person can read ("Starting the local runner", "Running checks"). */
  message: string;
}

export interface BootOptions {
  signal?: AbortSignal;
}

export interface SandboxRuntime {
  readonly kind: 'webcontainer' | 'local' | 'fake';
  /** Subscribes to boot/mount/run progress; returns the unsubscribe function. */
  onProgress(listener: (progress: RuntimeProgress) => void): () => void;
  /** Gets the runtime ready. Idempotent: a second call reuses the first boot. */
  boot(options?: BootOptions): Promise<void>;
  /**
   * Replaces the workspace with `files` (a full workspace map, see checks/workspace.ts) for
   * `sandbox`. Mounting another sandbox later reuses the same runtime (one per page).
   */
  mount(files: FileMap, sandbox: Sandbox): Promise<void>;
  /** Writes one learner-editable file; rejects for anything else (checks, scripts, support files). */
  writeFile(path: string, content: string): Promise<void>;
  /** Starts a task. Any run still going is killed first: a new run always aborts a stale one. */
  run(task: Task, options?: RunOptions): RunHandle;
  /** Kills any run and releases the runtime; later calls reject with code "torn-down". */
  teardown(): Promise<void>;
}

export type RuntimeErrorCode =
  | 'unavailable' // the runtime cannot start here (no local runner, WebContainer blocked)
  | 'forbidden' // the local runner refused the page (origin, host)
  | 'not-connected' // the page has no token for the local runner, or an old one: the learner must open the link
  | 'too-large' // request body over the runner's cap
  | 'busy' // too many runs at once; retryAfterSec says when to try again
  | 'timeout' // the runtime did not answer in time
  | 'bad-request' // the runner rejected the files or the task
  | 'not-mounted'
  | 'torn-down'
  | 'read-only' // writeFile on a file the learner may not edit
  | 'unknown-demo'
  | 'protocol'; // the runner's answer was cut short or malformed

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

/** The arguments to `node` for a task, the same in every runtime. */
export function taskArgs(task: Task, sandbox: Sandbox): string[] {
  if (task.kind === 'checks') return ['--test', `--test-reporter=./${REPORTER_PATH}`, ...sandbox.checkFiles];
  const demo = sandbox.demos.find((d) => d.id === task.id);
  if (!demo) {
    const known = sandbox.demos.map((d) => d.id).join(', ') || 'none';
    throw new RuntimeError('unknown-demo', `Sandbox "${sandbox.id}" has no demo "${task.id}" (its demos: ${known}).`);
  }
  return [demo.script];
}

export function describeTask(task: Task): string {
  return task.kind === 'checks' ? 'checks' : `demo "${task.id}"`;
}

/** A handle for a run that never started; the rejection is pre-handled so nobody sees it unless they await exit. */
export function failedRun(error: unknown): RunHandle {
  const exit = Promise.reject(error);
  exit.catch(() => {});
  return { exit, kill() {} };
}

/** Progress fan-out shared by the runtimes. A throwing listener cannot break a run. */
export class ProgressHub {
  #listeners = new Set<(p: RuntimeProgress) => void>();

  subscribe(listener: (p: RuntimeProgress) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(phase: RuntimePhase, message: string): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener({ phase, message });
      } catch {
        // A broken listener (e.g. an unmounted UI) must not stop the runtime.
      }
    }
  }
}

/**
 * Keeps at most one run alive per runtime: adopting a new run kills the stale one, and an
 * aborted signal kills the run it was given to.
 */
export class RunSlot {
  #current: RunHandle | null = null;

  get active(): RunHandle | null {
    return this.#current;
  }

  adopt(handle: RunHandle, signal?: AbortSignal): RunHandle {
    const stale = this.#current;
    this.#current = handle;
    stale?.kill();
    let detach = () => {};
    if (signal) {
      if (signal.aborted) handle.kill();
      else {
        const onAbort = () => handle.kill();
        signal.addEventListener('abort', onAbort, { once: true });
        detach = () => signal.removeEventListener('abort', onAbort);
      }
    }
    const settle = () => {
      detach();
      if (this.#current === handle) this.#current = null;
    };
    handle.exit.then(settle, settle);
    return handle;
  }

  killActive(): void {
    this.#current?.kill();
  }
}
