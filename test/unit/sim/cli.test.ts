import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

function sim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run sim', () => {
  it('runs labs and scenarios, prints JSON summaries, and rejects bad usage with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    const actions = join(dir, 'actions.json');
    writeFileSync(actions, JSON.stringify([{ at: 100, action: { type: 'load-shedding' } }]));
    const badActions = join(dir, 'bad.json');
    writeFileSync(badActions, JSON.stringify([{ at: 'soon', action: { type: 'rollback' } }]));
    const [help, queue, cache, scenario, none, unknown, wrongFlag, badSeed, invalidLog] = await Promise.all([
      sim(['--help']),
      sim(['queue', '--arrival-rate', '8', '--service-rate', '5', '--servers', '2', '--duration', '2000', '--json']),
      sim(['cache', '--keys', '500', '--zipf', '0.8', '--capacity', '50', '--requests', '50000', '--json']),
      sim(['retry-storm', '--seed', '3', '--duration', '200', '--actions', actions, '--json']),
      sim([]),
      sim(['black-friday']),
      sim(['queue', '--capacity', '10']),
      sim(['bad-deploy', '--seed', 'x']),
      sim(['bad-deploy', '--actions', badActions]),
    ]);
    rmSync(dir, { recursive: true, force: true });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--arrival-rate');
    expect(help.stdout).toContain('retry-storm');

    expect(queue.code).toBe(0);
    const q = JSON.parse(queue.stdout);
    expect(q.summary.requests).toBeGreaterThan(10_000);
    for (const k of ['requests', 'throughput', 'errors', 'latencyMs', 'timeAverage', 'alerts', 'errorBudget']) expect(q.summary).toHaveProperty(k);
    expect(q.summary.latencyMs).toHaveProperty('p99');
    expect(q.theory.W).toBeCloseTo(0.5556, 3);

    expect(cache.code).toBe(0);
    const c = JSON.parse(cache.stdout);
    expect(c.summary.cache.hitRatio).toBeGreaterThan(0.2);
    expect(c.theory.cheHitRatio).toBeGreaterThan(0.2);

    expect(scenario.code).toBe(0);
    const s = JSON.parse(scenario.stdout);
    expect(s.scenario).toBe('retry-storm');
    expect(s.seed).toBe(3);
    expect(s.actions).toEqual([{ at: 100, type: 'load-shedding', accepted: true, message: 'config push takes 10s' }]);

    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/say what to run/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scenario "black-friday"; known: .*bad-deploy/);
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toMatch(/--capacity is a cache lab option/);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed must be a number/);
    expect(invalidLog.code).toBe(2);
    expect(invalidLog.stderr).toMatch(/not a valid action log:\n {2}- 0\.at:/);
  });
});
