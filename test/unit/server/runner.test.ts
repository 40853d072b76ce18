import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCheckOutput } from '../../../src/sandbox/checks/parser';
import { RunEventDecoder, type RunEvent, type SessionResponse } from '../../../src/sandbox/wire';
import { LocalRunner } from '../../../src/server/runner';
import { TOKEN_HEADER } from '../../../src/server/token';
import { fixturesDir, learnerVariant } from '../sandbox/helpers';
import { eventually, isEmpty, tempRoot, testConfig } from './helpers';

const SITE = 'http://localhost:4321';
let tmp: string;
let runner: LocalRunner;

beforeEach(async () => {
  tmp = await tempRoot();
  runner = new LocalRunner(testConfig({ tmpRoot: tmp }));
});
afterEach(async () => {
  runner.killAll();
  await eventually(() => runner.activeRuns === 0);
  await rm(tmp, { recursive: true, force: true });
});

interface Opts {
  host?: string;
  origin?: string | null;
  site?: string | null;
  token?: string | null;
  contentType?: string;
  body?: unknown;
  rawBody?: BodyInit;
}

function runRequest(o: Opts = {}): Request {
  const headers: Record<string, string> = { host: o.host ?? 'localhost:4321', 'content-type': o.contentType ?? 'application/json' };
  if (o.origin !== null) headers.origin = o.origin ?? SITE;
  if (o.site !== null) headers['sec-fetch-site'] = o.site ?? 'same-origin';
  if (o.token !== null) headers[TOKEN_HEADER] = o.token ?? runner.token.value;
  const body = o.rawBody ?? JSON.stringify(o.body ?? { sandbox: 'adder', task: { kind: 'checks' }, files: {} });
  return new Request(`${SITE}/api/runner/run`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}

async function events(response: Response): Promise<RunEvent[]> {
  const decoder = new RunEventDecoder();
  const text = await response.text();
  return [...decoder.push(text), ...decoder.end()];
}

async function errorOf(response: Response): Promise<{ status: number; error: string; message: string }> {
  const body = (await response.json()) as { error: string; message: string };
  return { status: response.status, ...body };
}

describe('session route', () => {
  const sessionRequest = (headers: Record<string, string>) => new Request(`${SITE}/api/runner/session`, { headers: { host: 'localhost:4321', 'sec-fetch-site': 'same-origin', ...headers } });

  it('tells a connected page the runner’s limits, and never sends the token back', async () => {
    const response = runner.handleSession(sessionRequest({ [TOKEN_HEADER]: runner.token.value }), { clientAddress: '127.0.0.1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const text = await response.text();
    expect(text).not.toContain(runner.token.value);
    const body = JSON.parse(text) as SessionResponse;
    expect(body.tokenHeader).toBe(TOKEN_HEADER);
    expect(body.limits).toEqual({ maxBodyBytes: 512 * 1024, maxOutputBytes: 1024 * 1024, maxConcurrent: 2 });
  });

  it('refuses a request without the token (no page credentials), saying how to connect, and gives no token', async () => {
    const response = runner.handleSession(sessionRequest({}), { clientAddress: '127.0.0.1' });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(runner.token.value);
    expect(JSON.parse(text)).toMatchObject({ error: 'not-connected', message: expect.stringMatching(/Open the link that `npm start` printed/) });
  });

  it('tells a page with an old token that the runner restarted', async () => {
    const response = runner.handleSession(sessionRequest({ [TOKEN_HEADER]: new LocalRunner(testConfig()).token.value }));
    expect(await errorOf(response)).toMatchObject({ status: 401, error: 'stale-token', message: expect.stringMatching(/restarted/) });
  });

  it('takes the token npm start made, and refuses one that is not a token', () => {
    const made = 'A'.repeat(43);
    expect(new LocalRunner(testConfig(), made).token.value).toBe(made);
    expect(() => new LocalRunner(testConfig(), 'short')).toThrow(/BLAST_RUNNER_TOKEN must be/);
  });

  it.each([
    [{ host: 'evil.example:4321' }, 'bad-host'],
    [{ host: 'localhost:4321', origin: 'http://evil.example' }, 'bad-origin'],
    [{ host: 'localhost:4321', 'sec-fetch-site': 'cross-site' }, 'cross-site'],
    [{ host: 'localhost:4321', 'sec-fetch-site': 'same-site' }, 'cross-site'],
  ])('refuses %j even with the token, and gives no token', async (headers, error) => {
    const response = runner.handleSession(new Request(`${SITE}/api/runner/session`, { headers: { ...headers, [TOKEN_HEADER]: runner.token.value } }));
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text).error).toBe(error);
    expect(text).not.toContain(runner.token.value);
  });

  it('makes a new token per server start', () => {
    expect(new LocalRunner(testConfig()).token.value).not.toBe(runner.token.value);
    expect(runner.token.value.length).toBeGreaterThanOrEqual(43);
  });
});

describe('run route: refusals', () => {
  it('requires the token', async () => {
    expect(await errorOf(await runner.handleRun(runRequest({ token: null })))).toMatchObject({ status: 401, error: 'not-connected' });
    expect(await errorOf(await runner.handleRun(runRequest({ token: 'x'.repeat(43) })))).toMatchObject({ status: 401, error: 'stale-token' });
  });

  it('refuses a foreign page even with the right token', async () => {
    expect((await errorOf(await runner.handleRun(runRequest({ origin: 'http://evil.example' })))).error).toBe('bad-origin');
    expect((await errorOf(await runner.handleRun(runRequest({ host: 'evil.example:4321', origin: null })))).error).toBe('bad-host');
    expect((await errorOf(await runner.handleRun(runRequest({ site: 'cross-site' })))).error).toBe('cross-site');
    expect((await errorOf(await runner.handleRun(runRequest(), { clientAddress: '10.0.0.7' }))).error).toBe('not-loopback');
  });

  it('accepts only JSON (no form posts)', async () => {
    const response = await runner.handleRun(runRequest({ contentType: 'text/plain' }));
    expect(response.status).toBe(415);
  });

  it('answers 413 to a body over the cap, declared or streamed', async () => {
    const big = { sandbox: 'adder', task: { kind: 'checks' }, files: { 'adder.js': 'x'.repeat(600 * 1024) } };
    expect(await errorOf(await runner.handleRun(runRequest({ body: big })))).toMatchObject({ status: 413, error: 'too-large', message: expect.stringMatching(/512 KB/) });
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await runner.handleRun(runRequest({ rawBody: stream }));
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(20); // it stopped reading once over the cap
  });

  it('refuses malformed requests and anything but checks or a listed demo', async () => {
    expect((await runner.handleRun(runRequest({ rawBody: '{nope' }))).status).toBe(400);
    const shell = await errorOf(await runner.handleRun(runRequest({ body: { sandbox: 'adder', task: { kind: 'shell', command: 'rm -rf ~' }, files: {} } })));
    expect(shell).toMatchObject({ status: 400, error: 'bad-request' });
    const extra = await errorOf(await runner.handleRun(runRequest({ body: { sandbox: 'adder', task: { kind: 'checks', args: ['--inspect'] }, files: {} } })));
    expect(extra.status).toBe(400);
    const demo = await errorOf(await runner.handleRun(runRequest({ body: { sandbox: 'adder', task: { kind: 'demo', id: 'nope' }, files: {} } })));
    expect(demo).toMatchObject({ status: 400, error: 'unknown-demo' });
  });

  it.each([
    ['/etc/passwd', /absolute/],
    ['../adder.js', /"\.\."/],
    ['lib\\adder.js', /backslash/],
    ['adder.js\0', /NUL/],
    ['format.js', /not one of this sandbox's editable files/],
    ['checks/adder.test.js', /read-only/],
  ])('refuses the file name %j', async (name, reason) => {
    const response = await runner.handleRun(runRequest({ body: { sandbox: 'adder', task: { kind: 'checks' }, files: { [name]: 'x' } } }));
    const body = await errorOf(response);
    expect(body).toMatchObject({ status: 400, error: 'bad-files' });
    expect(body.message).toMatch(reason);
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('refuses "__proto__" and "constructor" as file names like any other unknown name', async () => {
    const rawBody = '{"sandbox":"adder","task":{"kind":"checks"},"files":{"__proto__":"x","constructor":"y"}}';
    const body = await errorOf(await runner.handleRun(runRequest({ rawBody })));
    expect(body).toMatchObject({ status: 400, error: 'bad-files' });
    expect(body.message).toMatch(/Refused 2 files: "__proto__": it is not one of this sandbox's editable files.*"constructor"/);
  });

  it('answers 404 for an unknown sandbox and 400 for an id that is a path', async () => {
    expect((await errorOf(await runner.handleRun(runRequest({ body: { sandbox: 'missing', task: { kind: 'checks' }, files: {} } })))).status).toBe(404);
    expect((await errorOf(await runner.handleRun(runRequest({ body: { sandbox: '../adder', task: { kind: 'checks' }, files: {} } })))).status).toBe(400);
  });

  it('answers 500 with the reason for a broken sandbox', async () => {
    const broken = new LocalRunner(testConfig({ sandboxesDir: join(fixturesDir, '_broken'), tmpRoot: tmp }));
    const request = new Request(`${SITE}/api/runner/run`, {
      method: 'POST',
      headers: { host: 'localhost:4321', 'content-type': 'application/json', [TOKEN_HEADER]: broken.token.value },
      body: JSON.stringify({ sandbox: 'missing-check', task: { kind: 'checks' }, files: {} }),
    });
    const body = await errorOf(await broken.handleRun(request));
    expect(body).toMatchObject({ status: 500, error: 'broken-sandbox', message: expect.stringMatching(/checks\/gone\.test\.js/) });
  });
});

describe('run route: running', () => {
  it('streams start, output and exit as NDJSON', async () => {
    const response = await runner.handleRun(runRequest());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const all = await events(response);
    expect(all[0]).toMatchObject({ type: 'start', sandbox: 'adder', task: { kind: 'checks' }, timeoutMs: 1500 });
    const last = all.at(-1)!;
    expect(last).toMatchObject({ type: 'exit', exitCode: 1, killed: false, timedOut: false, truncated: false });
    const output = all.flatMap((e) => (e.type === 'output' ? [e.data] : [])).join('');
    expect(parseCheckOutput(output)).toMatchObject({ passed: 1, failed: 2, complete: true });
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('runs the learner’s files, not the starter', async () => {
    const fixed = await readFile(join(learnerVariant('fixed'), 'adder.js'), 'utf8');
    const all = await events(await runner.handleRun(runRequest({ body: { sandbox: 'adder', task: { kind: 'checks' }, files: { 'adder.js': fixed } } })));
    expect(all.at(-1)).toMatchObject({ type: 'exit', exitCode: 0 });
  });

  it('allows N runs at once and answers 503 with Retry-After beyond, then frees the slot', async () => {
    const loop = await readFile(join(learnerVariant('loop'), 'adder.js'), 'utf8');
    const one = new LocalRunner(testConfig({ maxConcurrent: 1, tmpRoot: tmp, maxTimeoutMs: 60_000 }));
    const req = () =>
      new Request(`${SITE}/api/runner/run`, {
        method: 'POST',
        headers: { host: 'localhost:4321', 'content-type': 'application/json', [TOKEN_HEADER]: one.token.value },
        body: JSON.stringify({ sandbox: 'adder', task: { kind: 'demo', id: 'sum' }, files: { 'adder.js': loop } }),
      });
    const first = await one.handleRun(req());
    expect(first.status).toBe(200);
    expect(one.activeRuns).toBe(1);
    const second = await one.handleRun(req());
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    expect((await second.json()).error).toBe('busy');
    // The client goes away: its run is killed and the slot comes back.
    await first.body!.cancel();
    expect(await eventually(() => one.activeRuns === 0)).toBe(true);
    const third = await one.handleRun(req());
    expect(third.status).toBe(200);
    await third.body!.cancel();
    expect(await eventually(async () => one.activeRuns === 0 && (await isEmpty(tmp)))).toBe(true);
  });

  it('uses the sandbox’s time limit, capped by the runner', async () => {
    const capped = await events(await runner.handleRun(runRequest()));
    expect(capped[0]).toMatchObject({ type: 'start', timeoutMs: 1500 });
    const roomy = new LocalRunner(testConfig({ maxTimeoutMs: 120_000, tmpRoot: tmp }));
    const req = new Request(`${SITE}/api/runner/run`, {
      method: 'POST',
      headers: { host: 'localhost:4321', 'content-type': 'application/json', [TOKEN_HEADER]: roomy.token.value },
      body: JSON.stringify({ sandbox: 'adder', task: { kind: 'checks' }, files: {} }),
    });
    const own = await events(await roomy.handleRun(req));
    expect(own[0]).toMatchObject({ type: 'start', timeoutMs: 3000 }); // adder's sandbox.json
  });
});
