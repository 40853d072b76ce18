/**
 * The in-browser runtime: Node in a WebContainer. It needs a cross-origin isolated page, a browser
 * with SharedArrayBuffer, and StackBlitz's hosts at boot. Offline, `WebContainer.boot()` neither
 * resolves nor rejects, so boot is always raced against a timeout and the failure says why.
 */
import type { WebContainer } from '@webcontainer/api';
import type { Sandbox } from '../schemas/sandbox';
import { learnerPathError, type FileMap } from './files';
import { DEFAULT_MAX_OUTPUT_BYTES, OutputCap } from './output-cap';
import {
  ProgressHub,
  RunSlot,
  RuntimeError,
  describeTask,
  failedRun,
  taskArgs,
  type BootOptions,
  type RunExit,
  type RunHandle,
  type RunOptions,
  type RuntimeProgress,
  type SandboxRuntime,
  type Task,
} from './runtime';

export const WEBCONTAINER_BOOT_TIMEOUT_MS = 20_000;

export type WebContainerProblem = 'not-isolated' | 'unsupported-browser' | 'unreachable' | 'failed';

const UNSUPPORTED = 'This browser cannot run WebContainers (it lacks SharedArrayBuffer). Use a recent Chrome, Edge, Firefox or Safari, or the local runner.';

/** Why a WebContainer cannot run on this page before even trying, or null when it may. */
export function webContainerPrecheck(env: { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown }): {
  problem: WebContainerProblem;
  message: string;
} | null {
  // Browsers too old to know about cross-origin isolation cannot run WebContainers at all.
  if (env.crossOriginIsolated === undefined) return { problem: 'unsupported-browser', message: UNSUPPORTED };
  if (!env.crossOriginIsolated) {
    return {
      problem: 'not-isolated',
      message: 'This page is not cross-origin isolated (it needs the COOP and COEP headers), so WebContainers cannot start. Serve the course with `npm start` or `npm run dev`, which send them.',
    };
  }
  if (typeof env.SharedArrayBuffer !== 'function') return { problem: 'unsupported-browser', message: UNSUPPORTED };
  return null;
}

export class WebContainerError extends RuntimeError {
  constructor(
    readonly problem: WebContainerProblem,
    message: string,
  ) {
    super('unavailable', message);
  }
}

/** The WebContainer API allows one instance per page: every runtime object shares it. */
let instance: Promise<WebContainer> | null = null;

function bootOnce(timeoutMs: number): Promise<WebContainer> {
  instance ??= (async () => {
    const { WebContainer } = await import('@webcontainer/api');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new WebContainerError(
              'unreachable',
              `The in-browser runtime did not start within ${Math.round(timeoutMs / 1000)} s. It loads from StackBlitz's servers (stackblitz.com, *.staticblitz.com): you may be offline, or a firewall, proxy or browser extension may block them.`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([WebContainer.boot({ coep: 'require-corp', workdirName: 'blast-radius' }), timeout]);
    } catch (error) {
      if (error instanceof WebContainerError) throw error;
      throw new WebContainerError('failed', `The in-browser runtime failed to start: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  })();
  // A failed boot may be retried (say, after the network comes back).
  instance.catch(() => {
    instance = null;
  });
  return instance;
}

/** FileMap ("lib/a.js" -> text) to the nested tree WebContainer's mount() takes. */
export function toFileSystemTree(files: FileMap): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} }) as { directory: Record<string, unknown> };
      dir = node.directory;
    }
    dir[parts[parts.length - 1]!] = { file: { contents } };
  }
  return root;
}

export interface WebContainerRuntimeOptions {
  bootTimeoutMs?: number;
  maxOutputBytes?: number;
}

export class WebContainerRuntime implements SandboxRuntime {
  readonly kind = 'webcontainer' as const;
  readonly #progress = new ProgressHub();
  readonly #slot = new RunSlot();
  readonly #options: WebContainerRuntimeOptions;
  #container: WebContainer | null = null;
  #sandbox: Sandbox | null = null;
  #cwd: string | null = null;
  #mounts = 0;
  #tornDown = false;

  constructor(options: WebContainerRuntimeOptions = {}) {
    this.#options = options;
  }

  onProgress(listener: (progress: RuntimeProgress) => void): () => void {
    return this.#progress.subscribe(listener);
  }

  async boot(options: BootOptions = {}): Promise<void> {
    if (this.#tornDown) throw new RuntimeError('torn-down', 'This runtime was torn down; create a new one.');
    if (this.#container) return;
    const precheck = webContainerPrecheck(globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown });
    if (precheck) {
      this.#progress.emit('failed', precheck.message);
      throw new WebContainerError(precheck.problem, precheck.message);
    }
    this.#progress.emit('booting', 'Starting Node in your browser (WebContainer)');
    try {
      const booting = bootOnce(this.#options.bootTimeoutMs ?? WEBCONTAINER_BOOT_TIMEOUT_MS);
      const aborted = new Promise<never>((_, reject) => {
        options.signal?.addEventListener('abort', () => reject(new RuntimeError('unavailable', 'Boot was cancelled.')), { once: true });
      });
      this.#container = await Promise.race([booting, aborted]);
    } catch (error) {
      this.#progress.emit('failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
    this.#progress.emit('ready', 'Node is running in your browser');
  }

  async mount(files: FileMap, sandbox: Sandbox): Promise<void> {
    await this.boot();
    this.#slot.killActive();
    this.#progress.emit('mounting', `Copying ${Object.keys(files).length} files into the workspace`);
    // A fresh folder per mount: nothing from another lesson's sandbox can leak into this one.
    const cwd = `${sandbox.id}-${++this.#mounts}`;
    await this.#container!.fs.mkdir(cwd, { recursive: true });
    await this.#container!.mount(toFileSystemTree(files) as Parameters<WebContainer['mount']>[0], { mountPoint: cwd });
    this.#cwd = cwd;
    this.#sandbox = sandbox;
    this.#progress.emit('idle', 'Workspace ready');
  }

  async writeFile(path: string, content: string): Promise<void> {
    if (this.#tornDown) throw new RuntimeError('torn-down', 'This runtime was torn down; create a new one.');
    if (!this.#container || !this.#sandbox || !this.#cwd) throw new RuntimeError('not-mounted', 'Mount a sandbox before writing files.');
    const refused = learnerPathError(path, this.#sandbox.files);
    if (refused) throw new RuntimeError('read-only', `Cannot write "${path}": ${refused}.`);
    const dir = path.split('/').slice(0, -1).join('/');
    if (dir) await this.#container.fs.mkdir(`${this.#cwd}/${dir}`, { recursive: true });
    await this.#container.fs.writeFile(`${this.#cwd}/${path}`, content);
  }

  run(task: Task, options: RunOptions = {}): RunHandle {
    if (this.#tornDown) return failedRun(new RuntimeError('torn-down', 'This runtime was torn down; create a new one.'));
    const container = this.#container;
    const sandbox = this.#sandbox;
    const cwd = this.#cwd;
    if (!container || !sandbox || !cwd) return failedRun(new RuntimeError('not-mounted', 'Mount a sandbox before running anything.'));
    let args: string[];
    try {
      args = taskArgs(task, sandbox);
    } catch (error) {
      return failedRun(error);
    }
    const cap = new OutputCap(this.#options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    let stopReason: 'killed' | 'timeout' | null = null;
    let stopProcess = () => {};
    const stop = (reason: 'killed' | 'timeout') => {
      stopReason ??= reason;
      stopProcess();
    };
    const startedAt = performance.now();
    const exit = (async (): Promise<RunExit> => {
      this.#progress.emit('running', `Running ${describeTask(task)}`);
      const process = await container.spawn('node', args, { cwd, env: { NODE_ENV: 'test' } });
      stopProcess = () => process.kill();
      if (stopReason) process.kill();
      const timer = setTimeout(() => stop('timeout'), sandbox.timeoutMs);
      const pump = process.output.pipeTo(
        new WritableStream({
          write(chunk) {
            const shown = cap.takeText(chunk);
            if (shown !== null) options.onOutput?.(shown, 'stdout');
          },
        }),
      );
      // A killed process may never settle its exit promise: stopping resolves the race instead.
      const stopped = new Promise<null>((resolve) => {
        const previous = stopProcess;
        stopProcess = () => {
          previous();
          resolve(null);
        };
        if (stopReason) resolve(null);
      });
      const code = await Promise.race([process.exit, stopped]);
      clearTimeout(timer);
      await Promise.race([pump.catch(() => undefined), new Promise((r) => setTimeout(r, 200))]);
      this.#progress.emit('idle', 'Run finished');
      return {
        exitCode: stopReason ? null : code,
        timedOut: stopReason === 'timeout',
        truncated: cap.truncated,
        durationMs: performance.now() - startedAt,
        killed: stopReason !== null,
      };
    })();
    return this.#slot.adopt({ exit, kill: () => stop('killed') }, options.signal);
  }

  async teardown(): Promise<void> {
    this.#tornDown = true;
    const active = this.#slot.active;
    this.#slot.killActive();
    await active?.exit.catch(() => undefined);
    // The page's one WebContainer stays booted for the next runtime object; only this one is done.
    this.#container = null;
    this.#sandbox = null;
    this.#cwd = null;
  }
}
