/**
 * Headless simulator: `npm run sim -- <scenario-id | queue | cache> [options]`.
 * Exit codes: 0 run completed, 2 bad usage (with a message saying what to fix).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  actionLogSchema,
  createSimulation,
  getScenario,
  runCacheLab,
  runQueueLab,
  SCENARIO_IDS,
  type TimedAction,
} from '../sim/index';
import { parseConsoleAction } from '../console/protocol';
import { debriefCommand } from './debrief';

const USAGE = `Usage: npm run sim -- <scenario-id | queue | cache> [options]

Runs the production simulator without a browser and prints what happened.

Targets:
  <scenario-id>        one of: ${SCENARIO_IDS.join(', ')}
  queue                queue lab: M/M/c (or M/M/c/K) with Poisson arrivals, exponential service
  cache                cache lab: LRU cache, Zipf key popularity

Options:
  --seed N             random seed (non-negative integer; default: the scenario's own, 1 for labs)
  --duration S         simulated seconds to run (scenarios and the queue lab)
  --actions FILE       JSON list of timed actions, e.g. [{"at": 600, "action": {"type": "rollback"}}]
  --json               print the summary as JSON
  --debrief            judge the run: the learner's figures beside par's and doing nothing's, the grade,
                       and each action's measured effect (with --json: all of it as JSON)
  --postmortem         print the blameless postmortem draft of the run as Markdown
  -h, --help           show this help

Queue lab:
  --arrival-rate R     arrivals per second (default 8)
  --service-rate R     services per second per server (default 10)
  --servers C          servers sharing one queue (default 1)
  --queue-limit K      waiting places; omit for an unbounded queue

Cache lab:
  --keys N             distinct keys (default 1000)
  --zipf A             Zipf exponent of key popularity (default 0.8)
  --capacity C         cache entries (default 100)
  --ttl S              entry time-to-live in seconds, 0 = none (default 0)
  --requests N         requests to simulate (default 200000)

Examples:
  npm run sim -- bad-deploy --seed 7 --json
  npm run sim -- queue --arrival-rate 8 --service-rate 5 --servers 2 --duration 3600
  npm run sim -- cache --keys 1000 --zipf 1.0 --capacity 100 --requests 300000
`;

class UsageError extends Error {}

const QUEUE_FLAGS = ['arrival-rate', 'service-rate', 'servers', 'queue-limit'] as const;
const CACHE_FLAGS = ['keys', 'zipf', 'capacity', 'ttl', 'requests'] as const;

function num(
  values: Record<string, string | boolean | undefined>,
  name: string,
  opts: { integer?: boolean; min?: number; positive?: boolean },
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--${name} needs a value`);
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
  if (opts.integer && !Number.isInteger(v)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  if (opts.positive && !(v > 0)) throw new UsageError(`--${name} must be greater than 0, got "${raw}"`);
  if (opts.min !== undefined && v < opts.min) throw new UsageError(`--${name} must be at least ${opts.min}, got "${raw}"`);
  return v;
}

function readActions(file: string): TimedAction[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --actions file "${file}": ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--actions file "${file}" is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = actionLogSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new UsageError(`--actions file "${file}" is not a valid action log:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** An --actions file for --debrief: system and comms actions (declare-incident, status-update, ...). */
function readConsoleActions(file: string): { at: number; action: unknown }[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read --actions file "${file}": ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`--actions file "${file}" must be a JSON list of {"at": seconds, "action": {...}}`);
  return data.map((entry, i) => {
    const e = entry as { at?: unknown; action?: unknown };
    if (typeof e?.at !== 'number' || !(e.at >= 0)) throw new UsageError(`--actions file "${file}": entry ${i}: "at" must be a number of seconds`);
    try {
      parseConsoleAction(e.action);
    } catch (error) {
      throw new UsageError(`--actions file "${file}": entry ${i}: ${(error as Error).message}`);
    }
    return { at: e.at, action: e.action };
  });
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '-' : Number.isFinite(x) ? Number(x.toFixed(digits)).toString() : String(x));

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        duration: { type: 'string' },
        actions: { type: 'string' },
        json: { type: 'boolean' },
        debrief: { type: 'boolean' },
        postmortem: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'arrival-rate': { type: 'string' },
        'service-rate': { type: 'string' },
        servers: { type: 'string' },
        'queue-limit': { type: 'string' },
        keys: { type: 'string' },
        zipf: { type: 'string' },
        capacity: { type: 'string' },
        ttl: { type: 'string' },
        requests: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('say what to run: a scenario id, "queue" or "cache"');
  if (positionals.length > 1) throw new UsageError(`one target at a time, got: ${positionals.join(' ')}`);
  const target = positionals[0]!;
  const seed = num(values, 'seed', { integer: true, min: 0 });
  const duration = num(values, 'duration', { positive: true });
  const json = values.json === true;
  const given = (names: readonly string[]) => names.filter((n) => values[n as keyof typeof values] !== undefined);

  if (target === 'queue') {
    const wrong = given(CACHE_FLAGS);
    if (wrong.length) throw new UsageError(`--${wrong[0]} is a cache lab option, not a queue lab one`);
    if (values.actions !== undefined) throw new UsageError('--actions applies to scenarios, not to labs');
    const params = {
      arrivalRate: num(values, 'arrival-rate', { positive: true }) ?? 8,
      serviceRate: num(values, 'service-rate', { positive: true }) ?? 10,
      servers: num(values, 'servers', { integer: true, min: 1 }) ?? 1,
      queueLimit: num(values, 'queue-limit', { integer: true, min: 0 }) ?? null,
      durationSeconds: duration ?? 3600,
    };
    const { summary, theory } = runQueueLab(params, seed ?? 1);
    if (json) {
      process.stdout.write(`${JSON.stringify({ lab: 'queue', params, summary, theory }, null, 2)}\n`);
      return 0;
    }
    const out = [
      `queue lab: lambda=${params.arrivalRate}/s mu=${params.serviceRate}/s servers=${params.servers} queue=${params.queueLimit ?? 'unbounded'} for ${params.durationSeconds}s (seed ${seed ?? 1})`,
      `  requests ${summary.requests}, served ${summary.succeeded}, rejected (queue full) ${summary.shed}, throughput ${fmt(summary.throughput)}/s`,
      `  response time mean ${fmt(summary.latencyMs.mean)} ms  p50 ${fmt(summary.latencyMs.p50)}  p95 ${fmt(summary.latencyMs.p95)}  p99 ${fmt(summary.latencyMs.p99)}`,
      `  time-average in system L=${fmt(summary.timeAverage.inSystem)}  in queue Lq=${fmt(summary.timeAverage.inQueue)}  (Little: lambda*W = ${fmt(summary.littlesLaw.lambdaW)})`,
      theory.W !== undefined
        ? `  theory (${theory.note}): rho=${fmt(theory.rho)} ErlangC=${fmt(theory.erlangC, 4)} W=${fmt(theory.W * 1000)} ms L=${fmt(theory.L)} Lq=${fmt(theory.Lq)}`
        : `  theory: ${theory.note}`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  }

  if (target === 'cache') {
    const wrong = given(QUEUE_FLAGS);
    if (wrong.length) throw new UsageError(`--${wrong[0]} is a queue lab option, not a cache lab one`);
    if (values.actions !== undefined) throw new UsageError('--actions applies to scenarios, not to labs');
    if (duration !== undefined) throw new UsageError('the cache lab runs a number of requests: use --requests instead of --duration');
    const params = {
      keys: num(values, 'keys', { integer: true, positive: true }) ?? 1000,
      zipf: num(values, 'zipf', { min: 0 }) ?? 0.8,
      capacity: num(values, 'capacity', { integer: true, positive: true }) ?? 100,
      ttlSeconds: num(values, 'ttl', { min: 0 }) ?? 0,
      requests: num(values, 'requests', { integer: true, positive: true }) ?? 200_000,
    };
    if (params.zipf > 3) throw new UsageError('--zipf must be at most 3');
    const { summary, steadyStateHitRatio, theory, warmupSeconds } = runCacheLab(params, seed ?? 1);
    if (json) {
      process.stdout.write(`${JSON.stringify({ lab: 'cache', params, summary, steadyStateHitRatio, warmupSeconds, theory }, null, 2)}\n`);
      return 0;
    }
    const out = [
      `cache lab: ${params.keys} keys, Zipf ${params.zipf}, capacity ${params.capacity}, ttl ${params.ttlSeconds || 'none'}, ${params.requests} requests (seed ${seed ?? 1})`,
      `  hit ratio overall ${fmt(summary.cache?.hitRatio ?? 0, 4)}, after warm-up ${fmt(steadyStateHitRatio, 4)}; evictions ${summary.cache?.evictions ?? 0}`,
      `  Che approximation: ${theory.cheHitRatio === null ? theory.note : fmt(theory.cheHitRatio, 4)}`,
      `  latency mean ${fmt(summary.latencyMs.mean)} ms  p50 ${fmt(summary.latencyMs.p50)}  p99 ${fmt(summary.latencyMs.p99)}`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  }

  if (!SCENARIO_IDS.includes(target)) {
    throw new UsageError(`unknown scenario "${target}"; known: ${SCENARIO_IDS.join(', ')} (or the labs "queue" and "cache")`);
  }
  const labFlags = given([...QUEUE_FLAGS, ...CACHE_FLAGS]);
  if (labFlags.length) throw new UsageError(`--${labFlags[0]} is a lab option; scenarios take --seed, --duration, --actions, --json`);
  if (values.debrief || values.postmortem) {
    if (duration !== undefined) throw new UsageError('--debrief and --postmortem judge whole runs: leave out --duration');
    const log = values.actions !== undefined ? readConsoleActions(values.actions) : [];
    const out = debriefCommand({ scenario: target, seed: seed ?? getScenario(target).seed ?? 1, log, json, postmortem: values.postmortem === true });
    process.stdout.write(out);
    return 0;
  }
  const actions = values.actions !== undefined ? readActions(values.actions) : [];
  const scenario = getScenario(target);
  const sim = createSimulation(scenario, { ...(seed !== undefined ? { seed } : {}), actions });
  sim.runUntil(duration ?? scenario.durationSeconds);
  const s = sim.summary();
  if (json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${scenario.title} (${scenario.id}), seed ${s.seed}, ${s.durationSeconds}s simulated`,
    `  requests ${s.requests}: ok ${s.succeeded}, failed ${s.errors}, shed ${s.shed}, in flight ${s.inFlight}; attempts ${s.attempts} (retries ${s.retries})`,
    `  throughput ${fmt(s.throughput)}/s, error ratio ${fmt(s.errorRatio * 100, 3)}%`,
    `  latency mean ${fmt(s.latencyMs.mean)} ms  p50 ${fmt(s.latencyMs.p50)}  p95 ${fmt(s.latencyMs.p95)}  p99 ${fmt(s.latencyMs.p99)}`,
    `  in system (time average) ${fmt(s.timeAverage.inSystem)}, waiting in queues ${fmt(s.timeAverage.inQueue)}`,
    ...(s.cache ? [`  cache hit ratio ${fmt(s.cache.hitRatio, 4)}`] : []),
    `  error budget burned: ${fmt(s.errorBudget.burnedPercent, 3)}% of ${s.errorBudget.windowDays} days at SLO ${s.errorBudget.slo}`,
    `  alerts: ${s.alerts.length ? s.alerts.map((a) => `${a.id} (${a.severity}) at ${a.firedAt}s${a.resolvedAt !== null ? `, resolved ${a.resolvedAt}s` : ''}`).join('; ') : 'none'}`,
    `  incident: ${s.incident.state}${s.incident.severity ? ` ${s.incident.severity}` : ''}; MTTD ${fmt(s.incident.mttd)}s, MTTA ${fmt(s.incident.mtta)}s, mitigated after ${fmt(s.incident.mttm)}s, MTTR ${fmt(s.incident.mttr)}s`,
    `  deployment: ${s.deployment.stable} (${s.deployment.lastOutcome ?? 'no deploys'})`,
    ...(s.actions.length ? [`  actions: ${s.actions.map((a) => `${a.at}s ${a.type}${a.accepted ? '' : ' (rejected)'}`).join(', ')}`] : []),
    ...s.success.map((c) => `  ${c.passed ? 'PASS' : 'FAIL'} ${c.detail}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`sim: ${e.message}\nRun "npm run sim -- --help" for usage.\n`);
    process.exitCode = 2;
  } else throw e;
}
