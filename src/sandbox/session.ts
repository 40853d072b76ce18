/**
 * One learner's session with one sandbox: picks and starts a runtime, keeps it fed with the
 * learner's latest files, runs checks and demos, and turns check output into a checklist. UI-free:
 * the editor panel renders its state, and unit tests drive it with the fake runtime.
 */
import { buildChecklist, type Checklist } from './checks/checklist';
import { CheckOutputParser } from './checks/parser';
import { buildWorkspace, type SandboxSource } from './checks/workspace';
import type { FileMap } from './files';
import { RuntimeError, type RunExit, type RuntimeProgress, type SandboxRuntime, type Task } from './runtime';
import { SESSION_PATH } from './wire';

export type RuntimeKind = 'local' | 'webcontainer';
export type RuntimeSetting = 'auto' | RuntimeKind;

export interface SessionError {
  message: string;
  code: string;
  /** Another runtime the learner can switch to, when there is one. */
  fallback: RuntimeKind | null;
}

export interface SessionState {
  status: 'idle' | 'starting' | 'ready' | 'running' | 'failed';
  runtime: RuntimeKind | null;
  /** The runtime's latest step (booting, mounting, running), for a progress line. */
  progress: RuntimeProgress | null;
  error: SessionError | null;
  running: Task | null;
  /** The checklist of the last checks run; updated live while checks report. */
  checklist: Checklist | null;
}

export interface SessionOptions {
  source: SandboxSource;
  createRuntime(kind: RuntimeKind): SandboxRuntime;
  /** Whether this page can reach the local runner of `npm start`. */
  localAvailable(): Promise<boolean>;
}

export interface RunResult {
  exit: RunExit;
  checklist: Checklist | null;
}

/**
 * True when the page is served by `npm start` (its session route answers), connected or not: a
 * page without the runner's link still picks the local runner, which then asks for the link.
 */
export async function probeLocalRunner(fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(SESSION_PATH, { credentials: 'same-origin', cache: 'no-store' });
    // Only the status matters. An unread body keeps the request open (and its connection busy) until
    // the response is garbage-collected.
    void response.body?.cancel().catch(() => {});
    return response.ok || response.status === 401;
  } catch {
    return false;
  }
}

/** The runtime to use for a setting: "auto" prefers the local runner when the page has one. */
export function resolveRuntime(setting: RuntimeSetting, localAvailable: boolean): RuntimeKind {
  if (setting === 'auto') return localAvailable ? 'local' : 'webcontainer';
  return setting;
}

const INITIAL: SessionState = {
  status: 'idle',
  runtime: null,
  progress: null,
  error: null,
  running: null,
  checklist: null,
};

export class SandboxSession {
  readonly #options: SessionOptions;
  #state: SessionState = INITIAL;
  readonly #listeners = new Set<(state: SessionState) => void>();
  #runtime: SandboxRuntime | null = null;
  #unsubscribeProgress: () => void = () => {};
  #starting: Promise<boolean> | null = null;
  #startAbort: AbortController | null = null;
  #disposed = false;
  #handle: { kill(): void } | null = null;
  #runs = 0;

  constructor(options: SessionOptions) {
    this.#options = options;
  }

  get state(): SessionState {
    return this.#state;
  }

  get sandbox() {
    return this.#options.source.manifest;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(patch: Partial<SessionState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of [...this.#listeners]) listener(this.#state);
  }

  /**
   * Boots `kind` and mounts the sandbox with `learnerFiles`. A start that is still going is
   * cancelled: the newest request wins. Resolves true when ready; false (with `error` set) if not.
   */
  start(kind: RuntimeKind, learnerFiles: FileMap): Promise<boolean> {
    this.#startAbort?.abort();
    const abort = new AbortController();
    this.#startAbort = abort;
    const starting = this.#start(kind, learnerFiles, abort.signal);
    this.#starting = starting;
    return starting;
  }

  async #start(kind: RuntimeKind, learnerFiles: FileMap, signal: AbortSignal): Promise<boolean> {
    if (this.#disposed) return false;
    if (this.#runtime && this.#runtime.kind !== kind) await this.#dropRuntime();
    this.#set({ status: 'starting', runtime: kind, error: null, progress: null });
    const runtime = (this.#runtime ??= this.#createRuntime(kind));
    try {
      await runtime.boot({ signal });
      if (signal.aborted) return false;
      await runtime.mount(buildWorkspace(this.#options.source, learnerFiles), this.sandbox);
      if (signal.aborted) return false;
      this.#set({ status: 'ready' });
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      await this.#dropRuntime();
      this.#set({ status: 'failed', error: await this.#describe(error, kind) });
      return false;
    }
  }

  #createRuntime(kind: RuntimeKind): SandboxRuntime {
    const runtime = this.#options.createRuntime(kind);
    this.#unsubscribeProgress = runtime.onProgress((progress) => this.#set({ progress }));
    return runtime;
  }

  async #dropRuntime(): Promise<void> {
    const runtime = this.#runtime;
    this.#runtime = null;
    this.#unsubscribeProgress();
    await runtime?.teardown().catch(() => undefined);
  }

  async #describe(error: unknown, kind: RuntimeKind): Promise<SessionError> {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof RuntimeError ? error.code : 'failed';
    let fallback: RuntimeKind | null = null;
    if (kind === 'webcontainer' && (await this.#options.localAvailable())) fallback = 'local';
    if (kind === 'local' && (code === 'unavailable' || code === 'not-connected')) fallback = 'webcontainer';
    return { message, code, fallback };
  }

  /**
   * Runs the checks or a demo against `learnerFiles` (the editor's current text). Output goes to
   * `onOutput` as it arrives, with the checks' machine lines taken out.
   */
  async run(task: Task, learnerFiles: FileMap, onOutput: (text: string) => void): Promise<RunResult | null> {
    if (this.#disposed) return null;
    const generation = ++this.#runs;
    if (this.#state.status === 'starting' && this.#starting) {
      if (!(await this.#starting)) return null;
    } else if (this.#state.status === 'idle' || this.#state.status === 'failed') {
      if (!(await this.start(this.#state.runtime ?? 'local', learnerFiles))) return null;
    }
    // Only the newest run may report: a run replaced by another one ends quietly.
    const current = () => generation === this.#runs;
    const runtime = this.#runtime!;
    const sandbox = this.sandbox;
    const parser =
      task.kind === 'checks'
        ? new CheckOutputParser({
            onDisplay: onOutput,
            // Live: each result shows as it arrives; the final list (with "did not run") comes at the end.
            onResult: () => current() && this.#set({ checklist: buildChecklist({ ...parser!.result, complete: true }, sandbox) }),
          })
        : null;
    this.#set({ status: 'running', running: task, error: null, ...(task.kind === 'checks' ? { checklist: null } : {}) });
    try {
      for (const path of Object.keys(learnerFiles)) await runtime.writeFile(path, learnerFiles[path]!);
      const handle = runtime.run(task, { onOutput: (chunk) => (parser ? parser.push(chunk) : onOutput(chunk)) });
      this.#handle = handle;
      const exit = await handle.exit;
      const checklist = parser ? buildChecklist(parser.end(), sandbox, exit) : null;
      if (!current()) return null;
      this.#set({ status: 'ready', running: null, ...(checklist ? { checklist } : {}) });
      return { exit, checklist };
    } catch (error) {
      parser?.end();
      if (!current()) return null;
      const kind = this.#state.runtime ?? 'local';
      const described = await this.#describe(error, kind);
      // A busy or refused runner is a failed run, not a dead runtime: the learner can try again.
      const fatal = error instanceof RuntimeError && ['unavailable', 'torn-down', 'protocol'].includes(error.code);
      if (fatal) await this.#dropRuntime();
      this.#set({ status: fatal ? 'failed' : 'ready', running: null, error: described });
      return null;
    } finally {
      if (current()) this.#handle = null;
    }
  }

  /** Stops the run in progress, if any (the runtime kills its whole process tree). */
  stop(): void {
    this.#handle?.kill();
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#startAbort?.abort();
    await this.#dropRuntime();
    this.#listeners.clear();
  }
}
