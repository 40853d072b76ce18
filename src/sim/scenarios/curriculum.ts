/**
 * The curriculum's drill column (CURRICULUM.md, "D"), one entry per drill, in curriculum order, with
 * where each lives: a built-in scenario or a page feature. A test checks every entry against the
 * scenarios and the lessons, so the map and the library cannot drift apart silently.
 */
import type { LEVELS } from './schema';

export type CurriculumDrill = {
  /** The drill's name in the curriculum. */
  name: string;
  lesson: string;
  level: (typeof LEVELS)[number];
  /** Week of the 90-day plan; null beyond day 90 (staff). */
  week: number | null;
} & (
  | { scenario: string }
  | { page: string }
);

export const CURRICULUM_DRILLS: readonly CurriculumDrill[] = [
  { name: 'first incident, guided', lesson: 'production-mindset', level: 'junior', week: 1, scenario: 'first-incident' },
  { name: 'instance crash loop', lesson: 'health-checks', level: 'junior', week: 1, scenario: 'instance-crash-loop' },
  { name: 'retry storm', lesson: 'timeouts-retries', level: 'junior', week: 2, scenario: 'retry-storm' },
  { name: 'dependency outage', lesson: 'graceful-degradation', level: 'junior', week: 2, scenario: 'dependency-outage' },
  { name: 'slow query after deploy', lesson: 'indexes-n-plus-one', level: 'junior', week: 3, scenario: 'slow-query-after-deploy' },
  { name: 'cache flush stampede', lesson: 'caching-strategies', level: 'junior', week: 4, scenario: 'cache-flush-stampede' },
  { name: 'pool exhaustion', lesson: 'connection-pooling', level: 'junior', week: 4, scenario: 'pool-exhaustion' },
  { name: 'one bad instance', lesson: 'load-balancing', level: 'mid', week: 5, scenario: 'one-bad-instance' },
  { name: 'traffic spike', lesson: 'scaling-autoscaling', level: 'mid', week: 5, scenario: 'traffic-spike' },
  { name: 'memory limit / OOM kills', lesson: 'containers-orchestration', level: 'mid', week: 5, scenario: 'memory-limit-oom' },
  { name: 'overload', lesson: 'backpressure', level: 'mid', week: 6, scenario: 'overload' },
  { name: 'poison message', lesson: 'async-queues', level: 'mid', week: 6, scenario: 'poison-message' },
  { name: 'double charge', lesson: 'idempotency', level: 'mid', week: 7, scenario: 'double-charge' },
  { name: 'flag kill switch', lesson: 'feature-flags', level: 'mid', week: 7, scenario: 'flag-kill-switch' },
  { name: 'bad deploy caught by canary', lesson: 'canary-releases', level: 'mid', week: 8, scenario: 'canary-stop' },
  { name: 'failed rollout', lesson: 'deploy-strategies', level: 'mid', week: 8, scenario: 'bad-deploy' },
  { name: 'find the saturated resource', lesson: 'metrics-red-use', level: 'senior', week: 9, scenario: 'saturated-resource' },
  { name: 'slow burn', lesson: 'slo-burn-rate', level: 'senior', week: 9, scenario: 'slow-burn' },
  { name: 'full drill', lesson: 'incident-response', level: 'senior', week: 10, scenario: 'full-drill' },
  { name: 'write the postmortem', lesson: 'postmortems-runbooks', level: 'senior', week: 10, scenario: 'write-the-postmortem' },
  { name: 'memory leak', lesson: 'debugging-production', level: 'senior', week: 10, scenario: 'memory-leak' },
  { name: 'broker outage', lesson: 'transactional-outbox', level: 'senior', week: 11, scenario: 'broker-outage' },
  { name: 'slow dependency', lesson: 'circuit-breakers', level: 'senior', week: 11, scenario: 'slow-dependency' },
  { name: 'capacity lab', lesson: 'load-testing', level: 'senior', week: 11, scenario: 'capacity-lab' },
  { name: 'partition', lesson: 'consistency-cap', level: 'senior', week: 12, scenario: 'partition' },
  { name: 'migration locks a table', lesson: 'schema-changes', level: 'senior', week: 12, scenario: 'migration-locks-table' },
  { name: 'primary lost', lesson: 'backups-disaster-recovery', level: 'senior', week: 12, scenario: 'primary-lost' },
  { name: 'capacity review', lesson: 'capacity-planning', level: 'staff', week: null, scenario: 'capacity-review' },
  { name: 'design a game day', lesson: 'chaos-engineering', level: 'staff', week: null, page: 'the Staff checkpoint game-day designer (the learner builds the scenario)' },
  { name: 'commander drill', lesson: 'incident-commander', level: 'staff', week: null, scenario: 'commander-drill' },
  { name: 'noisy pager', lesson: 'on-call', level: 'staff', week: null, scenario: 'noisy-pager' },
];
