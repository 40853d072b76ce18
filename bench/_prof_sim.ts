import '../src/console/all-scenarios';
import { ConsoleRun } from '../src/console/run';
import { decodeRun } from '../src/console/share';
import { readFileSync } from 'node:fs';
const r = await decodeRun(readFileSync('/tmp/s24/link.txt', 'utf8'));
const settings = { source: { kind: 'custom' as const, scenario: r.scenario as Record<string, unknown> }, seed: r.seed, warmupSeconds: r.warmupSeconds, log: r.log };
const frames = process.env.FRAMES !== '0';
for (let i = 0; i < Number(process.env.N ?? 3); i++) {
  const c0 = process.cpuUsage();
  const { run } = ConsoleRun.load(settings, r.reachedSeconds, { frames });
  const c = process.cpuUsage(c0);
  console.log(`cpu ${((c.user + c.system) / 1000).toFixed(0)} ms t=${run.t}`);
}
