/**
 * Every action of src/sim/actions and every fault of src/sim/faults as a form: fields, defaults,
 * what it needs, whether it can be undone. Plain data without zod, so the page's main bundle can
 * carry it; a unit test holds it to the simulator's schemas (every type covered, defaults equal,
 * built values valid).
 */
import type { PlayerScenario } from './protocol';

/** Option lists that come from the running system rather than from the form. */
export type OptionSource = 'versions' | 'instances' | 'flags' | 'sources' | 'dependencies' | 'alerts';

interface Base {
  name: string;
  label: string;
  /** Shown under "More options", collapsed. */
  advanced?: boolean;
  help?: string;
}
export type FieldSpec =
  | (Base & { kind: 'number'; default?: number; min?: number; max?: number; step?: number; unit?: string; optional?: boolean })
  | (Base & { kind: 'select'; options: readonly string[] | OptionSource; default?: string; optional?: boolean })
  | (Base & { kind: 'boolean'; default: boolean })
  /** Leave as is / yes / no: a boolean the action may omit. */
  | (Base & { kind: 'tristate'; labels: readonly [string, string, string] })
  | (Base & { kind: 'numbers'; default: readonly number[] });

export type Needs = 'cache' | 'database' | 'queue' | 'flags' | 'dependencies';

export interface FormSpec {
  type: string;
  title: string;
  /** The submit button's text (its accessible name). */
  button: string;
  summary: string;
  fields: readonly FieldSpec[];
  needs?: Needs;
  /** Why it cannot be undone: such actions ask for confirmation. */
  irreversible?: string;
  /** Panels other than Actions that own the button (one button per name on the page). */
  panel?: 'alerts' | 'incident';
}

const pct = { kind: 'number', min: 0, max: 100, step: 1, unit: '%' } as const;

export const ACTION_FORMS: readonly FormSpec[] = [
  {
    type: 'deploy',
    title: 'Deploy a version',
    button: 'Deploy',
    summary: 'Roll out another version: rolling replaces instances in batches; canary shifts traffic in steps judged by statistics; blue-green switches all at once.',
    fields: [
      { name: 'version', label: 'Version', kind: 'select', options: 'versions' },
      { name: 'strategy', label: 'Strategy', kind: 'select', options: ['rolling', 'canary', 'blue-green'], default: 'rolling' },
      { name: 'steps', label: 'Canary steps (% of users)', kind: 'numbers', default: [10, 25, 50, 100], advanced: true },
      { name: 'batch', label: 'Rolling batch (instances at a time)', kind: 'number', default: 1, min: 1, step: 1, advanced: true },
      { name: 'analysisSeconds', label: 'Canary analysis window', kind: 'number', default: 60, min: 1, unit: 's', advanced: true },
      { name: 'failureThreshold', label: 'Failed analyses before automatic rollback', kind: 'number', default: 2, min: 1, step: 1, advanced: true },
      { name: 'bakeSeconds', label: 'Bake time before finishing', kind: 'number', default: 120, min: 1, unit: 's', advanced: true },
    ],
  },
  { type: 'rollback', title: 'Roll back', button: 'Rollback', summary: 'Go back to the previous version (or stop the deploy in progress).', fields: [] },
  {
    type: 'scale',
    title: 'Scale',
    button: 'Scale',
    summary: 'Set the number of instances; new ones take their boot time before they serve.',
    fields: [{ name: 'replicas', label: 'Instances', kind: 'number', min: 0, max: 200, step: 1 }],
  },
  {
    type: 'restart-instance',
    title: 'Restart an instance',
    button: 'Restart instance',
    summary: 'Drain one instance and boot a replacement.',
    fields: [{ name: 'instance', label: 'Instance', kind: 'select', options: 'instances' }],
    irreversible: 'Requests the instance is serving are cut off, and its memory state is gone.',
  },
  {
    type: 'set-flag',
    title: 'Feature flag',
    button: 'Set flag',
    summary: 'Change who gets a feature, or kill it.',
    needs: 'flags',
    fields: [
      { name: 'flag', label: 'Flag', kind: 'select', options: 'flags' },
      { name: 'percentage', label: 'Users who get it', ...pct, optional: true },
      { name: 'killed', label: 'Kill switch', kind: 'tristate', labels: ['leave as is', 'kill', 'restore'] },
    ],
  },
  {
    type: 'rate-limit',
    title: 'Rate limit at the edge',
    button: 'Apply rate limit',
    summary: 'A token bucket at the edge: excess requests get 429.',
    fields: [
      { name: 'enabled', label: 'Enabled', kind: 'boolean', default: true },
      { name: 'rps', label: 'Requests per second', kind: 'number', default: 100, min: 1, unit: '/s' },
      { name: 'burst', label: 'Burst', kind: 'number', default: 200, min: 1, advanced: true },
    ],
  },
  {
    type: 'load-shedding',
    title: 'Load shedding',
    button: 'Apply load shedding',
    summary: 'Drop requests that waited too long and bound the queues, so the rest are served in time.',
    fields: [
      { name: 'enabled', label: 'Enabled', kind: 'boolean', default: true },
      { name: 'maxQueueWaitMs', label: 'Longest wait before dropping', kind: 'number', default: 250, min: 1, unit: 'ms' },
      { name: 'maxQueue', label: 'Queue per instance', kind: 'number', default: 16, min: 0, step: 1, advanced: true },
    ],
  },
  {
    type: 'failover-db',
    title: 'Database failover',
    button: 'Fail over database',
    summary: 'Promote the replica to primary.',
    needs: 'database',
    fields: [],
    irreversible: 'The old primary does not come back as primary; writes fail while the replica is promoted.',
  },
  {
    type: 'force-breaker',
    title: 'Open a circuit by hand',
    button: 'Set circuit',
    summary: 'Make calls to a dependency fail fast without being sent, whatever its breaker says; or hand it back to the breaker.',
    needs: 'dependencies',
    fields: [
      { name: 'dependency', label: 'Dependency', kind: 'select', options: 'dependencies' },
      { name: 'open', label: 'Open the circuit (off: release it)', kind: 'boolean', default: true },
    ],
  },
  {
    type: 'flush-cache',
    title: 'Flush the cache',
    button: 'Flush cache',
    summary: 'Empty the cache: every read misses until it refills.',
    needs: 'cache',
    fields: [],
    irreversible: 'Every cached entry is gone; the database takes all reads until the cache warms up again.',
  },
  {
    type: 'warm-cache',
    title: 'Warm the cache',
    button: 'Warm cache',
    summary: 'Load the most popular keys into the cache, spread over some seconds.',
    needs: 'cache',
    fields: [
      { name: 'keys', label: 'Keys', kind: 'number', default: 2000, min: 1, step: 1 },
      { name: 'seconds', label: 'Over', kind: 'number', default: 60, min: 1, unit: 's' },
    ],
  },
  {
    type: 'set-retry-policy',
    title: 'Client retry policy',
    button: 'Set retry policy',
    summary: 'Ship a new retry policy to the clients.',
    fields: [
      { name: 'source', label: 'Clients', kind: 'select', options: 'sources', optional: true },
      { name: 'kind', label: 'Backoff', kind: 'select', options: ['none', 'fixed', 'exponential'], default: 'exponential' },
      { name: 'maxAttempts', label: 'Attempts at most', kind: 'number', default: 3, min: 1, max: 10, step: 1 },
      { name: 'jitter', label: 'Jitter', kind: 'select', options: ['none', 'full', 'equal', 'decorrelated'], default: 'full' },
      { name: 'budget', label: 'Retry budget', kind: 'select', options: ['none', 'throttle', 'ratio'], default: 'ratio' },
      { name: 'baseMs', label: 'Base delay', kind: 'number', default: 100, min: 0, unit: 'ms', advanced: true },
      { name: 'capMs', label: 'Longest delay', kind: 'number', default: 5000, min: 0, unit: 'ms', advanced: true },
    ],
  },
  {
    type: 'autoscaler',
    title: 'Autoscaler',
    button: 'Configure autoscaler',
    summary: 'Let the fleet follow CPU between a minimum and a maximum.',
    fields: [
      { name: 'enabled', label: 'Enabled', kind: 'boolean', default: true },
      { name: 'min', label: 'Minimum', kind: 'number', min: 1, step: 1, optional: true },
      { name: 'max', label: 'Maximum', kind: 'number', min: 1, step: 1, optional: true },
      { name: 'targetUtilization', label: 'Target CPU (0-1)', kind: 'number', min: 0.05, max: 0.95, step: 0.05, optional: true, advanced: true },
    ],
  },
  {
    type: 'cancel-migration',
    title: 'Cancel the migration',
    button: 'Cancel migration',
    summary: 'Stop a schema migration that holds a table lock; the lock is released and queued writes go through.',
    needs: 'database',
    fields: [],
  },
  {
    type: 'enable-dlq',
    title: 'Dead-letter queue',
    button: 'Enable dead-letter queue',
    summary: 'Park a message after it failed this many times, so one bad message cannot hold a worker forever.',
    needs: 'queue',
    fields: [{ name: 'maxReceives', label: 'Deliveries before dead-lettering', kind: 'number', default: 5, min: 1, max: 100, step: 1 }],
  },
  {
    type: 'enable-outbox',
    title: 'Transactional outbox',
    button: 'Switch checkout to the outbox',
    summary: 'Write each message with its order in one transaction; a relay publishes it when the broker can take it.',
    needs: 'queue',
    fields: [],
    irreversible: 'Nothing here switches checkout back to publishing directly.',
  },
  {
    type: 'route-reads',
    title: 'Route reads',
    button: 'Route reads',
    summary: 'Send reads to the replica (spreads load) or to the primary (never stale).',
    needs: 'database',
    fields: [{ name: 'to', label: 'Read from', kind: 'select', options: ['replica', 'primary'], default: 'primary' }],
  },
  {
    type: 'silence-alert',
    title: 'Silence an alert',
    button: 'Silence alert',
    summary: 'Stop an alert from paging for a while; it still shows on the dashboards.',
    fields: [
      { name: 'alert', label: 'Alert', kind: 'select', options: 'alerts' },
      { name: 'minutes', label: 'For', kind: 'number', default: 60, min: 1, max: 1440, step: 1, unit: 'min' },
    ],
    panel: 'alerts',
  },
  { type: 'acknowledge', title: 'Acknowledge', button: 'Acknowledge', summary: 'Tell the pager someone is on it.', fields: [], panel: 'alerts' },
  { type: 'resolve-incident', title: 'Resolve the incident', button: 'Resolve incident', summary: 'Close the incident once users are no longer hurt.', fields: [], panel: 'incident' },
];

const duration: FieldSpec = { name: 'duration', label: 'Lasts (empty: until fixed or the end)', kind: 'number', min: 1, unit: 's', optional: true };

/** Free play's faults: every type of src/sim/faults, with its parameters. */
export const FAULT_FORMS: readonly FormSpec[] = [
  {
    type: 'bad-deploy',
    title: 'Bad deploy',
    button: 'Inject fault',
    summary: 'A release that errors or is slow goes out.',
    fields: [
      // Not the schema's default "v2": free play's v2 is a good release the learner may deploy.
      { name: 'version', label: 'Version name', kind: 'select', options: ['bad-1', 'bad-2', 'bad-3'] },
      { name: 'strategy', label: 'Strategy', kind: 'select', options: ['rolling', 'canary', 'blue-green'], default: 'rolling' },
      { name: 'errorRate', label: 'Errors (0-1)', kind: 'number', default: 0.2, min: 0, max: 1, step: 0.01 },
      { name: 'latencyFactor', label: 'Slowdown factor', kind: 'number', default: 1, min: 0.1, step: 0.1 },
      { name: 'crashAfterSeconds', label: 'Processes exit after', kind: 'number', min: 1, unit: 's', optional: true, advanced: true },
      { name: 'leakMbPerMinute', label: 'Memory leak', kind: 'number', default: 0, min: 0, unit: 'MB/min', advanced: true },
      { name: 'leakConnectionsPerSecond', label: 'Database connections leaked per process', kind: 'number', default: 0, min: 0, step: 0.1, unit: '/s', advanced: true },
      { name: 'failureThreshold', label: 'Canary: failed analyses tolerated', kind: 'number', default: 2, min: 1, step: 1, advanced: true },
    ],
  },
  {
    type: 'flag-change',
    title: 'Flag change',
    button: 'Inject fault',
    summary: 'Someone else changes a feature flag\'s rollout; it stays until a flag action sets it back.',
    needs: 'flags',
    fields: [
      { name: 'flag', label: 'Flag', kind: 'select', options: 'flags' },
      { name: 'percentage', label: 'Users who get it', ...pct, default: 100 },
    ],
  },
  { type: 'instance-crash', title: 'Instance crash', button: 'Inject fault', summary: 'Instances die.', fields: [{ name: 'count', label: 'Instances', kind: 'number', default: 1, min: 1, step: 1 }] },
  { type: 'crash-loop', title: 'Crash loop', button: 'Inject fault', summary: 'Bad config: every instance crashes soon after it boots.', fields: [{ name: 'uptimeSeconds', label: 'Uptime before crash', kind: 'number', default: 15, min: 1, unit: 's' }, duration] },
  { type: 'memory-leak', title: 'Memory leak', button: 'Inject fault', summary: 'Memory grows until instances are killed.', fields: [{ name: 'mbPerMinute', label: 'Growth', kind: 'number', default: 60, min: 1, unit: 'MB/min' }, duration] },
  {
    type: 'slow-queries',
    title: 'Slow queries',
    button: 'Inject fault',
    summary: 'Database queries get slower.',
    needs: 'database',
    fields: [{ name: 'node', label: 'Node', kind: 'select', options: ['primary', 'replica', 'all'], default: 'all' }, { name: 'factor', label: 'Slowdown factor', kind: 'number', default: 10, min: 1 }, duration],
  },
  { type: 'pool-exhaustion', title: 'Connection leak', button: 'Inject fault', summary: 'Code leaks pooled connections.', needs: 'database', fields: [{ name: 'perSecond', label: 'Leaked per second', kind: 'number', default: 0.5, min: 0.01, step: 0.1 }, duration] },
  { type: 'db-primary-loss', title: 'Primary database lost', button: 'Inject fault', summary: 'The primary goes away.', needs: 'database', fields: [duration] },
  {
    type: 'network-partition',
    title: 'Network partition',
    button: 'Inject fault',
    summary: 'app-db: queries hang; db-replicas: replication stops.',
    needs: 'database',
    fields: [{ name: 'between', label: 'Between', kind: 'select', options: ['app-db', 'db-replicas'], default: 'app-db' }, duration],
  },
  { type: 'cache-flush', title: 'Cache flush', button: 'Inject fault', summary: 'Someone empties the cache.', needs: 'cache', fields: [] },
  {
    type: 'traffic-spike',
    title: 'Traffic spike',
    button: 'Inject fault',
    summary: 'Many more requests arrive.',
    fields: [{ name: 'factor', label: 'Times the usual traffic', kind: 'number', default: 3, min: 1, step: 0.5 }, { name: 'source', label: 'Clients', kind: 'select', options: 'sources', optional: true }, duration],
  },
  {
    type: 'dependency-outage',
    title: 'Dependency outage',
    button: 'Inject fault',
    summary: 'A dependency fails fast (errors) or stops answering (hang).',
    needs: 'dependencies',
    fields: [{ name: 'dependency', label: 'Dependency', kind: 'select', options: 'dependencies' }, { name: 'mode', label: 'Mode', kind: 'select', options: ['errors', 'hang'], default: 'errors' }, duration],
  },
  {
    type: 'dependency-latency',
    title: 'Slow dependency',
    button: 'Inject fault',
    summary: 'A dependency answers slowly.',
    needs: 'dependencies',
    fields: [{ name: 'dependency', label: 'Dependency', kind: 'select', options: 'dependencies' }, { name: 'factor', label: 'Slowdown factor', kind: 'number', default: 8, min: 1 }, duration],
  },
  {
    type: 'retry-storm',
    title: 'Retry storm',
    button: 'Inject fault',
    summary: 'Clients start retrying at once, without backoff; a short stall sets it off.',
    fields: [
      { name: 'source', label: 'Clients', kind: 'select', options: 'sources', optional: true },
      { name: 'attempts', label: 'Attempts', kind: 'number', default: 5, min: 2, max: 10, step: 1 },
      { name: 'triggerSeconds', label: 'Stall', kind: 'number', default: 20, min: 1, unit: 's', advanced: true },
      { name: 'triggerFactor', label: 'Stall slowdown', kind: 'number', default: 20, min: 1, advanced: true },
    ],
  },
  { type: 'disk-full', title: 'Disk full', button: 'Inject fault', summary: 'The database disk fills up: writes fail.', needs: 'database', fields: [duration] },
  { type: 'certificate-expiry', title: 'Certificate expiry', button: 'Inject fault', summary: 'The public TLS certificate expires.', fields: [duration] },
  {
    type: 'noisy-neighbour',
    title: 'Noisy neighbour',
    button: 'Inject fault',
    summary: 'Another tenant steals CPU from some instances.',
    fields: [{ name: 'instances', label: 'Instances', kind: 'number', default: 1, min: 1, step: 1 }, { name: 'factor', label: 'Slowdown factor', kind: 'number', default: 3, min: 1 }, duration],
  },
  {
    type: 'migration-table-lock',
    title: 'Migration locks a table',
    button: 'Inject fault',
    summary: 'A schema migration takes a table lock: writes slow down, then time out.',
    needs: 'database',
    fields: [
      { name: 'table', label: 'Table', kind: 'select', options: ['orders'], default: 'orders' },
      { name: 'slowSeconds', label: 'Slow phase', kind: 'number', default: 60, min: 0, unit: 's' },
      { name: 'slowFactor', label: 'Slowdown factor', kind: 'number', default: 8, min: 1, advanced: true },
      { name: 'statementTimeoutMs', label: 'Statement timeout', kind: 'number', default: 3000, min: 1, unit: 'ms', advanced: true },
      duration,
    ],
  },
  {
    type: 'memory-leak-oom',
    title: 'Memory leak to OOM kills',
    button: 'Inject fault',
    summary: 'Memory grows to the limit; the kernel kills instances and they restart.',
    fields: [{ name: 'mbPerMinute', label: 'Growth', kind: 'number', default: 240, min: 1, unit: 'MB/min' }, { name: 'limitMb', label: 'Memory limit', kind: 'number', min: 1, unit: 'MB', optional: true, advanced: true }, duration],
  },
  {
    type: 'poison-message',
    title: 'Poison message',
    button: 'Inject fault',
    summary: 'Messages that always fail are redelivered forever and hold workers.',
    needs: 'queue',
    fields: [{ name: 'count', label: 'Messages', kind: 'number', default: 2, min: 1, step: 1 }, { name: 'processSeconds', label: 'Time to fail', kind: 'number', default: 30, min: 1, unit: 's' }, duration],
  },
  { type: 'broker-outage', title: 'Message broker outage', button: 'Inject fault', summary: 'The broker refuses publishes; checkouts fail after their order is committed.', needs: 'queue', fields: [duration] },
  { type: 'replica-partition', title: 'Replica partition', button: 'Inject fault', summary: 'Replication stops; reads from the replica go stale.', needs: 'database', fields: [duration] },
  {
    type: 'flapping-alert',
    title: 'Flapping alert',
    button: 'Inject fault',
    summary: 'A noisy rule fires and resolves over and over with no user impact.',
    fields: [
      { name: 'alert', label: 'Alert name', kind: 'select', options: ['disk-latency-high'], default: 'disk-latency-high' },
      { name: 'severity', label: 'Severity', kind: 'select', options: ['page', 'ticket'], default: 'page' },
      { name: 'periodSeconds', label: 'Every', kind: 'number', default: 180, min: 1, unit: 's', advanced: true },
      { name: 'firingSeconds', label: 'Fires for', kind: 'number', default: 60, min: 1, unit: 's', advanced: true },
      duration,
    ],
  },
  {
    type: 'slow-query-deploy',
    title: 'Release with a slow query',
    button: 'Inject fault',
    summary: 'A release ships a query that is much slower on the database.',
    needs: 'database',
    fields: [
      { name: 'version', label: 'Version name', kind: 'select', options: ['slow-1', 'slow-2'] },
      { name: 'strategy', label: 'Strategy', kind: 'select', options: ['rolling', 'canary', 'blue-green'], default: 'rolling' },
      { name: 'factor', label: 'Slowdown factor', kind: 'number', default: 12, min: 1 },
    ],
  },
];

/** A form's values as the inputs hold them. */
export type FormValues = Record<string, string | boolean>;

/** What a select offers for this system (and the latest instances). */
export function optionsFor(field: Extract<FieldSpec, { kind: 'select' }>, scenario: PlayerScenario, instances: readonly string[]): readonly string[] {
  if (typeof field.options !== 'string') return field.options;
  switch (field.options) {
    case 'versions':
      return scenario.service.versions;
    case 'instances':
      return instances;
    case 'flags':
      return scenario.flags;
    case 'sources':
      return scenario.sources;
    case 'dependencies':
      return scenario.components.dependencies;
    case 'alerts':
      return scenario.alertRules.map((r) => r.id);
  }
}

export function available(spec: FormSpec, scenario: PlayerScenario): boolean {
  switch (spec.needs) {
    case undefined:
      return true;
    case 'cache':
      return scenario.components.cache;
    case 'database':
      return scenario.components.database;
    case 'queue':
      return scenario.components.queue;
    case 'flags':
      return scenario.flags.length > 0;
    case 'dependencies':
      return scenario.components.dependencies.length > 0;
  }
}

/** The inputs' starting values: the defaults, the first option, or what the system runs now. */
export function initialValues(spec: FormSpec, scenario: PlayerScenario, instances: readonly string[]): FormValues {
  const v: FormValues = {};
  for (const f of spec.fields) {
    if (f.kind === 'boolean') v[f.name] = f.default;
    else if (f.kind === 'tristate') v[f.name] = '';
    else if (f.kind === 'numbers') v[f.name] = f.default.join(', ');
    else if (f.kind === 'number') v[f.name] = f.default !== undefined ? String(f.default) : f.name === 'replicas' ? String(scenario.service.replicas) : '';
    else {
      const options = optionsFor(f, scenario, instances);
      const preferred = f.name === 'version' && spec.type === 'deploy' ? options.find((o) => o !== scenario.service.version) : undefined;
      v[f.name] = f.default ?? (f.optional ? '' : (preferred ?? options[0] ?? ''));
    }
  }
  return v;
}

/**
 * The action (or fault) the values describe. Empty optional fields are left out, so the simulator
 * applies its own defaults; anything else unreadable is passed on as text for the schema to name.
 */
export function buildFromForm(spec: FormSpec, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { type: spec.type };
  for (const f of spec.fields) {
    const raw = values[f.name];
    if (f.kind === 'boolean') out[f.name] = raw === true;
    else if (f.kind === 'tristate') {
      if (raw === 'yes') out[f.name] = true;
      else if (raw === 'no') out[f.name] = false;
    } else if (f.kind === 'numbers') {
      out[f.name] = String(raw ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
    } else if (f.kind === 'number') {
      const text = String(raw ?? '').trim();
      if (text === '' && f.optional) continue;
      out[f.name] = text === '' || !Number.isFinite(Number(text)) ? text : Number(text);
    } else {
      const text = String(raw ?? '');
      if (text === '' && f.optional) continue;
      out[f.name] = text;
    }
  }
  return out;
}

/** A fault form's values as the console's inject-fault action. */
export function faultAction(spec: FormSpec, values: FormValues): { type: 'inject-fault'; fault: Record<string, unknown> } {
  return { type: 'inject-fault', fault: buildFromForm(spec, values) };
}
