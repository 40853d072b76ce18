/** Per-second metrics that alert rules and stakeholder conditions can name. */
export const metricNames = [
  'edge.errorRatio',
  'edge.p99Ms',
  'edge.rate',
  'service.cpu',
  'service.queue',
  'db.poolWaiting',
  'mq.depth',
  'cache.hitRatio',
  'db.staleReadRatio',
  'outbox.backlog',
] as const;
export type MetricName = (typeof metricNames)[number];
