import type { InterviewQuestionInput } from './schema';

/** Mid: keep it maintainable, and ship it safely. */
export const MID_QUESTIONS: InterviewQuestionInput[] = [
  {
    id: 'idempotency-why',
    level: 'mid',
    seed: 'idempotency',
    question: 'What is idempotency, and why does it matter?',
    modelAnswer:
      'An operation is idempotent when doing it twice has the same effect as doing it once. It matters because in a distributed system a caller often cannot know whether a request worked: the response may be lost after the work was done. The only safe reaction to a timeout is to retry, so the operation has to make a retry harmless. ' +
      'GET, PUT and DELETE are idempotent by definition in HTTP; POST is not, so for creating a payment the client sends an idempotency key it made for that one logical operation. The server claims the key atomically, stores a fingerprint of the payload and the response, and replays the stored response on a retry; the same key with a different payload is an error. The record is kept for a window longer than any client would retry.',
    rubric: {
      covers: [
        'Definition: repeating has the same effect as doing it once',
        'The unknown outcome of a timeout makes retries unavoidable',
        'HTTP methods: POST is not idempotent',
        'Idempotency key made by the client per logical operation',
        'Atomic claim, payload fingerprint, stored response replayed',
        'Retention window for the keys',
      ],
      redFlags: ['Confuses idempotent with "returns the same response"', 'Deduplicates on the payload contents alone', 'Generates the key on the server per request'],
    },
    lessons: ['idempotency', 'timeouts-retries'],
    followUp: 'The same key arrives twice at the same moment, on two instances. What happens?',
  },
  {
    id: 'payment-timeout',
    level: 'mid',
    question: 'The client timed out while creating a payment. Did the payment happen? What should the client do?',
    modelAnswer:
      'It cannot know: the request may never have arrived, may still be running, or may have succeeded with the answer lost. So the client retries with the same idempotency key, after a backoff, within a deadline. ' +
      'On the server, a retry that arrives while the first attempt is still running finds the key claimed but not completed and gets a 409 (try again later); one that arrives after gets the stored response, whatever it was. A retry with the same key but a different body is a client bug: 422. The key and the payment must be written in the same transaction, or a crash between them leaves a claimed key with no payment. And the key travels downstream: the call to the card processor carries it too, or the edge is safe and the middle is not.',
    rubric: {
      covers: [
        'The outcome is unknown; retry with the same key',
        'In-progress duplicate gets a conflict, completed one gets the stored response',
        'Different payload with the same key is rejected',
        'Key and effect in one transaction; crash between claim and completion',
        'Key propagated to downstream calls with effects',
      ],
      redFlags: ['"Check the database to see if it happened" from the client', 'Retries with a fresh key'],
    },
    lessons: ['idempotency', 'transactions-acid'],
    followUp: 'How long do you keep the idempotency records, and where do they live?',
  },
  {
    id: 'ci-cd-pipeline',
    level: 'mid',
    seed: 'ci-cd-pipeline',
    question: 'What is in your CI/CD pipeline?',
    modelAnswer:
      'A sequence of checks that get more expensive as confidence grows, on one immutable artifact. A small pull request runs build, unit tests, linting and type checks, dependency and secret scanning; review; a merge queue so main stays green. The artifact is built once, tagged with the commit and signed; the same artifact goes to staging for integration and smoke tests, then to production progressively: a canary with automated analysis against the baseline, then the rest in steps, with automatic rollback when error rate or latency crosses the gate. ' +
      'New behaviour sits behind flags so deploy and release are separate. Database changes go in expand-and-contract steps so a rollback stays possible. I measure the pipeline with the DORA metrics: deploy frequency, lead time, change failure rate, time to restore.',
    rubric: {
      covers: [
        'Checks on the pull request: build, tests, lint, types, scans',
        'Build once, one immutable (signed) artifact promoted through environments',
        'Progressive production rollout with automated gates',
        'Automatic rollback, and migrations that keep rollback possible',
        'Feature flags separate deploy from release',
        'Measures the pipeline (DORA metrics)',
      ],
      redFlags: ['Rebuilds the artifact per environment', 'Deploys to all production at once with a manual check', 'No rollback path'],
    },
    lessons: ['deploy-strategies', 'delivery-at-scale', 'canary-releases'],
    followUp: 'How would you deploy a database schema change through this pipeline?',
  },
  {
    id: 'rollback-or-forward',
    level: 'mid',
    question: 'A deploy went wrong and errors are up. Do you roll back or roll forward?',
    modelAnswer:
      'Roll back first, almost always: mitigation comes before diagnosis. A rollback to the last good version is a known state and takes minutes; a fix written under pressure is an untested change. I roll forward only when rolling back is unsafe or impossible, for example when a migration already ran that the old version cannot read, or when the fix is a one-line config change that is faster and reverses itself. ' +
      'That is why the pipeline keeps rollback cheap: the previous artifact is still available, schema changes are expand then contract so both versions work, and risky behaviour sits behind a flag that can be turned off in seconds. After the rollback I confirm the error rate returned to the baseline before calling it mitigated.',
    rubric: {
      covers: [
        'Mitigate first: rollback restores a known state',
        'Names when rollback is unsafe (irreversible migration) and forward is right',
        'Flags as a faster undo than a deploy',
        'Keeps rollback possible: previous artifact, expand and contract',
        'Verifies recovery after the rollback',
      ],
      redFlags: ['Debugs in production while users keep failing', 'Hotfixes straight to production without the pipeline'],
    },
    lessons: ['deploy-strategies', 'incident-response', 'schema-changes'],
    followUp: 'Compare blue-green, rolling and canary on cost, rollback time and exposure.',
  },
  {
    id: 'traffic-spike',
    level: 'mid',
    seed: 'traffic-spike',
    question: 'How do you handle a sudden traffic spike?',
    modelAnswer:
      'By time scale. In the first seconds only what is already running helps: headroom in the fleet, a CDN that absorbs cacheable requests, and protecting the service from more work than it can do, with bounded queues, load shedding that returns a fast 503 with Retry-After, and per-client rate limits with 429. Shedding some requests keeps the rest fast; without it latency climbs for everyone and timeouts turn into retries. ' +
      'Within minutes, autoscaling adds capacity, but honestly: the metric lags, instances take time to boot, and nodes may need provisioning. Before the next spike: scheduled scaling for known events, faster startup, and scaling on a demand metric rather than CPU. Finally, name the limit that more app instances cannot fix, usually the shared database.',
    rubric: {
      covers: [
        'Separates seconds (headroom, CDN, shedding) from minutes (autoscaling)',
        'Bounded queues and load shedding with fast 503 and Retry-After',
        'Rate limits per client with 429',
        'Autoscaling reaction time: metric delay, boot time',
        'Planned events: scheduled scaling',
        'The shared bottleneck (database) that app scaling cannot relieve',
      ],
      redFlags: ['"Autoscaling handles it" and nothing else', 'Unbounded queues', 'Clients retrying without backoff'],
    },
    lessons: ['backpressure', 'scaling-autoscaling', 'caching-strategies'],
    followUp: 'Which requests would you shed first, and how do you choose the queue bound?',
  },
  {
    id: 'p99-10x',
    level: 'mid',
    question: 'Traffic went up 10% and p99 latency went up ten times. How can that be?',
    modelAnswer:
      'The service was already close to its capacity. Waiting time in a queue depends on the spare capacity, not on the load: for a single server the time in system is 1 / (mu - lambda). At 90% utilisation the spare capacity is 10% of mu; add 10% more traffic and it is close to zero, so waits explode, and the tail explodes first. Little\'s law says the number of requests in the system grows with it, which exhausts pools and threads. ' +
      'The fix is headroom (run at a utilisation where bursts still fit), efficiency, and a queue bounded in time, so that past the knee requests are shed quickly instead of all of them becoming slow.',
    rubric: {
      covers: [
        'Utilisation was already high',
        'Queueing: latency depends on mu - lambda, nonlinear near 1',
        'Little\'s law: concurrency grows with latency',
        'Remedies: headroom, efficiency, shedding with a bounded queue',
      ],
      redFlags: ['"Must be a bug in the new code" without considering load', 'Expects latency to grow linearly with load'],
    },
    lessons: ['backpressure', 'load-testing', 'capacity-planning'],
    followUp: 'How would you cap concurrency rather than rate, and with which numbers?',
  },
  {
    id: 'canary-passed-prod-broke',
    level: 'mid',
    question: 'The canary passed, but production broke at 100%. How?',
    modelAnswer:
      'A canary only sees what a small slice can show. Effects that appear only at full load: connection limits, a shared database or cache that the new version uses differently, a lock that only contends at scale. User segments too rare to land in 1% during the window. Leaks slower than the canary window. Metrics that did not cover the failure (a business metric such as bookings dropped while error rate stayed flat). A canary that ran at night with little traffic, so the comparison had no statistical power. ' +
      'A passing canary bounds the risk; it does not prove safety. So I keep the old version warm and ready for a fast rollback right after promotion, step up in several stages, and add a business metric to the analysis.',
    rubric: {
      covers: [
        'Load-dependent effects: shared resources, limits at scale',
        'Rare segments and short windows',
        'Slow leaks and missing metrics (business metric)',
        'Sample size: too little traffic to judge',
        'A canary bounds risk, does not prove safety; keep rollback ready',
      ],
      redFlags: ['"Canaries catch everything"', 'Cannot name what the canary measured'],
    },
    lessons: ['canary-releases', 'deploy-strategies'],
    followUp: 'How do you pick the canary weights and durations? Give the arithmetic.',
  },
  {
    id: 'container-limits',
    level: 'mid',
    question: 'What happens when a container exceeds its CPU limit? And its memory limit?',
    modelAnswer:
      'CPU is compressible: the kernel\'s scheduler throttles the container for the rest of each period, so it runs slower, latency goes up, especially the tail, and nothing is killed. That is why throttling metrics matter for latency-sensitive services. ' +
      'Memory is not compressible: when the container goes over its limit the kernel\'s OOM killer sends SIGKILL, the process exits with code 137, Kubernetes reports OOMKilled and restarts it with back-off. There is no graceful shutdown, so in-flight requests fail. Under node memory pressure, pods are evicted by QoS class: best-effort first, then burstable ones above their request, guaranteed last. I set memory limits from measured peaks and make runtimes aware of them (heap size).',
    rubric: {
      covers: [
        'CPU: throttling, slower, not killed',
        'Memory: OOM kill, SIGKILL, exit 137, restart with back-off',
        'No graceful shutdown on OOM: in-flight work lost',
        'QoS classes and eviction order',
        'Runtime heap sized to the limit',
      ],
      redFlags: ['Thinks the CPU limit kills the container', 'Sets no limits anywhere "to be safe"'],
    },
    lessons: ['containers-orchestration'],
    followUp: 'What is a container, and how is it different from a virtual machine?',
  },
  {
    id: 'deploy-vs-release',
    level: 'mid',
    question: 'What is the difference between deploying and releasing, and how do feature flags work?',
    modelAnswer:
      'Deploying puts new code on the servers; releasing exposes a behaviour to users. A deploy takes minutes and carries every change in it; a flag flip takes seconds and carries one. Separating them lets code ship dark and be turned on gradually, and turned off without a deploy. ' +
      'Inside, a flag is evaluated in order: a kill switch first, then targeting rules, then a percentage rollout, then a default. The rollout must be sticky: hash the flag key together with a stable user id into a bucket, so a user keeps their variant and different flags split users independently. Evaluation is local, with the last known configuration and a safe default if the flag service is down. Each variant needs its own metrics, or you cannot judge it.',
    rubric: {
      covers: [
        'Deploy = code on servers; release = behaviour exposed',
        'Undo cost: minutes and many changes versus seconds and one',
        'Evaluation order: kill switch, rules, rollout, default',
        'Sticky bucketing: hash of flag key and user id',
        'Local evaluation, last-known values, safe defaults',
        'Per-variant metrics',
      ],
      redFlags: ['Random per request rollout (users flip between variants)', 'No plan to remove old flags'],
    },
    lessons: ['feature-flags'],
    followUp: 'What can a flag not undo, and how do you keep the number of flags down?',
  },
  {
    id: 'worker-crash',
    level: 'mid',
    question: 'A queue worker crashes halfway through a job. Walk me through what happens.',
    modelAnswer:
      'The worker had received the message but not deleted it. When its visibility timeout expires the message becomes visible again with its receive count increased, and another worker takes it and runs the job from the start. So the queue gives at-least-once delivery, and the job must be idempotent: each step either checks whether it was already done (dedupe on the message id in the same transaction as the effect) or passes an idempotency key to external calls. ' +
      'The visibility timeout must be longer than a normal job, and long jobs extend it while they run. If a message keeps failing, after maxReceiveCount it goes to a dead-letter queue with an alert; I fix the cause and redrive at a controlled rate.',
    rubric: {
      covers: [
        'Message not deleted; reappears after the visibility timeout',
        'Receive count, another worker repeats the job',
        'At-least-once delivery means idempotent processing',
        'Sizing and extending the visibility timeout',
        'Poison messages: max receives, DLQ, alert, redrive',
      ],
      redFlags: ['Believes the queue guarantees exactly-once', 'Deletes the message before doing the work'],
    },
    lessons: ['async-queues', 'idempotency'],
    followUp: 'How many workers do you need, and what do you autoscale them on?',
  },
  {
    id: 'api-breaking-change',
    level: 'mid',
    question: 'How do you make a breaking change to a public API?',
    modelAnswer:
      'First decide whether it really has to break. The contract is broad: fields, types, meanings, enum values, status codes, defaults. Adding an optional field is compatible; removing or renaming one, tightening validation or changing a meaning is not; a new enum value breaks clients that assumed the list was closed. ' +
      'A breaking change becomes expand, migrate, contract: add the new field or version beside the old, move consumers over, then remove the old one. I version with a scheme I can defend (a version in the path, or dated versions pinned per account), announce with Deprecation and Sunset headers, and then measure usage per client, contact the ones left, run short brownouts so remaining callers notice, and decide the removal date from who is still using it.',
    rubric: {
      covers: [
        'Defines the contract broadly; knows compatible versus breaking changes',
        'Grey cases such as new enum values',
        'Expand, migrate, contract',
        'A versioning scheme with reasons',
        'Deprecation and Sunset headers, usage measured per client, brownouts',
      ],
      redFlags: ['Changes the field and "updates the docs"', 'Removes the old version on a fixed date without knowing who uses it'],
    },
    lessons: ['api-evolution'],
    followUp: 'How would you handle mobile clients you cannot force to upgrade?',
  },
  {
    id: 'manual-drift',
    level: 'mid',
    question: 'Someone changed production infrastructure by hand. How would you find out, and what then?',
    modelAnswer:
      'Infrastructure as code describes the desired state; a plan is the difference between desired and actual. So drift shows up as a non-empty plan when nothing changed in the code: I run plans on a schedule (or use a controller that reconciles continuously, as GitOps does) and alert when one is not empty. ' +
      'Then decide, with the person who changed it: revert, if the hand change was a mistake or a hot fix that should go through review, or adopt it, by writing it into the code so the next apply does not undo it. Either way the next apply must be boring. To make it rarer: changes through pull requests with the plan in review, read-only production access by default with break-glass access that is logged, and deletion guarded by prevent_destroy.',
    rubric: {
      covers: [
        'Desired state and plan as a diff; drift is a plan with no code change',
        'Scheduled plans or continuous reconciliation, with an alert',
        'Choice between reverting and adopting into the code',
        'Prevention: plans reviewed in pull requests, limited write access, break-glass',
        'Guarded destroys',
      ],
      redFlags: ['Runs apply and overwrites the change without asking why it was made', 'Blames the person and stops there'],
    },
    lessons: ['infrastructure-as-code'],
    followUp: 'What is in the state file, and why does it need a lock?',
  },
  {
    id: 'bad-instance',
    level: 'mid',
    question: 'One of your instances behind the load balancer is bad. How would you notice, and how would the system protect itself?',
    modelAnswer:
      'Per-instance metrics: error rate and latency by instance, with an alert on skew, because the fleet average hides one bad instance out of twenty. Readiness should test the real ability to serve, and the load balancer should do passive checks too: outlier detection that ejects an instance after consecutive 5xx, for a bounded time and never more than a share of the fleet. ' +
      'There is a trap with least-requests balancing: an instance that fails fast looks idle and gets more traffic, a black hole, so adaptive algorithms need error-aware health. And a health check that depends on the database must not take every instance out at once when the database blips: readiness can fail open when all instances fail together.',
    rubric: {
      covers: [
        'Per-instance metrics and an alert on skew',
        'Readiness that tests real serving ability',
        'Passive health or outlier ejection, bounded',
        'Fast-failing instance attracts traffic under least-requests',
        'Shared-dependency checks must not eject the whole fleet',
      ],
      redFlags: ['Relies on fleet-wide averages', 'Health check that only returns 200 from a static route'],
    },
    lessons: ['load-balancing', 'health-checks'],
    followUp: 'L4 or L7 load balancing: what can each see, and when does it matter for gRPC?',
  },
  {
    id: 'realtime-choice',
    level: 'mid',
    question: 'Polling, long polling, server-sent events or WebSockets: how do you choose?',
    modelAnswer:
      'I ask about direction (server to client only, or both ways), update rate, acceptable delay, number of clients, and what sits in between (proxies, load balancers, mobile networks). Then the arithmetic: polling costs clients / interval requests per second whether anything changed or not, 100,000 clients every 5 seconds is 20,000 requests per second. ' +
      'Server-sent events fit one-way feeds over plain HTTP, with reconnection and resume via Last-Event-ID built in. WebSockets fit frequent two-way traffic, but reconnection, resume and backpressure are mine to build. Polling is right when a delay of several seconds is fine and simplicity wins. For any streaming choice, I plan for deploys: connections drop, so clients reconnect with jitter and resume from an id.',
    rubric: {
      covers: [
        'Asks about direction, rate, delay, client count, infrastructure',
        'Polling cost arithmetic',
        'SSE: one-way, HTTP, built-in resume',
        'WebSockets: two-way, resume built by hand',
        'Reconnection with jitter and resume from an id during deploys',
      ],
      redFlags: ['"WebSockets for everything"', 'No plan for reconnects'],
    },
    lessons: ['realtime-updates'],
    followUp: 'How do you make sure a client that reconnects misses nothing?',
  },
  {
    id: 'hpa-decides',
    level: 'mid',
    question: 'How does a Kubernetes Horizontal Pod Autoscaler decide how many replicas to run?',
    modelAnswer:
      'Every 15 seconds it computes desired = ceil(current replicas x current metric / target), for example 10 pods at 90% CPU with a 60% target gives 15. It ignores changes within a 10% tolerance to avoid noise. On the way up, pods that are not ready yet count as 0% so boot time does not cause overshoot; scale-up is fast by default, while scale-down waits for a 300-second stabilisation window, using the highest recommendation in that window, so it does not flap. ' +
      'The honest part: the HPA reacts to a metric that lags, pods take time to become ready, and there may be no node for them. So the target utilisation must leave headroom for the minutes before new capacity serves, and CPU is a poor metric for I/O-bound services, where requests in flight or queue depth per pod works better.',
    rubric: {
      covers: [
        'The formula: ceil(replicas x metric / target)',
        'Tolerance and the 15-second loop',
        'Scale-down stabilisation window, and why (flapping)',
        'Not-ready pods and boot time',
        'Target leaves headroom; choosing a metric that measures demand',
      ],
      redFlags: ['Target utilisation of 95%', 'Thinks scaling is instant'],
    },
    lessons: ['scaling-autoscaling', 'containers-orchestration'],
    followUp: 'Scale up or scale out: when is each right?',
  },
];
