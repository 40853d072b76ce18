/**
 * The Astro routes are thin adapters over LocalRunner; this renders them through Astro's own
 * container, as the server does, to prove they are on-demand and wired to the one runner.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import * as runRoute from '../../../src/pages/api/runner/run';
import * as sessionRoute from '../../../src/pages/api/runner/session';
import { localRunner } from '../../../src/server/instance';
import { RunEventDecoder, TOKEN_HEADER, type SessionResponse } from '../../../src/sandbox/wire';
import { fixturesDir } from '../sandbox/helpers';

type Endpoint = Parameters<AstroContainer['renderToResponse']>[0];
let container: AstroContainer;

beforeAll(async () => {
  process.env.BLAST_SANDBOXES_DIR = fixturesDir;
  delete process.env.PORT;
  container = await AstroContainer.create();
});

const render = (route: object, request: Request) => container.renderToResponse(route as Endpoint, { routeType: 'endpoint', request });

describe('api/runner routes', () => {
  it('are rendered on demand, never prerendered', () => {
    expect(sessionRoute.prerender).toBe(false);
    expect(runRoute.prerender).toBe(false);
  });

  it('session answers a page with the process runner’s token, refuses one without, and refuses a foreign Host', async () => {
    const token = localRunner().token.value;
    const ok = await render(sessionRoute, new Request('http://localhost:4321/api/runner/session', { headers: { host: 'localhost:4321', [TOKEN_HEADER]: token } }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as SessionResponse).tokenHeader).toBe(TOKEN_HEADER);
    const bare = await render(sessionRoute, new Request('http://localhost:4321/api/runner/session', { headers: { host: 'localhost:4321' } }));
    expect(bare.status).toBe(401);
    expect(await bare.text()).not.toContain(token);
    const foreign = await render(sessionRoute, new Request('http://localhost:4321/api/runner/session', { headers: { host: 'evil.example:4321' } }));
    expect(foreign.status).toBe(403);
  });

  it('run streams a checks run with the token and refuses one without', async () => {
    const body = JSON.stringify({ sandbox: 'adder', task: { kind: 'checks' }, files: {} });
    const headers = { host: 'localhost:4321', 'content-type': 'application/json' };
    const refused = await render(runRoute, new Request('http://localhost:4321/api/runner/run', { method: 'POST', headers, body }));
    expect(refused.status).toBe(401);
    const response = await render(runRoute, new Request('http://localhost:4321/api/runner/run', { method: 'POST', headers: { ...headers, [TOKEN_HEADER]: localRunner().token.value }, body }));
    expect(response.status).toBe(200);
    const decoder = new RunEventDecoder();
    const events = [...decoder.push(await response.text()), ...decoder.end()];
    expect(events.at(-1)).toMatchObject({ type: 'exit', exitCode: 1, killed: false });
  });
});
