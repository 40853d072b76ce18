/** The browser client's handling of every way the local runner can say no, with a scripted fetch. */
import { describe, expect, it } from 'vitest';
import { CONNECT_HELP, errorFromResponse, LocalRuntime, RECONNECT_HELP, retryAfterSeconds } from '../../../src/sandbox/local';
import { RUN_PATH, SESSION_PATH, encodeEvent, type SessionResponse } from '../../../src/sandbox/wire';
import { sandboxSchema } from '../../../src/schemas/sandbox';

const sandbox = sandboxSchema.parse({ id: 'adder', title: 'Adder', lesson: 'adder', files: ['adder.js'], checkFiles: ['checks/a.test.js'], checks: [{ name: 'adds', hint: 'add' }], timeoutMs: 1000 });
const TOKEN = 'T'.repeat(43);
const session: SessionResponse = { tokenHeader: 'x-blast-runner-token', limits: { maxBodyBytes: 1000, maxOutputBytes: 1 << 20, maxConcurrent: 2 }, node: 'v24.0.0' };

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;
function fakeFetch(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return handler(String(input), init);
  }) as typeof fetch;
  return { fetch: f, calls };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const ndjson = (lines: string[]) => new Response(lines.join(''), { headers: { 'content-type': 'application/x-ndjson' } });
const exitLine = encodeEvent({ type: 'exit', exitCode: 0, timedOut: false, truncated: false, durationMs: 5, killed: false });

async function mounted(handler: Handler, options: ConstructorParameters<typeof LocalRuntime>[0] = {}) {
  const f = fakeFetch(handler);
  const runtime = new LocalRuntime({ fetch: f.fetch, token: () => TOKEN, ...options });
  await runtime.mount({ 'adder.js': 'x', 'format.js': 'support', 'checks/a.test.js': 'c' }, sandbox);
  return { runtime, calls: f.calls };
}

describe('LocalRuntime client', () => {
  it('checks its token with the session route and sends it with only the learner files', async () => {
    const { runtime, calls } = await mounted((url) => (url.endsWith(SESSION_PATH) ? json(200, session) : ndjson([encodeEvent({ type: 'output', stream: 'stdout', data: 'hi\n' }), exitLine])));
    let out = '';
    const exit = await runtime.run({ kind: 'checks' }, { onOutput: (c) => (out += c) }).exit;
    expect(exit.exitCode).toBe(0);
    expect(out).toBe('hi\n');
    const post = calls.find((c) => c.url.endsWith(RUN_PATH))!;
    expect((post.init.headers as Record<string, string>)['x-blast-runner-token']).toBe(TOKEN);
    const check = calls.find((c) => c.url.endsWith(SESSION_PATH))!;
    expect((check.init.headers as Record<string, string>)['x-blast-runner-token']).toBe(TOKEN);
    expect(JSON.parse(post.init.body as string)).toEqual({ sandbox: 'adder', task: { kind: 'checks' }, files: { 'adder.js': 'x' } });
  });

  it('says there is no local runner when the session route is missing', async () => {
    const runtime = new LocalRuntime({ fetch: fakeFetch(() => new Response('not found', { status: 404 })).fetch });
    await expect(runtime.boot()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/not served by `npm start`/) });
  });

  it('says the runner cannot be reached when the network fails', async () => {
    const runtime = new LocalRuntime({
      fetch: fakeFetch(() => {
        throw new TypeError('fetch failed');
      }).fetch,
    });
    await expect(runtime.boot()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Cannot reach the local runner \(fetch failed\)/) });
  });

  it('gives up on a runner that does not answer', async () => {
    const hanging: Handler = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const runtime = new LocalRuntime({ fetch: fakeFetch(hanging).fetch, answerTimeoutMs: 20 });
    await expect(runtime.boot()).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/did not answer/) });
  });

  it('asks for the link when the page has no token, and for the new link when the runner restarted', async () => {
    const runtime = new LocalRuntime({ fetch: fakeFetch(() => json(401, { error: 'not-connected', message: 'x' })).fetch, token: () => null });
    await expect(runtime.boot()).rejects.toMatchObject({ code: 'not-connected', message: CONNECT_HELP });
    const restarted = new LocalRuntime({ fetch: fakeFetch(() => json(401, { error: 'stale-token', message: 'x' })).fetch, token: () => TOKEN });
    await expect(restarted.boot()).rejects.toMatchObject({ code: 'not-connected', message: RECONNECT_HELP });
  });

  it('uses a newer link stored in another tab once, when the runner says its token is stale', async () => {
    let stored = TOKEN;
    const fresh = 'F'.repeat(43);
    const { runtime, calls } = await mounted(
      (url, init) => {
        const token = (init.headers as Record<string, string>)['x-blast-runner-token'];
        if (url.endsWith(SESSION_PATH)) return token === undefined ? json(401, { error: 'not-connected', message: '' }) : json(200, session);
        return token === fresh ? ndjson([exitLine]) : json(401, { error: 'stale-token', message: 'stale' });
      },
      { token: () => stored },
    );
    await runtime.boot();
    stored = fresh;
    expect((await runtime.run({ kind: 'checks' }).exit).exitCode).toBe(0);
    expect(calls.filter((c) => c.url.endsWith(RUN_PATH))).toHaveLength(2);
  });

  it.each([
    [json(403, { error: 'bad-origin', message: 'Only pages of this site' }), 'forbidden', /refused this page: Only pages of this site/],
    [json(413, { error: 'too-large', message: 'over 512 KB' }), 'too-large', /too large.*over 512 KB/],
    [json(503, { error: 'busy', message: 'busy' }, { 'retry-after': '3' }), 'busy', /try again in 3 s/],
    [json(429, { error: 'slow-down', message: 'x' }, { 'retry-after': '7' }), 'busy', /try again in 7 s/],
    [json(400, { error: 'bad-files', message: 'Refused a file: "../x"' }), 'bad-request', /Refused a file/],
    [json(500, { error: 'broken-sandbox', message: 'check file missing' }), 'unavailable', /\(500\): check file missing/],
  ])('turns %# into a clear error', async (response, code, message) => {
    const { runtime } = await mounted((url) => (url.endsWith(SESSION_PATH) ? json(200, session) : response.clone()));
    await expect(runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('passes Retry-After on as seconds', async () => {
    const { runtime } = await mounted((url) => (url.endsWith(SESSION_PATH) ? json(200, session) : json(503, { error: 'busy', message: '' }, { 'retry-after': '4' })));
    await expect(runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ retryAfterSec: 4 });
  });

  it('refuses files over the runner’s limit before sending them', async () => {
    const { runtime, calls } = await mounted((url) => (url.endsWith(SESSION_PATH) ? json(200, session) : ndjson([exitLine])));
    await runtime.writeFile('adder.js', 'x'.repeat(2000));
    await expect(runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/accepts up to 1 KB/) });
    expect(calls.some((c) => c.url.endsWith(RUN_PATH))).toBe(false);
  });

  it('reports a stream that ends without an exit event', async () => {
    const { runtime } = await mounted((url) => (url.endsWith(SESSION_PATH) ? json(200, session) : ndjson([encodeEvent({ type: 'output', stream: 'stdout', data: 'x' })])));
    await expect(runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ code: 'protocol' });
  });

  it('passes on an error event from the runner', async () => {
    const { runtime } = await mounted((url) =>
      url.endsWith(SESSION_PATH) ? json(200, session) : ndjson([encodeEvent({ type: 'error', code: 'unavailable', message: 'Could not start node' })]),
    );
    await expect(runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ code: 'unavailable', message: 'Could not start node' });
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('2')).toBe(2);
    expect(retryAfterSeconds(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });

  it('is used by errorFromResponse for 503', async () => {
    const error = await errorFromResponse(json(503, { error: 'busy', message: '' }, { 'retry-after': '9' }), 'run');
    expect(error.retryAfterSec).toBe(9);
  });
});
