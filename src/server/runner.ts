/**
 * The local runner's HTTP handlers, as plain functions of a web Request (no Astro inside), so they
 * are tested directly and the Astro routes under src/pages/api/runner are one-line adapters.
 *
 * Order of checks on a run request: who is asking (guard), the token, the content type, the body
 * size, the request shape, the sandbox, the learner's file names, and only then a run slot.
 */
import { WorkspaceError } from '../sandbox/checks/workspace';
import { RuntimeError, type RunHandle, type Task } from '../sandbox/runtime';
import { encodeEvent, runRequestSchema, RUN_CONTENT_TYPE, type ErrorBody, type RunEvent, type SessionResponse } from '../sandbox/wire';
import type { RunnerConfig } from './config';
import { refuseForeignRequest } from './guard';
import { loadSandbox, sandboxDir, SandboxError } from './sandbox-disk';
import { prepareRun, startTask, type PreparedRun } from './task-runner';
import { RunnerToken, TOKEN_HEADER } from './token';

export interface RequestContext {
  /** The TCP peer's address when the adapter knows it (Astro's clientAddress). */
  clientAddress?: string;
}

const NOT_CONNECTED = 'This page is not connected to the local runner. Open the link that `npm start` printed in your terminal (http://localhost:<port>/#runner=...), or paste it into the sandbox panel.';
const STALE_TOKEN = 'The local runner has restarted since this page connected, so its link changed. Open the new link that `npm start` printed, or paste it into the sandbox panel.';

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function errorResponse(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { error, message };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers } });
}

/** Reads at most `max` bytes of the body; null when it is larger (the rest is never read). */
async function readBodyCapped(request: Request, max: number): Promise<Uint8Array | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

export class LocalRunner {
  readonly token: RunnerToken;
  readonly #active = new Set<RunHandle>();

  constructor(
    readonly config: RunnerConfig,
    token: string | undefined = undefined,
  ) {
    this.token = new RunnerToken(token);
  }

  get activeRuns(): number {
    return this.#active.size;
  }

  /**
   * GET /api/runner/session: whether the page's token is the current one, and the runner's limits.
   * It never hands out the token: without it, the answer says how to connect.
   */
  handleSession(request: Request, context: RequestContext = {}): Response {
    const refused = refuseForeignRequest(request, this.config, context.clientAddress);
    if (refused) return errorResponse(403, refused.error, refused.message);
    const given = request.headers.get(TOKEN_HEADER);
    if (!this.token.matches(given)) {
      return errorResponse(401, given === null ? 'not-connected' : 'stale-token', given === null ? NOT_CONNECTED : STALE_TOKEN);
    }
    const body: SessionResponse = {
      tokenHeader: TOKEN_HEADER,
      limits: { maxBodyBytes: this.config.maxBodyBytes, maxOutputBytes: this.config.maxOutputBytes, maxConcurrent: this.config.maxConcurrent },
      node: process.version,
    };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE } });
  }

  /** POST /api/runner/run: runs checks or a demo and streams NDJSON events. */
  async handleRun(request: Request, context: RequestContext = {}): Promise<Response> {
    const refused = refuseForeignRequest(request, this.config, context.clientAddress);
    if (refused) return errorResponse(403, refused.error, refused.message);
    const given = request.headers.get(TOKEN_HEADER);
    if (!this.token.matches(given)) return errorResponse(401, given === null ? 'not-connected' : 'stale-token', given === null ? NOT_CONNECTED : STALE_TOKEN);
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return errorResponse(415, 'bad-content-type', 'Send the run request as application/json.');

    const raw = await readBodyCapped(request, this.config.maxBodyBytes);
    if (raw === null) {
      return errorResponse(413, 'too-large', `The files sent are larger than the local runner accepts (${sizeLabel(this.config.maxBodyBytes)}). Make them smaller.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return errorResponse(400, 'bad-json', 'The run request is not valid JSON.');
    }
    const parsed = runRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      return errorResponse(400, 'bad-request', `The run request is malformed: ${issues}.`);
    }
    const { sandbox: id, task } = parsed.data;
    // The files as sent, not as zod returns them: a record schema drops "__proto__" silently, and
    // every name the page sent must be judged (and refused) like any other.
    const files = (json as { files: Record<string, string> }).files;

    let prepared: PreparedRun;
    let timeoutMs: number;
    try {
      const source = await loadSandbox(sandboxDir(this.config.sandboxesDir, id));
      prepared = prepareRun(source, files, task);
      timeoutMs = Math.min(source.manifest.timeoutMs, this.config.maxTimeoutMs);
    } catch (error) {
      if (error instanceof SandboxError) {
        return error.code === 'unknown-sandbox'
          ? errorResponse(404, 'unknown-sandbox', error.message)
          : errorResponse(500, 'broken-sandbox', error.message);
      }
      if (error instanceof WorkspaceError) return errorResponse(400, 'bad-files', error.message);
      if (error instanceof RuntimeError) return errorResponse(400, error.code, error.message);
      throw error;
    }

    if (this.#active.size >= this.config.maxConcurrent) {
      return errorResponse(
        503,
        'busy',
        `The local runner is already running ${this.#active.size} task(s), its limit. Try again in a moment.`,
        { 'retry-after': String(this.config.retryAfterSec) },
      );
    }
    return this.#stream(request, id, prepared, timeoutMs, task);
  }

  #stream(request: Request, id: string, prepared: PreparedRun, timeoutMs: number, task: Task): Response {
    const encoder = new TextEncoder();
    const abort = new AbortController();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let open = true;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      // The client went away (closed the tab, aborted the fetch): stop the run.
      cancel: () => {
        open = false;
        abort.abort();
      },
    });
    const send = (event: RunEvent) => {
      if (!open) return;
      try {
        controller.enqueue(encoder.encode(encodeEvent(event)));
      } catch {
        open = false;
      }
    };
    request.signal.addEventListener('abort', () => abort.abort(), { once: true });

    send({ type: 'start', sandbox: id, task, timeoutMs, node: process.version });
    const handle = startTask({
      prepared,
      limits: { timeoutMs, maxOutputBytes: this.config.maxOutputBytes },
      nodePath: this.config.nodePath,
      ...(this.config.tmpRoot === undefined ? {} : { tmpRoot: this.config.tmpRoot }),
      onOutput: (data, stream) => send({ type: 'output', stream, data }),
      signal: abort.signal,
    });
    this.#active.add(handle);
    handle.exit
      .then(
        (exit) => send({ type: 'exit', ...exit }),
        (error: unknown) =>
          send({ type: 'error', code: error instanceof RuntimeError ? error.code : 'unavailable', message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        this.#active.delete(handle);
        if (open) {
          open = false;
          controller.close();
        }
      });
    return new Response(body, { headers: { 'content-type': `${RUN_CONTENT_TYPE}; charset=utf-8`, ...NO_STORE } });
  }

  /** Kills every run now (server shutdown). */
  killAll(): void {
    for (const handle of this.#active) handle.kill();
  }
}
