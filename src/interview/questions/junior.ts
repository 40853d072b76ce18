import type { InterviewQuestionInput } from './schema';

/** Junior: make it work, and know what happens when it does not. */
export const JUNIOR_QUESTIONS: InterviewQuestionInput[] = [
  {
    id: 'junior-vs-senior',
    level: 'junior',
    seed: 'junior-vs-senior',
    question: 'What is the difference between a junior and a senior engineer?',
    modelAnswer:
      'Not the number of years. The difference is the size of the question you ask about your work. A junior engineer asks how to make a feature work. A mid-level engineer asks how to keep it easy to change. A senior engineer asks how the system behaves when parts of it fail, and owns it in production. A staff engineer asks how many teams can ship safely at once. ' +
      'For my own changes that means three questions before I ship: what is the blast radius if this is wrong, how will I know within minutes that it is wrong, and how do I undo it. Seniority shows in habits such as putting risky changes behind a flag, adding the alert with the feature, and mentoring others to ask the same questions.',
    rubric: {
      covers: [
        'Rejects years of experience as the measure',
        'Describes a growing scope: feature, component, system, organisation',
        'Names reliability questions: blast radius, detection, undo',
        'Gives a concrete habit or example from their own work',
        'Mentions ownership of production and helping others grow',
      ],
      redFlags: ['Counts years or lines of code', 'Describes seniority as knowing more frameworks', 'Treats operations as someone else\'s job'],
    },
    lessons: ['production-mindset'],
    followUp: 'Tell me about a time you broke production. What changed afterwards?',
  },
  {
    id: 'safe-to-ship',
    level: 'junior',
    question: 'How do you decide whether a change is safe to ship?',
    modelAnswer:
      'I look at three things. Blast radius: who is affected if it is wrong, all users or a small group, and whether it touches money or data. Reversibility: can I undo it in minutes (a rollback or a flag) or is part of it permanent, such as a data migration or an email sent. Observability: would I notice within minutes, because an alert or a dashboard shows the symptom users would feel. ' +
      'Then I size the caution to the answer: small, reversible, observable changes ship normally; anything else gets a canary or a flag for a small percentage, and irreversible steps are split out and run separately, after the reversible part has proven itself.',
    rubric: {
      covers: [
        'Blast radius: who and what is affected if it is wrong',
        'Reversibility: undo in minutes, and which steps are irreversible',
        'Observability: how you would know quickly',
        'Progressive exposure: canary or feature flag',
        'Separates irreversible steps such as migrations',
      ],
      redFlags: ['"The tests pass, so it is safe"', 'No plan to undo', 'Ships everything to everyone at once by default'],
    },
    lessons: ['production-mindset', 'feature-flags'],
    followUp: 'What is an error budget, and who decides what happens when it is spent?',
  },
  {
    id: 'code-quality',
    level: 'junior',
    seed: 'code-quality',
    question: 'How do you ensure code quality?',
    modelAnswer:
      'With a strategy, not a list of tools. Fast unit tests for logic, integration tests at the seams against real dependencies such as the database, a few end-to-end journeys, and contract tests between services, all run in CI and blocking the merge. Code review on small changes, linters and type checks to catch whole classes of mistakes cheaply. ' +
      'The design matters as much: validate input at the edges, check configuration at startup and fail fast, so a bad change stops during the rollout instead of paging someone at night. And quality continues in production: canaries, synthetic checks and SLO alerts catch what tests could not. I judge tests by behaviour covered, not line coverage.',
    rubric: {
      covers: [
        'Tests at several levels, each for what it catches best',
        'CI as a blocking gate, and review of small changes',
        'Static checks: types, linting',
        'Design that fails fast: validation at edges, config checked at startup',
        'Checks in production: canaries, synthetic journeys, SLO alerts',
        'Coverage of behaviour rather than a line-coverage number',
      ],
      redFlags: ['Only "we write tests"', 'Aims for 100% line coverage as the goal', 'No mention of what happens after merge'],
    },
    lessons: ['testing-strategy', 'fail-fast', 'delivery-at-scale'],
    followUp: 'How do you deal with a test that fails one run in twenty?',
  },
  {
    id: 'contract-tests',
    level: 'junior',
    question: 'What is contract testing, and why not just write end-to-end tests across the services?',
    modelAnswer:
      'A contract test checks the agreement between a consumer and a provider without running both together. The consumer writes down what it sends and what it relies on in the response; the provider verifies those expectations in its own build. A change that would break a consumer fails the provider\'s CI before it is deployed, and each side can release on its own schedule. ' +
      'End-to-end tests across teams need a shared environment with the right version of everything, they are slow, they fail for reasons unrelated to the change, and when they fail it is late and unclear whose fault it is. I keep a few end-to-end journeys for the critical paths and let contracts cover the seams.',
    rubric: {
      covers: [
        'Consumer states expectations, provider verifies them in its own build',
        'Breaking changes fail before deploy',
        'Teams can release independently',
        'Costs of cross-team end-to-end tests: slow, flaky, shared environments, vague failures',
        'Keeps a few end-to-end tests for critical journeys',
      ],
      redFlags: ['Thinks a contract test checks business logic of the provider', 'Proposes mocks that nobody verifies against the real provider'],
    },
    lessons: ['testing-strategy', 'api-evolution'],
    followUp: 'What is a good coverage target, and what does mutation testing measure?',
  },
  {
    id: 'assertion-vs-validation',
    level: 'junior',
    question: 'What is the difference between an assertion and validation, and where does each belong?',
    modelAnswer:
      'The difference is who made the mistake. Validation checks input from the outside world, a request, a message or a config file: the caller got it wrong, so it answers with a clear 4xx (or refuses to start, for config) that says which field is wrong and what to do. It belongs at the edges, so that everything inside works with typed, known-good values. ' +
      'An assertion checks an invariant of my own code: if it fails, the bug is mine, it is a 5xx and something to fix. I keep assertions on in production, because failing loudly at the point of corruption is cheaper than carrying bad state further. Messages from a queue get the same validation, and one that fails goes to a dead-letter queue instead of being retried forever.',
    rubric: {
      covers: [
        'Validation: the caller\'s mistake, at the edge, 4xx with a useful message',
        'Assertion: our own invariant, a bug, 5xx',
        'Validated values become typed values inside',
        'Keeps assertions on in production and fails early',
        'Configuration checked at startup so a bad deploy stops',
      ],
      redFlags: ['Uses assertions to validate user input', 'Swallows errors and continues with defaults silently'],
    },
    lessons: ['fail-fast'],
    followUp: 'Design the error response body of a public API: what fields, which status codes?',
  },
  {
    id: 'dependency-down',
    level: 'junior',
    question: 'A service your page calls is down. What do you do?',
    modelAnswer:
      'First decide whether the page can work without it. If the dependency is optional, say recommendations, I call it with a timeout set from its normal p99 and the page\'s latency budget, show a labelled fallback (popular items, or a cached copy that says it is cached), count how often the fallback is used, and make sure readiness does not depend on it so the page stays up. ' +
      'If it is required, say the catalogue for a product page, I fail fast with a 503 and a message that tells the user what to do, with a circuit breaker so we stop waiting on something we know is down. Some data must never come from a stale fallback: prices, stock promises, payment results.',
    rubric: {
      covers: [
        'Classifies the dependency as required or optional for this page',
        'Timeout derived from the dependency\'s latency and the page budget',
        'Honest, labelled fallback for optional data, with a metric for its use',
        'Fails fast with a useful 503 for required data; circuit breaker',
        'Names data that must never be served stale',
      ],
      redFlags: ['Retries the dead service in the request path until it answers', 'Shows stale prices or payment status as if current', 'Readiness that fails because an optional dependency is down'],
    },
    lessons: ['graceful-degradation', 'circuit-breakers'],
    followUp: 'Your service depends on five services at 99.9% each. What is your availability at best?',
  },
  {
    id: 'liveness-readiness',
    level: 'junior',
    question: 'What is the difference between liveness and readiness probes, and what goes wrong with each?',
    modelAnswer:
      'A failing readiness probe takes the instance out of the load balancer; a failing liveness probe restarts the container. Readiness answers "can I serve now?", liveness answers "am I stuck beyond repair?". ' +
      'The classic mistake is a liveness probe that checks a shared dependency such as the database: when the database has a bad minute, every instance is restarted at once and the outage gets worse. Liveness should check only the process itself. Readiness that turns true before caches and connections are warm sends traffic to a cold instance. A one-second timeout restarts pods during a GC pause. Slow starters need a startup probe so liveness does not kill them while booting.',
    rubric: {
      covers: [
        'Readiness removes from endpoints; liveness restarts',
        'Liveness must not depend on downstream services (cascading restarts)',
        'Readiness true too early sends traffic to a cold instance',
        'Startup probe for slow starters',
        'Timeouts and thresholds: how long detection takes',
      ],
      redFlags: ['Uses the same deep health check for both', 'Liveness checks the database'],
    },
    lessons: ['health-checks', 'containers-orchestration'],
    followUp: 'Walk me through a zero-downtime shutdown of one instance during a deploy.',
  },
  {
    id: 'cache-cold-start',
    level: 'junior',
    question: 'Your cache cluster restarted and the database fell over. Why, and what would you change?',
    modelAnswer:
      'The database was sized for the warm cache. With a 95% hit ratio it sees 5% of reads; with an empty cache it sees all of them, twenty times the load, at the worst moment. Hot keys make it worse: many requests miss the same key at once and all go to the database (a stampede), loads that time out are wasted work, and retries add more. ' +
      'Fixes: single-flight so one request per key loads while others wait, shedding or rate-limiting the misses while the cache warms, pre-warming the hottest keys before taking traffic, TTL jitter so keys do not expire together, and early probabilistic refresh for hot keys. And plan database capacity for the cold case, or at least for a controlled warm-up.',
    rubric: {
      covers: [
        'Miss amplification: database load = requests x miss ratio',
        'Stampede on hot keys',
        'Single-flight or request coalescing',
        'Pre-warming and shedding while warming',
        'TTL jitter or early refresh',
        'Capacity planned for the cold case',
      ],
      redFlags: ['"Add more database replicas" as the only answer', 'Does not connect hit ratio to database load'],
    },
    lessons: ['caching-strategies'],
    followUp: 'Which data should never be cached, and how do you keep a cache consistent with writes?',
  },
  {
    id: 'pool-sizing',
    level: 'junior',
    question: 'How do you size a database connection pool?',
    modelAnswer:
      'Start from Little\'s law: connections in use = queries per second x time each query holds a connection. At 200 queries per second holding 20 ms each that is 4 on average, so a pool of 10 leaves room for bursts. Then check the database side: useful concurrency is bounded by its cores and disks, and the pools of every instance at maximum autoscaling must fit under max_connections. ' +
      'Then measure under load: how long requests wait to acquire a connection, how many are waiting, active sessions on the database. A pool that is always exhausted usually means connections are held too long (a slow query, a leak, idle in transaction), and making the pool bigger only moves the queue into the database.',
    rubric: {
      covers: [
        'Little\'s law: rate x hold time',
        'Headroom for bursts',
        'The database\'s limit: cores, max_connections across all instances at max scale',
        'Measures acquire time, waiting count, active sessions',
        'Fixes hold time instead of growing the pool',
      ],
      redFlags: ['"As big as possible"', 'Ignores the number of instances multiplying the pool'],
    },
    lessons: ['connection-pooling', 'scaling-autoscaling'],
    followUp: 'The service is timing out and the database CPU is fine. What do you look at?',
  },
  {
    id: 'n-plus-one',
    level: 'junior',
    question: 'What is the N+1 query problem, and how do you find and fix it?',
    modelAnswer:
      'One query loads a list, then one more query runs for each item: 200 orders become 201 queries. At 2 ms each that is 400 ms of round trips for a page that needs two queries. It usually comes from lazy loading in an ORM, triggered by a template or serializer that touches a relation inside a loop. ' +
      'To find it, count queries per request as a metric and look at traces, where it shows as a staircase of identical short spans; a test can assert a maximum number of queries for an endpoint. To fix it: eager-load the relation, use a join, fetch all children with one query using the list of ids (= ANY), or a batching loader in GraphQL.',
    rubric: {
      covers: [
        'Defines it with numbers (one query per item)',
        'Names the usual origin: lazy loading in loops, templates, serializers',
        'Detection: queries per request, traces, a test with a query budget',
        'Fixes: eager loading, join, one query for all ids, batching loader',
      ],
      redFlags: ['Proposes caching every query as the fix', 'Cannot say how to detect it'],
    },
    lessons: ['indexes-n-plus-one'],
    followUp: 'A query got slow after a deploy. How do you investigate, and when would an index not help?',
  },
  {
    id: 'good-log-line',
    level: 'junior',
    question: 'What makes a good log line?',
    modelAnswer:
      'One event per line, as structured JSON, with a constant message and the variable parts as fields, so I can group and count by message. A UTC timestamp, a level used consistently (error means someone should look), the service name and version, and the trace and request ids so one request can be followed across services. ' +
      'No secrets or personal data: redact tokens, passwords and card numbers in the logger, not by hoping. Enough context to act on (which order, which dependency, how long it took) without dumping whole objects. And the volume is a cost: debug logging is off or sampled in production, while failures are always kept.',
    rubric: {
      covers: [
        'Structured (JSON), one event per line',
        'Constant message, details as fields',
        'Timestamp in UTC, consistent levels',
        'Trace and request ids, service and version',
        'No secrets or personal data; redaction in the logger',
        'Volume and cost: sampling, debug off',
      ],
      redFlags: ['Interpolates everything into the message string', 'Logs full request bodies including credentials'],
    },
    lessons: ['structured-logs'],
    followUp: 'Your log bill doubled last month. What do you do?',
  },
  {
    id: 'retry-storm',
    level: 'junior',
    question: 'What is a retry storm, and how do you prevent one?',
    modelAnswer:
      'Retries add load exactly when the dependency is weakest. If three layers each try three times, one user request becomes up to 27 calls to the bottom service, and the extra load can keep it overloaded after the original trigger is gone. ' +
      'Prevention: retry at one layer only, usually the one closest to the user\'s intent; exponential backoff with full jitter so clients that failed together do not retry together; a small attempt limit inside an overall deadline; a retry budget or token-based throttle so retries stay a small fraction of traffic; only retry transient errors and idempotent (or keyed) requests; honour Retry-After. On the server, shed load early. And have a way to turn retries down in production.',
    rubric: {
      covers: [
        'Retries multiply load at every layer that retries',
        'Retry at one layer only',
        'Exponential backoff with jitter',
        'Retry budget or throttle; small attempt limit and a deadline',
        'Only transient errors and idempotent requests',
        'Server-side shedding, Retry-After',
      ],
      redFlags: ['Fixed-interval retries without jitter', 'Retries non-idempotent payments blindly', 'Unlimited retries'],
    },
    lessons: ['timeouts-retries', 'backpressure'],
    followUp: 'How do you choose the timeout of each try, and what is a hedged request?',
  },
  {
    id: 'lost-update',
    level: 'junior',
    question: 'Two requests update the same account balance at the same time. What can go wrong, and how do you prevent it?',
    modelAnswer:
      'A lost update. Both read a balance of 100, one adds 50, the other subtracts 30, and whichever writes last wins: the balance ends at 150 or 70 instead of 120. PostgreSQL\'s default isolation, read committed, allows this for read-modify-write in the application. ' +
      'Three fixes: do the change atomically in the database (UPDATE accounts SET balance = balance - 30 WHERE id = 1 AND balance >= 30); lock the row with SELECT ... FOR UPDATE inside the transaction when the logic needs to read first; or optimistic concurrency with a version column, retrying when the update matched no row. Under repeatable read or serializable the database detects the conflict and returns a serialization error, and the application must retry the whole transaction.',
    rubric: {
      covers: [
        'Walks through the interleaving with numbers',
        'Knows the default isolation level allows it',
        'Atomic UPDATE with a condition',
        'SELECT ... FOR UPDATE',
        'Optimistic version column, or serializable with a retry',
      ],
      redFlags: ['"Use a transaction" without saying why that alone is not enough', 'An in-process mutex in a service with several instances'],
    },
    lessons: ['transactions-acid', 'idempotency'],
    followUp: 'What is write skew, and which isolation level prevents it?',
  },
];
