/**
 * Browser client of the local runner (`npm start`). Sends the token the learner connected this
 * browser with (runner-link.ts), posts the learner's files with a task, and reads the streamed
 * NDJSON events. The server holds the sandbox's checks and scripts; only the learner-editable
 * files travel.
 */
import type { Sandbox } from '../schemas/sandbox';
import { learnerPathError, pickLearnerFiles, type FileMap } from './files';
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
import { RUN_PATH, RunEventDecoder, SESSION_PATH, TOKEN_HEADER, type ErrorBody, type RunRequest, type SessionResponse } from './wire';
import { storedRunnerToken } from './runner-link';

export interface LocalRuntimeOptions {
  /** Origin of the runner; '' (default) is the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** How long to wait for the runner to answer a request before giving up. */
  answerTimeoutMs?: number;
  /** Extra time past the sandbox's own limit before the client stops waiting for a run's end. */
  graceMs?: number;
  now?: () => number;
  /** The token this browser connected with; defaults to the stored one (runner-link.ts). */
  token?: () => string | null;
}

/** Said when the page has no token, or an old one: how to connect. */
export const CONNECT_HELP =
  'This page is not connected to the local runner yet. Open the link that `npm start` printed in your terminal (it looks like http://localhost:4321/#runner=...), or paste that link here.';
export const RECONNECT_HELP =
  'The local runner has restarted, so the link it printed has changed. Open the new link from your terminal, or paste it here.';

/** Seconds from a Retry-After header (seconds or an HTTP date). */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

async function readError(response: Response): Promise<ErrorBody> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    return { error: String(body.error ?? 'unknown'), message: String(body.message ?? response.statusText) };
  } catch {
    return { error: 'unknown', message: `${response.status} ${response.statusText}`.trim() };
  }
}

/** One RuntimeError per HTTP failure, worded for the learner. */
export async function errorFromResponse(response: Response, during: 'session' | 'run'): Promise<RuntimeError> {
  const body = await readError(response);
  const status = response.status;
  if (status === 404 && during === 'session') {
    return new RuntimeError('unavailable', 'There is no local runner here: this page is not served by `npm start`. Start the course with `npm start`, or use WebContainer.');
  }
  if (status === 401) return new RuntimeError('not-connected', body.error === 'stale-token' ? RECONNECT_HELP : CONNECT_HELP);
  if (status === 403) return new RuntimeError('forbidden', `The local runner refused this page: ${body.message}`);
  if (status === 413) return new RuntimeError('too-large', `Your files are too large for the local runner: ${body.message}`);
  if (status === 429 || status === 503) {
    const wait = retryAfterSeconds(response.headers.get('retry-after'));
    const when = wait === undefined ? 'in a moment' : `in ${wait} s`;
    return new RuntimeError('busy', `The local runner is busy with other runs; try again ${when}.`, wait);
  }
  if (status >= 400 && status < 500) return new RuntimeError('bad-request', body.message);
  return new RuntimeError('unavailable', `The local runner failed (${status}): ${body.message}`);
}

export class LocalRuntime implements SandboxRuntime {
  readonly kind = 'local' as const;
  readonly #progress = new ProgressHub();
  readonly #slot = new RunSlot();
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #answerTimeoutMs: number;
  readonly #graceMs: number;
  readonly #now: () => number;
  readonly #readToken: () => string | null;
  #session: Promise<SessionResponse & { token: string }> | null = null;
  #sandbox: Sandbox | null = null;
  #files: FileMap = {};
  #tornDown = false;

  constructor(options: LocalRuntimeOptions = {}) {
    this.#base = options.baseUrl ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
    this.#graceMs = options.graceMs ?? 15_000;
    this.#now = options.now ?? (() => performance.now());
    this.#readToken = options.token ?? (() => storedRunnerToken());
  }

  onProgress(listener: (progress: RuntimeProgress) => void): () => void {
    return this.#progress.subscribe(listener);
  }

  async boot(options: BootOptions = {}): Promise<void> {
    if (this.#tornDown) throw new RuntimeError('torn-down', 'This runtime was torn down; create a new one.');
    await this.#token(options.signal);
  }

  /** Checks (once) that the stored token is the runner's current one, and reads its limits. */
  #token(signal?: AbortSignal, refresh = false): Promise<SessionResponse & { token: string }> {
    if (refresh) this.#session = null;
    if (!this.#session) {
      const pending = (async () => {
        this.#progress.emit('booting', 'Connecting to the local runner');
        try {
          const token = this.#readToken();
          const headers: Record<string, string> = token === null ? {} : { [TOKEN_HEADER]: token };
          const response = await this.#request(SESSION_PATH, { method: 'GET', cache: 'no-store', credentials: 'same-origin', headers }, signal);
          if (!response.ok) throw await errorFromResponse(response, 'session');
          const session = (await response.json()) as SessionResponse;
          if (typeof session.tokenHeader !== 'string' || token === null) {
            throw new RuntimeError('protocol', 'The local runner answered the session request in a form this page does not know.');
          }
          this.#progress.emit('ready', `Local runner ready (Node ${session.node})`);
          return { ...session, token };
        } catch (error) {
          this.#progress.emit('failed', error instanceof Error ? error.message : String(error));
          throw error;
        }
      })();
      pending.catch(() => {
        if (this.#session === pending) this.#session = null;
      });
      this.#session = pending;
    }
    return this.#session;
  }

  /** fetch with a deadline for the answer's headers and clear wording for network failures. */
  async #request(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#answerTimeoutMs);
    try {
      return await this.#fetch(`${this.#base}${path}`, { ...init, signal: controller.signal });
    } catch (error) {
      if (timedOut) throw new RuntimeError('timeout', `The local runner did not answer within ${Math.round(this.#answerTimeoutMs / 1000)} s. Is \`npm start\` still running?`);
      if (signal?.aborted) throw error;
      throw new RuntimeError('unavailable', `Cannot reach the local runner (${error instanceof Error ? error.message : String(error)}). Is \`npm start\` still running?`);
    } finally {
      // The abort link stays: aborting `signal` must also stop the response body being read.
      clearTimeout(timer);
    }
  }

  async mount(files: FileMap, sandbox: Sandbox): Promise<void> {
    await this.boot();
    this.#slot.killActive();
    this.#progress.emit('mounting', `Preparing ${sandbox.title}`);
    // The runner has the sandbox's own checks, scripts and support files; only learner files travel.
    this.#files = pickLearnerFiles(files, sandbox.files);
    this.#sandbox = sandbox;
    this.#progress.emit('idle', 'Ready to run');
  }

  async writeFile(path: string, content: string): Promise<void> {
    if (this.#tornDown) throw new RuntimeError('torn-down', 'This runtime was torn down; create a new one.');
    if (!this.#sandbox) throw new RuntimeError('not-mounted', 'Mount a sandbox before writing files.');
    const refused = learnerPathError(path, this.#sandbox.files);
    if (refused) throw new RuntimeError('read-only', `Cannot write "${path}": ${refused}.`);
    this.#files = { ...this.#files, [path]: content };
  }

  run(task: Task, options: RunOptions = {}): RunHandle {
    if (this.#tornDown) return failedRun(new RuntimeError('torn-down', 'This runtime was torn down; create a new one.'));
    const sandbox = this.#sandbox;
    if (!sandbox) return failedRun(new RuntimeError('not-mounted', 'Mount a sandbox before running anything.'));
    try {
      taskArgs(task, sandbox);
    } catch (error) {
      return failedRun(error);
    }
    const request: RunRequest = { sandbox: sandbox.id, task, files: { ...this.#files } };
    const controller = new AbortController();
    let stoppedByUser = false;
    const startedAt = this.#now();
    const killedExit = (truncated: boolean): RunExit => ({ exitCode: null, timedOut: false, truncated, durationMs: Math.round(this.#now() - startedAt), killed: true });

    const exit = (async (): Promise<RunExit> => {
      let truncated = false;
      const watchdog = setTimeout(() => controller.abort(), sandbox.timeoutMs + this.#graceMs);
      try {
        this.#progress.emit('running', `Running ${describeTask(task)}`);
        const response = await this.#post(request, controller.signal);
        if (!response.body) throw new RuntimeError('protocol', 'The local runner sent no output stream.');
        const reader = response.body.getReader();
        const text = new TextDecoder();
        const events = new RunEventDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          const batch = done ? [...events.push(text.decode()), ...events.end()] : events.push(text.decode(value, { stream: true }));
          for (const event of batch) {
            if (event.type === 'output') options.onOutput?.(event.data, event.stream);
            else if (event.type === 'error') throw new RuntimeError(event.code, event.message);
            else if (event.type === 'exit') {
              truncated = event.truncated;
              await reader.cancel().catch(() => undefined);
              const { type: _type, ...result } = event;
              return result;
            }
          }
          if (done) break;
        }
        throw new RuntimeError('protocol', 'The local runner stopped answering before the run finished. Is `npm start` still running?');
      } catch (error) {
        if (stoppedByUser) return killedExit(truncated);
        if (controller.signal.aborted) {
          throw new RuntimeError('timeout', `The run did not finish within its limit (${Math.round(sandbox.timeoutMs / 1000)} s) and the local runner stopped answering.`);
        }
        if (error instanceof SyntaxError) throw new RuntimeError('protocol', error.message);
        throw error;
      } finally {
        clearTimeout(watchdog);
        this.#progress.emit('idle', 'Run finished');
      }
    })();
    const handle: RunHandle = {
      exit,
      kill: () => {
        stoppedByUser = true;
        controller.abort();
      },
    };
    return this.#slot.adopt(handle, options.signal);
  }

  /** Posts a run; tries once more if a newer token was stored since the session was checked. */
  async #post(request: RunRequest, signal: AbortSignal): Promise<Response> {
    const body = JSON.stringify(request);
    for (let attempt = 0; ; attempt++) {
      const session = await this.#token(signal, attempt > 0);
      const size = new TextEncoder().encode(body).byteLength;
      if (size > session.limits.maxBodyBytes) {
        throw new RuntimeError('too-large', `Your files are ${Math.ceil(size / 1024)} KB; the local runner accepts up to ${Math.round(session.limits.maxBodyBytes / 1024)} KB.`);
      }
      const response = await this.#request(
        RUN_PATH,
        { method: 'POST', headers: { 'content-type': 'application/json', [session.tokenHeader]: session.token }, body, credentials: 'same-origin' },
        signal,
      );
      if (response.ok) return response;
      // The learner may have opened a newer link in another tab since this page last checked.
      if (response.status === 401 && attempt === 0 && this.#readToken() !== session.token) continue;
      throw await errorFromResponse(response, 'run');
    }
  }

  async teardown(): Promise<void> {
    this.#tornDown = true;
    const active = this.#slot.active;
    this.#slot.killActive();
    await active?.exit.catch(() => undefined);
    this.#sandbox = null;
    this.#files = {};
  }
}
