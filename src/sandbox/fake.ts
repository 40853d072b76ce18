/**
 * An in-memory runtime for unit tests: no processes, no network. What a run prints and how it ends
 * is decided by a script function of the task and the mounted files, so tests are deterministic.
 * It honours the same contract as the real runtimes (one run at a time, kill, abort, time limit,
 * output cap, read-only files), which test/unit/sandbox checks for every runtime.
 */
import type { Sandbox } from '../schemas/sandbox';
import { learnerPathError, type FileMap } from './files';
import { formatDoneLine, formatResultLine } from './checks/parser';
import { OutputCap, DEFAULT_MAX_OUTPUT_BYTES } from './output-cap';
import {
  ProgressHub,
  RunSlot,
  RuntimeError,
  describeTask,
  failedRun,
  taskArgs,
  type BootOptions,
  type OutputStream,
  type RunExit,
  type RunHandle,
  type RunOptions,
  type RuntimeProgress,
  type SandboxRuntime,
  type Task,
} from './runtime';

export interface FakeRunPlan {
  output?: { stream?: OutputStream; data: string }[];
  /** Exit code when the run ends by itself (default 0). */
  exitCode?: number;
  /** Never ends by itself: only kill, abort, a newer run, teardown or the time limit stop it. */
  hang?: boolean;
}

export type FakeScript = (task: Task, workspace: Readonly<FileMap>, sandbox: Sandbox) => FakeRunPlan;

export interface FakeRuntimeOptions {
  script: FakeScript;
  /** Boot fails with this error (models a blocked WebContainer or a missing local runner). */
  bootError?: RuntimeError;
  /** Overrides the sandbox's time limit so tests need not wait long. */
  timeoutMs?: number;
  maxOutputBytes?: number;
  now?: () => number;
}

/** A plan that prints check results the way the real reporter does. */
export function checksPlan(results: { name: string; ok: boolean; message?: string | null }[]): FakeRunPlan {
  const output = results.map((r) => ({
    data: `${r.ok ? '✓' : '✗'} ${r.name}\n${formatResultLine({ name: r.name, ok: r.ok, message: r.ok ? null : (r.message ?? 'failed') })}`,
  }));
  const passed = results.filter((r) => r.ok).length;
  output.push({ data: formatDoneLine(passed, results.length - passed) });
  return { output, exitCode: passed === results.length ? 0 : 1 };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class FakeRuntime implements SandboxRuntime {
  readonly kind = 'fake' as const;
  readonly #options: FakeRuntimeOptions;
  readonly #progress = new ProgressHub();
  readonly #slot = new RunSlot();
  #booted: Promise<void> | null = null;
  #tornDown = false;
  #workspace: FileMap | null = null;
  #sandbox: Sandbox | null = null;
  /** Every task started, in order (tests assert on it). */
  readonly started: Task[] = [];

  constructor(options: FakeRuntimeOptions) {
    this.#options = options;
  }

  onProgress(listener: (progress: RuntimeProgress) => void): () => void {
    return this.#progress.subscribe(listener);
  }

  boot(options: BootOptions = {}): Promise<void> {
    if (this.#tornDown) return Promise.reject(new RuntimeError('torn-down', 'This runtime was torn down; create a new one.'));
    this.#booted ??= (async () => {
      this.#progress.emit('booting', 'Starting the fake runtime');
      await tick();
      if (options.signal?.aborted) throw new RuntimeError('unavailable', 'Boot was cancelled.');
      if (this.#options.bootError) {
        this.#progress.emit('failed', this.#options.bootError.message);
        throw this.#options.bootError;
      }
      this.#progress.emit('ready', 'Fake runtime ready');
    })();
    const booting = this.#booted;
    booting.catch(() => {
      if (this.#booted === booting) this.#booted = null;
    });
    return booting;
  }

  async mount(files: FileMap, sandbox: Sandbox): Promise<void> {
    await this.boot();
    this.#slot.killActive();
    this.#progress.emit('mounting', `Mounting ${Object.keys(files).length} files`);
    await tick();
    this.#workspace = { ...files };
    this.#sandbox = sandbox;
    this.#progress.emit('idle', 'Files mounted');
  }

  async writeFile(path: string, content: string): Promise<void> {
    if (this.#tornDown) throw new RuntimeError('torn-down', 'This runtime was torn down; create a new one.');
    if (!this.#workspace || !this.#sandbox) throw new RuntimeError('not-mounted', 'Mount a sandbox before writing files.');
    const refused = learnerPathError(path, this.#sandbox.files);
    if (refused) throw new RuntimeError('read-only', `Cannot write "${path}": ${refused}.`);
    this.#workspace[path] = content;
  }

  /** The mounted files as they are now (tests inspect it). */
  get workspace(): Readonly<FileMap> | null {
    return this.#workspace;
  }

  run(task: Task, options: RunOptions = {}): RunHandle {
    if (this.#tornDown) return failedRun(new RuntimeError('torn-down', 'This runtime was torn down; create a new one.'));
    const workspace = this.#workspace;
    const sandbox = this.#sandbox;
    if (!workspace || !sandbox) return failedRun(new RuntimeError('not-mounted', 'Mount a sandbox before running anything.'));
    try {
      taskArgs(task, sandbox); // the same task validation as the real runtimes
    } catch (error) {
      return failedRun(error);
    }
    this.started.push(task);
    const plan = this.#options.script(task, { ...workspace }, sandbox);
    const now = this.#options.now ?? (() => performance.now());
    const startedAt = now();
    const cap = new OutputCap(this.#options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    const timeoutMs = this.#options.timeoutMs ?? sandbox.timeoutMs;
    let stop: ((reason: 'killed' | 'timeout') => void) | null = null;
    const stopped = new Promise<'killed' | 'timeout'>((resolve) => (stop = resolve));
    const timer = setTimeout(() => stop?.('timeout'), timeoutMs);

    const exit = (async (): Promise<RunExit> => {
      let reason: 'killed' | 'timeout' | null = null;
      stopped.then((r) => (reason ??= r));
      this.#progress.emit('running', `Running ${describeTask(task)}`);
      await tick();
      for (const { stream = 'stdout', data } of plan.output ?? []) {
        if (reason) break;
        const shown = cap.takeText(data);
        if (shown === null) continue; // dropped past the cap: nothing to wait for
        options.onOutput?.(shown, stream);
        await tick();
      }
      if (!reason && plan.hang) reason = await stopped;
      clearTimeout(timer);
      this.#progress.emit('idle', 'Run finished');
      return {
        exitCode: reason ? null : (plan.exitCode ?? 0),
        timedOut: reason === 'timeout',
        truncated: cap.truncated,
        durationMs: now() - startedAt,
        killed: reason !== null,
      };
    })();
    return this.#slot.adopt({ exit, kill: () => stop?.('killed') }, options.signal);
  }

  async teardown(): Promise<void> {
    this.#tornDown = true;
    const active = this.#slot.active;
    this.#slot.killActive();
    await active?.exit.catch(() => undefined);
    this.#workspace = null;
    this.#sandbox = null;
  }
}
