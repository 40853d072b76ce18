import type { InterviewQuestionInput } from './schema';

/** Senior: make the system reliable under failure, and run the incident. */
export const SENIOR_QUESTIONS: InterviewQuestionInput[] = [
  {
    id: 'production-outage',
    level: 'senior',
    seed: 'production-outage',
    question: 'How do you handle a production outage?',
    modelAnswer:
      'Detect, respond, mitigate, resolve, learn, filled in. Acknowledge the page and check the impact: which users, how many, since when, in numbers. Declare an incident with a severity, erring high, and take or assign the commander role so one person decides and others investigate. Ask what changed (a deploy, a flag, config, traffic) and undo it: mitigation first, with the fastest reversible action, before understanding the root cause. ' +
      'Communicate on a cadence: impact, scope, current action and the time of the next update. Keep a timeline as you go. Resolve only once recovery is verified in the metrics users feel, not because the action was taken. Then a blameless postmortem: contributing factors, not a culprit, and action items with owners and dates.',
    rubric: {
      covers: [
        'Assesses impact in numbers before acting',
        'Declares with a severity and assigns roles (one commander)',
        'Asks what changed; mitigates first with a reversible action',
        'Status updates on a cadence with the next update time',
        'Verifies recovery before resolving',
        'Blameless postmortem with owned action items',
      ],
      redFlags: ['Starts debugging the code while users keep failing', 'Hero mode: works alone and tells nobody', 'Looks for who caused it'],
    },
    lessons: ['incident-response', 'production-mindset', 'incident-commander'],
    followUp: 'Who decides to roll back, and what if the rollback is unsafe because a migration already ran?',
  },
  {
    id: 'mttr-metric',
    level: 'senior',
    question: 'What is MTTR, and is it a good metric?',
    modelAnswer:
      'Mean time to restore (or resolve, or recover: say which end point you use, mitigated or resolved, because they differ a lot). It averages the duration of incidents over a period. ' +
      'As a target it is weak. Teams have few incidents, so the sample is small; durations are heavily skewed, so one long incident dominates the mean; and the mean can move without anything real changing, for example when small incidents stop being declared. I prefer narrower measures that point at something to improve: time from page to acknowledgement, time from detection to the first mitigation, how often the first mitigation was a rollback, and how much error budget incidents burned. Medians and the distribution beat a single mean.',
    rubric: {
      covers: [
        'Defines it and names the end point (mitigated or resolved)',
        'Small samples and skewed durations',
        'The mean moves without real change (declaration habits)',
        'Narrower measures: time to acknowledge, time to mitigate, budget burned',
      ],
      redFlags: ['Sets a team target on MTTR alone', 'Does not know what it measures'],
    },
    lessons: ['incident-response', 'slo-burn-rate'],
    followUp: 'How does severity map to who gets woken up?',
  },
  {
    id: 'debug-production',
    level: 'senior',
    seed: 'debug-production',
    question: 'How would you debug a production issue?',
    modelAnswer:
      'Impact and mitigation first: if a recent change is suspected, roll it back and debug from a stable system. Then narrow with data: when did it start, what changed just before, which requests (endpoint, customer, region), which instances or versions. Form a hypothesis that predicts something I can check, and look for the data that would prove it wrong, not only the data that agrees. Test it read-only where possible, change one thing at a time, and write down what I ruled out. ' +
      'Tools for each question: metrics for when and how much, one failing request\'s id through structured logs across services, a trace for where the time went across services, a CPU profile for on-CPU time, heap snapshots for memory. Finally, make sure it would be detected sooner next time.',
    rubric: {
      covers: [
        'Impact and mitigation before root cause',
        'Narrows with data: start time, recent changes, which requests and instances',
        'A falsifiable hypothesis; looks for disproving evidence',
        'One change at a time; notes what was ruled out',
        'Right tool per question: metrics, logs by request id, traces, profiles',
      ],
      redFlags: ['Guesses and restarts things until it goes away', 'Starts with reading the code line by line', 'Changes several things at once'],
    },
    lessons: ['debugging-production', 'structured-logs', 'distributed-tracing'],
    followUp: 'How would you find which of 40 commits caused a regression?',
  },
  {
    id: 'memory-leak',
    level: 'senior',
    question: 'A Node.js service\'s memory grows until the container is killed. What do you do?',
    modelAnswer:
      'Confirm it is a leak: the floor after garbage collection keeps rising, rather than the heap just being large. Find what it grows with (time, requests, connections, tenants) and estimate the rate and the time until the limit, which tells me how urgent it is. Mitigate: roll back if a deploy started it, or restart on a schedule as a stopgap, clearly temporary. ' +
      'Then investigate on one instance taken out of rotation: three heap snapshots some minutes apart, compare them, and follow the retainers of what grew to the root that holds it. The usual holders are caches without bounds, event listeners added per request, closures kept by timers, and buffers off the JavaScript heap (check RSS against heap used). Fix, then keep a memory alert on the post-GC floor.',
    rubric: {
      covers: [
        'Confirms a leak (post-GC floor rising)',
        'Correlates growth with a driver; estimates time to the limit',
        'Mitigates first: rollback or scheduled restart as a stopgap',
        'Heap snapshots compared, retainers followed, on an instance out of rotation',
        'Names usual holders: caches, listeners, closures, timers, off-heap buffers',
      ],
      redFlags: ['Raises the memory limit and calls it fixed', 'Takes heap snapshots on an instance serving users at peak'],
    },
    lessons: ['debugging-production'],
    followUp: 'What is retained size, and why does it matter more than shallow size?',
  },
  {
    id: 'payment-metrics',
    level: 'senior',
    seed: 'payment-metrics',
    question: 'What metrics would you monitor for a payment service?',
    modelAnswer:
      'RED for each endpoint: rate, errors (split by cause: our 5xx, provider declines, validation errors, which mean different things) and duration as histograms. USE for the resources, including the software ones: the database connection pool, the worker queue and the concurrency towards the payment provider, where saturation gives the earliest warning. ' +
      'A business metric: payments completed per minute and the authorisation success rate, compared with the same time last week, because a silent failure shows there first. The provider\'s latency and error rate separately from ours. Idempotency replays and conflicts per client. SLOs on successful payments and latency, alerted on burn rate. And watch cardinality: no customer ids as labels.',
    rubric: {
      covers: [
        'RED per endpoint, latency as histograms',
        'Errors split by cause (ours, provider, validation)',
        'USE for resources, including pools and queues; saturation as early warning',
        'Business metric: payments completed, success rate against a baseline',
        'Dependency (provider) metrics separate from ours',
        'SLOs with burn-rate alerts; label cardinality',
      ],
      redFlags: ['CPU and memory only', 'Averages of latency', 'User ids as metric labels'],
    },
    lessons: ['metrics-red-use', 'slo-burn-rate', 'idempotency'],
    followUp: 'Our p99 looks fine but users complain. What could be wrong?',
  },
  {
    id: 'p99-fine-users-complain',
    level: 'senior',
    question: 'Our p99 latency looks fine, but users complain that the site is slow. What could be wrong?',
    modelAnswer:
      'Several ways a p99 can lie. Percentiles averaged across instances: the average of two p99s is not the p99 of the whole, you must merge histograms first. Summary metrics computed per instance that cannot be merged at all. Histogram buckets too coarse around the threshold. Fast errors mixed into latency, pulling the percentile down. One endpoint\'s p99 hiding another\'s, or one customer\'s. ' +
      'And the biggest: latency measured on the server, while users also wait in queues in front of it, in retries, in the network and in the browser. So I check where the measurement is taken, compare with client-side or edge timing, look at latency per endpoint and per customer, and at what users actually did (a page view needs many requests, so a 1% tail hits most pages).',
    rubric: {
      covers: [
        'Averaged percentiles across instances; merge histograms first',
        'Summaries cannot be merged; bucket resolution',
        'Fast errors lowering latency; one endpoint hiding another',
        'Server-side measurement misses queues, retries, network, client',
        'Fan-out: one page makes many requests, so the tail hits most users',
      ],
      redFlags: ['"The numbers are fine, users are wrong"', 'Looks only at the mean'],
    },
    lessons: ['metrics-red-use', 'distributed-tracing'],
    followUp: 'Design a monitoring dashboard for a microservice: what goes on the first screen?',
  },
  {
    id: 'rpo-rto',
    level: 'senior',
    question: 'What are RPO and RTO for your service, and how do you know they are true?',
    modelAnswer:
      'RPO is how much data, in time, you can lose; RTO is how long until service is back. They differ per scenario, so I give numbers for each: losing the primary with a synchronous standby in the region, RPO about zero and RTO a minute or two for failover; a regional disaster with asynchronous replication, RPO the replication lag, seconds, and RTO the time to promote and redirect; a bad DELETE, restore to a point in time from base backup plus WAL, RPO to the second before, RTO as long as the replay takes. ' +
      'I know them only from drills: when the last restore drill ran, how long it took end to end, and the worst-case WAL replay since the last base backup. A backup that has never been restored is a hope.',
    rubric: {
      covers: [
        'Defines RPO (data loss) and RTO (time to restore)',
        'Numbers per failure scenario, with the mechanism behind each',
        'Sync versus async replication trade-off',
        'Point-in-time recovery for human error',
        'Evidence from restore drills, not assumptions',
      ],
      redFlags: ['One number for every scenario', '"We have backups" without ever restoring one'],
    },
    lessons: ['backups-disaster-recovery'],
    followUp: 'How do you protect backups from someone who has production admin rights?',
  },
  {
    id: 'circuit-breaker',
    level: 'senior',
    question: 'Explain a circuit breaker. How does it work, and how does it interact with retries?',
    modelAnswer:
      'A breaker wraps calls to one dependency and stops calling it when it is failing, so callers fail fast instead of piling up waiting. Closed: calls pass, failures are counted over a rolling window (Hystrix: 10 seconds). It opens when there is enough volume (20 calls, so three failures at night do not trip it) and the error rate passes a threshold (50%). Open: calls are rejected at once, with a fallback. After a sleep window (5 seconds) it goes half-open and lets a trial call through; success closes it, failure opens it again. Slow calls can count as failures. ' +
      'With retries: put the retry outside the breaker so each attempt is counted, never retry a rejection from an open breaker, cap retries with a budget, back off with jitter. A breaker does not replace timeouts or bulkheads; it sits on top of them.',
    rubric: {
      covers: [
        'Purpose: fail fast instead of exhausting threads and pools',
        'Three states and transitions',
        'Numbers: window, minimum volume and why, threshold, sleep window',
        'What counts as a failure (including slow calls)',
        'Retries outside the breaker; no retry of open-circuit rejections',
        'Works with timeouts and bulkheads, not instead of them',
      ],
      redFlags: ['No minimum volume', 'Breaker without timeouts', 'Retries every rejection'],
    },
    lessons: ['circuit-breakers', 'timeouts-retries'],
    followUp: 'A downstream service is slow. Use Little\'s law to show how it takes your service down.',
  },
  {
    id: 'cap-theorem',
    level: 'senior',
    question: 'Explain the CAP theorem, and how it affects a design you would make.',
    modelAnswer:
      'Under a network partition a distributed store must choose between consistency (linearizability: every read sees the latest write, as if there were one copy) and availability (every non-failing node answers). Partitions are not optional in a real network, so the real question is what each operation does during one. PACELC adds the normal case: even without a partition, stronger consistency costs latency. ' +
      'The choice is per operation, not per system. In a booking system, selling a seat must be consistent: the minority side of a partition refuses rather than sells twice. Browsing, seat maps and recommendations can be available and slightly stale, served from replicas and caches. I would quantify the cost: the consistent path pays a cross-region round trip.',
    rubric: {
      covers: [
        'C as linearizability, A as every non-failing node answering',
        'Partitions are not optional: the choice is during a partition',
        'PACELC: latency versus consistency in the normal case',
        'Per-operation choice with a concrete example',
        'Quantifies the cost of the consistent path',
      ],
      redFlags: ['"Pick two of three" as if partitions were optional', 'Calls a database "CA"'],
    },
    lessons: ['consistency-cap', 'sharding-boring-tech'],
    followUp: 'Three replicas: how would you set R and W, and why is that still not linearizable?',
  },
  {
    id: 'trace-sampling',
    level: 'senior',
    question: 'How would you sample traces for a service doing 50,000 requests per second?',
    modelAnswer:
      'Start from the volume: 50,000 traces a second times, say, 20 spans of 500 bytes is 500 MB a second before sampling, which nobody wants to store. Head-based sampling decides at the first service (keep 1%, the decision travels in traceparent\'s sampled flag): cheap and consistent, but blind, since it decides before anyone knows the request will fail or be slow. ' +
      'Tail-based sampling decides after the trace is complete, so it can keep every error and every slow request plus a small share of normal ones; but collectors must buffer all spans and route them by trace id, which costs memory and infrastructure. I would combine them: a low head rate for a baseline, tail rules for errors and latency above the SLO threshold, and exemplars that link metric buckets to kept traces. And say what we can no longer answer, such as exact counts from traces.',
    rubric: {
      covers: [
        'Computes the volume first',
        'Head-based: cheap, consistent, blind to outcome',
        'Tail-based: keeps errors and slow requests, needs buffering collectors routed by trace id',
        'A combined policy, and what it can no longer answer',
        'Propagation of the sampling decision (traceparent flags)',
      ],
      redFlags: ['Keep every trace', 'Samples each service independently at random'],
    },
    lessons: ['distributed-tracing'],
    followUp: 'A request is slow and every service\'s dashboard looks fine. How do you find out why?',
  },
  {
    id: 'coordinated-omission',
    level: 'senior',
    question: 'What is coordinated omission in load testing?',
    modelAnswer:
      'A closed-loop load generator sends the next request only after the previous one answers. When the server stalls for two seconds, the generator stalls with it: it records one slow sample where, at the intended rate of 100 per second, two hundred requests would have been waiting. The slow period is under-represented, so the tail looks far better than users would see. ' +
      'The fix is an open model: requests are sent on a fixed schedule regardless of answers, and latency is measured from the intended start time, not from when the request was actually sent. Tools like wrk2 correct for it, and an arrival-rate executor in k6 avoids it. I also watch the generator itself, because a saturated generator produces the same distortion.',
    rubric: {
      covers: [
        'Closed loop waits for answers, so it stops sending during stalls',
        'Numbers: one sample where many requests would have been slow',
        'The tail is under-reported',
        'Open model on a fixed schedule; latency from the intended start',
        'Watches the load generator\'s own saturation',
      ],
      redFlags: ['Reports the average latency of a closed-loop test as the answer', 'Has never heard of open versus closed models'],
    },
    lessons: ['load-testing'],
    followUp: 'How would you load-test this service before launch, step by step?',
  },
  {
    id: 'blameless',
    level: 'senior',
    question: 'What does a blameless postmortem mean, and does it not let people off the hook?',
    modelAnswer:
      'Blameless means the analysis looks at conditions and safeguards rather than at who made the mistake, because people act reasonably given what they knew at the time, and because blame makes people hide the details the analysis needs. "Why did the system let a single command delete production data?" leads to a guard; "who ran it?" leads to silence next time. ' +
      'Accountability remains, in another form: people give a full and honest account, and they own the action items, with dates. Several contributing factors, each with its own action item, rather than a single root cause. Deliberate sabotage or reckless disregard is a different process, and rare. A good postmortem has impact in numbers, a timeline with milestones, and follow-up that actually changed the system.',
    rubric: {
      covers: [
        'Focus on conditions and safeguards, not people',
        'Why: honest accounts are needed; people acted reasonably with what they knew',
        'Accountability as full accounts and owned action items',
        'Several contributing factors instead of one root cause',
        'Impact in numbers, timeline, action items that get done',
      ],
      redFlags: ['"Human error" as the root cause', 'Names and shames in the document'],
    },
    lessons: ['postmortems-runbooks', 'incident-response'],
    followUp: 'How do you get action items done when they compete with feature work?',
  },
  {
    id: 'rename-column',
    level: 'senior',
    question: 'How would you rename a column on a big, busy table with zero downtime?',
    modelAnswer:
      'Not with a single RENAME: the running version of the app still reads the old name, and during the deploy both versions run. Expand, migrate, contract: add the new column; deploy a version that writes both and still reads the old; backfill the new column in batches by key range, idempotent and restartable, paced by replica lag; switch reads to the new column; stop writing the old; finally drop it. ' +
      'Each step is its own deploy with a rollback target that still works. Two traps: the race between backfill and dual writes (copy with a single statement per batch that does not overwrite newer values, or a trigger), and lock queueing, where an ALTER waiting for a lock behind a long transaction blocks every query after it, so every DDL runs with a short lock_timeout and retries.',
    rubric: {
      covers: [
        'Rejects a plain rename because old and new versions run together',
        'Expand, dual write, backfill, switch reads, contract',
        'Backfill in batches, restartable, paced by replica lag',
        'Rollback target at each step',
        'Lock queueing and lock_timeout; the backfill/dual-write race',
      ],
      redFlags: ['Runs the migration in the same deploy as the code that needs it', 'Backfills with one giant UPDATE'],
    },
    lessons: ['schema-changes', 'deploy-strategies'],
    followUp: 'A migration that should take milliseconds took the site down. What happened?',
  },
  {
    id: 'leaked-key',
    level: 'senior',
    question: 'A developer committed a cloud access key to a public repository. What now?',
    modelAnswer:
      'Revoke and rotate the key immediately: automated scanners find public keys within minutes, so assume it is already known, and removing the commit does not help because copies exist. Then check the audit logs for every use of the key since it was pushed: new instances, new users or keys, data read. If there was use, it is a security incident with its own process. ' +
      'Then clean up: remove it from history if only to stop the noise, and prevent the same path: push protection and secret scanning in CI, short-lived credentials instead of long-lived keys (workload identity, OIDC for CI), secrets in a manager, least privilege so a leaked key can do little. Blameless: the question is why a long-lived key with those rights was on a laptop.',
    rubric: {
      covers: [
        'Revoke and rotate first, immediately',
        'Assume it is already found; history rewrite is not a fix',
        'Audit logs for use of the key',
        'Prevention: push protection, secret scanning',
        'Short-lived credentials, secret manager, least privilege',
      ],
      redFlags: ['Deletes the commit and considers it done', 'Waits to see if anything happens'],
    },
    lessons: ['security-defaults'],
    followUp: 'Design rate limiting for a login endpoint.',
  },
  {
    id: 'error-budget-alerting',
    level: 'senior',
    question: 'What is an error budget, and how would you alert on it?',
    modelAnswer:
      'An SLO of 99.9% good requests over 30 days allows 0.1% bad: that is the error budget, about 43 minutes of full outage or one bad request in a thousand. When there is budget left the team ships; when it is spent, an agreed policy shifts work to reliability. ' +
      'Alerting on it uses burn rate: how fast the budget is being consumed compared with exactly spending it in 30 days. Spending 2% of the month\'s budget in one hour is a burn rate of 0.02 x 720 hours = 14.4. Multi-window, multi-burn-rate rules: page at 14.4x over 1 hour (confirmed over 5 minutes, so it resets fast), page at 6x over 6 hours (30 minutes), ticket at 3x over a day and 1x over three days. This gives high precision, so fewer false pages, and reasonable detection time, unlike a raw error-rate threshold.',
    rubric: {
      covers: [
        'SLI as good over valid events; SLO below 100%',
        'Budget in minutes and in requests',
        'Burn rate defined, with the 14.4 derivation',
        'Multi-window, multi-burn-rate tiers: pages and tickets',
        'Precision, recall, detection and reset time',
        'An error budget policy that changes priorities',
      ],
      redFlags: ['Targets 100%', 'Pages on every error spike above a fixed threshold'],
    },
    lessons: ['slo-burn-rate', 'on-call'],
    followUp: 'How do you alert for a low-traffic service where one error is 5% of the hour?',
  },
  {
    id: 'outbox',
    level: 'senior',
    question: 'How do you make sure an event is published whenever an order is saved?',
    modelAnswer:
      'The problem is the dual write: save to the database and publish to the broker are two systems, and either order leaves a window where one happened and not the other (publish then crash before commit: an event for an order that does not exist; commit then crash before publish: a lost event). ' +
      'The transactional outbox: in the same database transaction as the order, insert a row into an outbox table. A relay (polling the table, or change data capture from the log) publishes the rows and marks them published. That gives at-least-once publication, so consumers deduplicate on the event id, in the same transaction as their effect. For order, key messages by order id so one order\'s events share a partition. Two-phase commit is not the answer: few brokers support it, the coordinator blocks, and it couples the availability of both systems.',
    rubric: {
      covers: [
        'Names the dual-write problem and both failure orders',
        'Outbox row in the same transaction',
        'Relay by polling or CDC',
        'At-least-once: idempotent consumers deduplicating by event id',
        'Ordering per aggregate by keying',
        'Why not two-phase commit',
      ],
      redFlags: ['Publishes inside the transaction and calls it atomic', 'Claims exactly-once delivery'],
    },
    lessons: ['transactional-outbox', 'async-queues'],
    followUp: 'Can you get exactly-once delivery? Explain precisely.',
  },
  {
    id: 'failover-runbook',
    level: 'senior',
    question: 'Write (out loud) a runbook for a database failover.',
    modelAnswer:
      'Trigger: the alert that links to it, and the symptom. Confirm first: is the primary really down, or is it a network partition between the monitor and the primary? Check replication lag on each replica, because promoting a lagging replica loses every write it has not received. Decision rule: lag under the threshold, proceed; above it, someone named approves the data loss. ' +
      'Safe order: fence the old primary so it cannot accept writes (stop it, revoke its address, or cut it off), and verify the fence; promote the most up-to-date replica; repoint clients (DNS, proxy or service discovery) and make pools drop old connections; verify with a real write and the error rate. Communicate at each step. Afterwards: rebuild the old primary as a replica, and check for writes only it received. The runbook is tested with a drill each quarter.',
    rubric: {
      covers: [
        'Confirms the failure; partition versus real outage',
        'Checks replica lag; decision rule for data loss',
        'Fences the old primary before promoting, and verifies the fence',
        'Promotes the most current replica, repoints clients and pools',
        'Verifies with real writes and metrics; communicates',
        'Rebuilds the old node; tests the runbook with drills',
      ],
      redFlags: ['Promotes without fencing (split brain)', 'Never checks replication lag'],
    },
    lessons: ['postmortems-runbooks', 'backups-disaster-recovery', 'connection-pooling'],
    followUp: 'What happens to clients holding pooled connections to the old primary?',
  },
];
