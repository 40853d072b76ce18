import { gzipSync } from 'node:zlib';
/**
 * `npm start` must serve the site (and so the local runner) on the loopback interface only.
 * This runs the real scripts/start.mjs against a stub build (a copy in a temp folder, so no site
 * build is needed) and checks where it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../sandbox/helpers';
import { tempRoot } from './helpers';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('scripts/start.mjs', () => {
  let dir: string;
  let port: number;
  let server: ChildProcess;

  beforeAll(async () => {
    dir = await tempRoot();
    await mkdir(join(dir, 'scripts'));
    await mkdir(join(dir, 'dist/server'), { recursive: true });
    await copyFile(join(repoRoot, 'scripts/start.mjs'), join(dir, 'scripts/start.mjs'));
    for (const f of ['headers.mjs', 'runner-token.mjs', 'precompressed.mjs']) await copyFile(join(repoRoot, 'scripts', f), join(dir, 'scripts', f));
    await writeFile(join(dir, 'dist/server/entry.mjs'), "export function handler(req, res) { res.end('stub site'); }\n");
    await mkdir(join(dir, 'dist/client/packed'), { recursive: true });
    await writeFile(join(dir, 'dist/client/packed/index.html.gz'), gzipSync('<p>packed page</p>'));
    port = await freePort();
    server = spawn(process.execPath, [join(dir, 'scripts/start.mjs')], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), BLAST_SKIP_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (c: Buffer) => {
        out += c;
        if (out.includes('is running at')) resolve();
      });
      server.stderr!.on('data', (c: Buffer) => (out += c));
      server.once('exit', (code) => reject(new Error(`start.mjs exited (${code}): ${out}`)));
    });
  });

  afterAll(async () => {
    server?.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  it('sends a built page from its gzip copy, with the same security headers', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/packed/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('<p>packed page</p>'); // fetch unpacks it
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('answers on 127.0.0.1 with the security headers', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe('stub site');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('is not reachable on any other address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of others) expect(await connects(address, port), address).toBe(false);
  });

  it.runIf(process.platform === 'linux')('listens on the loopback address only (kernel socket table)', async () => {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const rows = [...(await readFile('/proc/net/tcp', 'utf8')).split('\n'), ...(await readFile('/proc/net/tcp6', 'utf8').catch(() => '')).split('\n')]
      .map((l) => l.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A');
    expect(rows.map((cols) => cols[1])).toEqual([`0100007F:${hexPort}`]);
  });
});

describe('scripts/start.mjs with a malformed BLAST_RUNNER_TOKEN', () => {
  it('stops before serving and says what a token must look like', async () => {
    const dir = await tempRoot();
    try {
      await mkdir(join(dir, 'scripts'));
      await mkdir(join(dir, 'dist/server'), { recursive: true });
      await copyFile(join(repoRoot, 'scripts/start.mjs'), join(dir, 'scripts/start.mjs'));
      for (const f of ['headers.mjs', 'runner-token.mjs', 'precompressed.mjs']) await copyFile(join(repoRoot, 'scripts', f), join(dir, 'scripts', f));
      await writeFile(join(dir, 'dist/server/entry.mjs'), "export function handler(req, res) { res.end('stub site'); }\n");
    await mkdir(join(dir, 'dist/client/packed'), { recursive: true });
    await writeFile(join(dir, 'dist/client/packed/index.html.gz'), gzipSync('<p>packed page</p>'));
      const child = spawn(process.execPath, [join(dir, 'scripts/start.mjs')], {
        env: { PATH: process.env.PATH ?? '', PORT: String(await freePort()), BLAST_SKIP_BUILD: '1', BLAST_RUNNER_TOKEN: 'too-short' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c));
      child.stderr!.on('data', (c: Buffer) => (out += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(out).toContain('BLAST_RUNNER_TOKEN must be 32 to 128 letters');
      expect(out).not.toContain('is running at');
      expect(out).not.toContain('too-short');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
