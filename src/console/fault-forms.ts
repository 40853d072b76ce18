/**
 * Every fault of src/sim/faults as a form, for free play's "Inject fault" and a game day's design
 * (form-spec.ts says what a form is). A unit test holds them to the simulator's fault schemas.
 */
import { buildFromForm, pct, type FieldSpec, type FormSpec, type FormValues } from './form-spec';

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

/** A fault form's values as the console's inject-fault action. */
export function faultAction(spec: FormSpec, values: FormValues): { type: 'inject-fault'; fault: Record<string, unknown> } {
  return { type: 'inject-fault', fault: buildFromForm(spec, values) };
}
