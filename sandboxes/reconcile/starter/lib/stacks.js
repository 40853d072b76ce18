// Fernhill Books' stack from the lesson, before and after the change that adds a session cache.
// A configuration is { [address]: { attrs, dependsOn } }; a dependency is another address.

/** What runs in production today. */
export function fernhillToday() {
  return {
    'vpc.main': { attrs: { cidr: '10.0.0.0/16' }, dependsOn: [] },
    'security_group.lb': { attrs: { vpc: 'main', ingress: [443] }, dependsOn: ['vpc.main'] },
    'security_group.app': { attrs: { vpc: 'main', ingress: [8080] }, dependsOn: ['vpc.main', 'security_group.lb'] },
    'database.orders': { attrs: { engine: 'postgres16', size: 'db.r7g.large', deletion_protection: true, tags: { team: 'orders', env: 'prod' } }, dependsOn: ['vpc.main'] },
    'launch_template.app': { attrs: { image: 'app-v41', instance_type: 'm7g.large', user_data: 'CACHE_HOST=' }, dependsOn: ['security_group.app'] },
    'autoscaling_group.app': { attrs: { min: 2, max: 6, template_version: 7 }, dependsOn: ['launch_template.app'] },
    'queue.legacy_events': { attrs: { fifo: false, retention_days: 4 }, dependsOn: [] },
    'iam_policy.app': { attrs: { statements: ['s3:GetObject books/*', 'sqs:SendMessage legacy_events'] }, dependsOn: ['queue.legacy_events'] },
    'instance.bastion': { attrs: { ami: 'ami-2024-01', size: 't4g.micro' }, dependsOn: ['vpc.main'] },
  };
}

/**
 * The reviewed change: a Redis cache for sessions, the app pointed at it, the bastion on a new
 * image, and the unused queue removed. Expected plan: 2 to add, 4 to change, 2 to destroy.
 * (Written in no particular order, as people write configuration.)
 */
export function fernhillWithCache() {
  return {
    'autoscaling_group.app': { attrs: { min: 2, max: 6, template_version: 8 }, dependsOn: ['launch_template.app'] },
    'launch_template.app': { attrs: { image: 'app-v42', instance_type: 'm7g.large', user_data: 'CACHE_HOST=cache.sessions' }, dependsOn: ['security_group.app', 'cache.sessions'] },
    'cache.sessions': { attrs: { engine: 'redis', node_type: 'cache.t4g.small', nodes: 1 }, dependsOn: ['security_group.app'] },
    'security_group.app': { attrs: { vpc: 'main', ingress: [443] }, dependsOn: ['vpc.main', 'security_group.lb'] },
    'security_group.lb': { attrs: { ingress: [443], vpc: 'main' }, dependsOn: ['vpc.main'] },
    'iam_policy.app': { attrs: { statements: ['s3:GetObject books/*'] }, dependsOn: [] },
    'instance.bastion': { attrs: { ami: 'ami-2026-02', size: 't4g.micro' }, dependsOn: ['vpc.main'] },
    'database.orders': { attrs: { tags: { env: 'prod', team: 'orders' }, size: 'db.r7g.large', engine: 'postgres16', deletion_protection: true }, dependsOn: ['vpc.main'] },
    'vpc.main': { attrs: { cidr: '10.0.0.0/16' }, dependsOn: [] },
  };
}
