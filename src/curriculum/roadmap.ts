import type { Level } from '../schemas/lesson';

/**
 * The full curriculum map (shared/CURRICULUM.md). Topics with a `lesson` id are written and live in
 * lessons/; the rest are shown on the plan as "in preparation" so a learner sees the whole 90 days.
 * A unit test keeps this map and the lessons' own frontmatter (level, week) in agreement.
 */
export interface RoadmapTopic {
  title: string;
  level: Level;
  week: number | null;
  lesson?: string;
  sandbox: boolean;
  drill: boolean;
}

const t = (week: number | null, level: Level, title: string, sandbox: boolean, drill: boolean, lesson?: string): RoadmapTopic => ({
  title,
  level,
  week,
  sandbox,
  drill,
  ...(lesson ? { lesson } : {}),
});

export const ROADMAP: RoadmapTopic[] = [
  // Month 1: Foundation (junior)
  t(1, 'junior', 'The production mindset: what survives failure, blast radius, owning what you ship', false, true, 'production-mindset'),
  t(1, 'junior', 'Health checks, readiness vs liveness, graceful shutdown', true, true, 'health-checks'),
  t(1, 'junior', 'Structured logs, log levels, correlation ids', true, false, 'structured-logs'),
  t(2, 'junior', 'Fail fast: validate input at the edge, clear errors', true, false, 'fail-fast'),
  t(2, 'junior', 'Timeouts and retries with exponential backoff and jitter', true, true, 'timeouts-retries'),
  t(2, 'junior', 'Error handling users can act on; graceful degradation and fallbacks', true, true, 'graceful-degradation'),
  t(3, 'junior', 'Indexes, N+1 queries, algorithmic cost', true, true, 'indexes-n-plus-one'),
  t(3, 'junior', 'Transactions and ACID', true, false, 'transactions-acid'),
  t(3, 'junior', 'Testing strategy: the test pyramid, contract tests, coverage of behaviour not lines', true, false, 'testing-strategy'),
  t(4, 'junior', 'Caching strategies: cache-aside, write-through, write-behind, TTLs, stampedes', true, true, 'caching-strategies'),
  t(4, 'junior', 'Connection pooling and resource limits', false, true, 'connection-pooling'),
  // Month 2: Scaling (mid)
  t(5, 'mid', 'Load balancing, health-checked pools, stateless services', false, true, 'load-balancing'),
  t(5, 'mid', 'Vertical vs horizontal scaling, autoscaling, CDN', false, true, 'scaling-autoscaling'),
  t(5, 'mid', 'Containers and orchestration: images, probes, requests and limits, rolling updates, HPA', false, true, 'containers-orchestration'),
  t(6, 'mid', 'Backpressure, bounded queues, load shedding, rate limiting', true, true, 'backpressure'),
  t(6, 'mid', 'Thinking async: queues, workers, dead-letter queues', true, true, 'async-queues'),
  t(6, 'mid', 'Real-time updates and UX under failure: polling, SSE, WebSockets, optimistic updates', true, false, 'realtime-updates'),
  t(7, 'mid', 'Idempotency keys and safe retries', true, true, 'idempotency'),
  t(7, 'mid', 'Deploy is not release: feature flags, kill switches, percentage rollouts', true, true, 'feature-flags'),
  t(7, 'mid', 'API contracts and backward compatibility: versioning, tolerant readers, deprecation', true, false, 'api-evolution'),
  t(8, 'mid', 'Canary releases and automated canary analysis', true, true, 'canary-releases'),
  t(8, 'mid', 'Blue-green and rolling deploys, rollbacks, CI/CD pipeline stages', false, true, 'deploy-strategies'),
  t(8, 'mid', 'Infrastructure as code and GitOps: desired state, plan/apply, drift', true, false, 'infrastructure-as-code'),
  // Month 3: Production excellence (senior)
  t(9, 'senior', 'Metrics that matter: RED and USE, histograms and percentiles', false, true, 'metrics-red-use'),
  t(9, 'senior', 'SLIs, SLOs, error budgets, burn-rate alerting; alert fatigue', true, true, 'slo-burn-rate'),
  t(9, 'senior', 'Distributed tracing: spans, context propagation (W3C traceparent), sampling', true, false, 'distributed-tracing'),
  t(10, 'senior', 'Incident response: detect, respond, mitigate, resolve, learn', false, true, 'incident-response'),
  t(10, 'senior', 'Blameless postmortems and runbooks', false, true, 'postmortems-runbooks'),
  t(10, 'senior', 'Debugging production: stack traces, heap growth, the five whys', false, true, 'debugging-production'),
  t(11, 'senior', 'Transactional outbox and idempotent consumers', true, true, 'transactional-outbox'),
  t(11, 'senior', 'Circuit breakers and bulkheads', true, true, 'circuit-breakers'),
  t(11, 'senior', 'Load testing and performance budgets: open vs closed load, coordinated omission, the knee', true, true, 'load-testing'),
  t(12, 'senior', 'Consistency and CAP: replication, quorums, partitions', true, true, 'consistency-cap'),
  t(12, 'senior', 'Safe schema changes: expand-contract, dual writes, backfills', true, true, 'schema-changes'),
  t(12, 'senior', 'Security by default: headers, least privilege, secrets, rate limits', true, false, 'security-defaults'),
  t(12, 'senior', 'Backups and disaster recovery: RPO, RTO, failover', false, true, 'backups-disaster-recovery'),
  // Beyond day 90 (staff)
  t(null, 'staff', 'Capacity planning and back-of-envelope numbers; cost vs performance', false, true, 'capacity-planning'),
  t(null, 'staff', 'Chaos engineering and game days: steady-state hypothesis', false, true, 'chaos-engineering'),
  t(null, 'staff', 'Sharding, federation, choosing boring technology', false, false, 'sharding-boring-tech'),
  t(null, 'staff', 'Leading an incident as commander; communicating status', false, true, 'incident-commander'),
  t(null, 'staff', 'On-call that lasts: rotations, escalation, handoffs, alert fatigue', false, true, 'on-call'),
  t(null, 'staff', 'Delivery at team scale: trunk-based vs gitflow, small reviews, semver and dependency hygiene', false, false, 'delivery-at-scale'),
];

/** Topics of a week (or of "beyond day 90" for null) that have no lesson yet. */
export function upcomingTopics(week: number | null): RoadmapTopic[] {
  return ROADMAP.filter((topic) => topic.week === week && !topic.lesson);
}

export function upcomingForLevel(level: Level): RoadmapTopic[] {
  return ROADMAP.filter((topic) => topic.level === level && !topic.lesson);
}
