import type { DesignExerciseInput } from './schema';

/**
 * The four practice problems interviews pose, as guided exercises. Every "estimate" step's number is
 * checked by running a lab; test/unit/interview/exercises.test.ts checks each reference answer in the
 * same lab.
 */
export const EXERCISE_DATA: DesignExerciseInput[] = [
  {
    id: 'blue-green-pipeline',
    title: 'A CI/CD pipeline with blue-green deployment',
    problem: 'Set up a CI/CD pipeline that deploys with blue-green.',
    summary:
      'Design the path from a commit to production, where the new version (green) is started beside the old one (blue) and the router switches all traffic at once. The switch is instant, so green must be sized for the whole peak before it takes a single request.',
    level: 'mid',
    lessons: ['deploy-strategies', 'delivery-at-scale', 'health-checks', 'schema-changes'],
    steps: [
      {
        kind: 'design',
        id: 'stages',
        title: 'The pipeline, stage by stage',
        prompt: 'List the stages from a merged pull request to traffic on green, and what each one checks. Where does the artifact get built, and how many times?',
        points: [
          'Checks on the pull request: build, unit tests, lint and types, dependency and secret scans',
          'The artifact is built once, tagged with the commit, signed, and the same bytes go everywhere',
          'Green is deployed beside blue, then smoke tests and readiness checks run against green before any user traffic',
          'The switch is one router or load-balancer change, and it is logged as a deploy marker on the dashboards',
          'Automated gates after the switch: error rate and latency against blue\'s baseline, with an automatic switch back',
        ],
      },
      {
        kind: 'estimate',
        id: 'green-capacity',
        title: 'How big must green be?',
        prompt: 'At the switch, green takes the whole peak at once: there is no gradual ramp to let autoscaling catch up. How many workers must green run so that p99 stays within the target?',
        given: ['Peak traffic: 240 requests per second', 'Each request keeps a worker busy 50 ms on average (exponentially distributed)', 'Target: p99 latency at most 260 ms'],
        unit: 'workers',
        hint: 'One worker serves 20 requests a second, so 12 workers are the bare minimum to keep up, at 100% utilisation, where queues never drain. The service time alone already has a p99 of about 4.6 x 50 ms = 230 ms, so the queue may add only about 30 ms at the tail.',
        reference: 14,
        explanation:
          'Twelve workers are exactly saturated; thirteen run at 92% and the queue pushes p99 to about 300 ms. Fourteen (86%) keep p99 just under 260 ms. Green needs the same capacity as blue at peak, so blue-green costs a second full fleet during the switch, which is why teams keep the idle colour small until just before a release, or use a canary instead.',
        check: { lab: 'queue-servers', arrivalRate: 240, serviceRate: 20, p99TargetMs: 260 },
      },
      {
        kind: 'design',
        id: 'rollback',
        title: 'Switching back',
        prompt: 'Green is live and the error rate climbs. How do you switch back, how long does it take, and what can stop you?',
        points: [
          'Blue stays running and warm after the switch, for a set time, so switching back is one router change taking seconds',
          'Database changes are expand-and-contract, so blue can still read and write what green wrote',
          'Long-lived connections and in-flight requests are drained, not cut, when traffic moves',
          'The decision is automatic on the gates, or one named person decides, with a written threshold',
          'Sessions and caches do not depend on which colour served the last request',
        ],
      },
    ],
  },
  {
    id: 'autoscaled-deployment',
    title: 'An autoscaled deployment',
    problem: 'Create a Kubernetes deployment with a horizontal pod autoscaler.',
    summary:
      'Size a deployment of single-threaded pods for the evening peak, pick the autoscaler\'s target, and find out what a sudden spike does in the minutes before new pods are ready.',
    level: 'mid',
    lessons: ['scaling-autoscaling', 'containers-orchestration', 'backpressure', 'capacity-planning'],
    steps: [
      {
        kind: 'estimate',
        id: 'peak-instances',
        title: 'Pods for the peak',
        prompt: 'Each pod serves one request at a time. How many pods must run at the evening peak to keep p99 within the target?',
        given: ['Peak traffic: 400 requests per second', 'Each request takes 40 ms on average (exponentially distributed)', 'Target: p99 latency at most 200 ms'],
        unit: 'pods',
        hint: 'Each pod serves 25 requests a second, so 16 pods are 100% busy. The service time alone has a p99 of about 4.6 x 40 ms = 184 ms, which leaves little room for queueing.',
        reference: 19,
        explanation:
          'Sixteen pods are saturated; seventeen (94%) give a p99 around 256 ms; eighteen (89%) are just over at about 203 ms; nineteen (84%) meet the target at about 190 ms. The tail needs more headroom than the average suggests: at 84% utilisation, mean latency looks fine long before p99 does.',
        check: { lab: 'queue-servers', arrivalRate: 400, serviceRate: 25, p99TargetMs: 200 },
      },
      {
        kind: 'estimate',
        id: 'hpa-target',
        title: 'The autoscaler\'s target',
        prompt: 'You run 20 pods at the peak for a little margin. What CPU utilisation (busy time per pod, in percent) will the autoscaler see then? That is the highest target you could set without it scaling down below what the peak needs.',
        given: ['Peak traffic: 400 requests per second', '20 pods, one request at a time each', 'Each request takes 40 ms on average'],
        unit: '% busy',
        hint: 'Utilisation is offered load over capacity: requests per second times seconds per request, divided by the number of pods.',
        reference: 80,
        explanation:
          '400 x 0.04 = 16 pods busy on average, out of 20: 80%. A target of 80% would hold about 20 pods at the peak, but leaves nothing for the minutes a spike takes to be noticed and served by new pods, so teams set targets nearer 60-70% and accept the cost.',
        check: { lab: 'queue-metric', arrivalRate: 400, serviceRate: 25, servers: 20, metric: 'utilisation-percent', tolerance: 5 },
      },
      {
        kind: 'estimate',
        id: 'spike-shed',
        title: 'A spike before new pods are ready',
        prompt: 'Traffic doubles for three minutes. New pods need that long to be scheduled, pulled and ready. The pods shed load: at most 50 requests wait in the queue, the rest get a fast 503. What share of requests is shed during the spike?',
        given: ['Spike: 800 requests per second for 3 minutes', '20 pods, each 25 requests a second at most', 'Queue bound: 50 waiting requests in total'],
        unit: '% shed',
        hint: 'The pods can complete at most 20 x 25 requests a second, whatever arrives. Everything beyond that, once the small queue is full, is shed.',
        reference: 37.5,
        explanation:
          'Capacity is 500 requests a second against 800 arriving: 300 of every 800, 37.5%, are shed. That sounds bad, but the other 62.5% are served with a bounded wait; without the bound the queue would grow by 300 requests every second, every request would time out, and retries would make it worse.',
        check: { lab: 'queue-metric', arrivalRate: 800, serviceRate: 25, servers: 20, queueLimit: 50, metric: 'shed-percent', tolerance: 5, durationSeconds: 180 },
      },
      {
        kind: 'design',
        id: 'manifest',
        title: 'The manifest',
        prompt: 'Write down what the deployment and the autoscaler must say, field by field, and why each value.',
        points: [
          'CPU and memory requests from measurements, and a memory limit; CPU throttling in mind for latency',
          'Readiness, liveness and startup probes that do different jobs, liveness not depending on the database',
          'Autoscaler min and max replicas, a target with headroom, and the scale-down stabilisation window',
          'maxSurge and maxUnavailable for rolling updates, and a PodDisruptionBudget',
          'Graceful shutdown: readiness off on SIGTERM, drain, then exit within the grace period',
          'Load shedding or a bounded queue for the minutes before new pods are ready',
        ],
      },
    ],
  },
  {
    id: 'microservice-dashboard',
    title: 'A monitoring dashboard for a microservice',
    problem: 'Design a monitoring dashboard for a microservice.',
    summary:
      'Build the first screen on-call opens for an orders service with a database pool and a product cache: what goes on it, what each panel should normally show, and which panels page someone.',
    level: 'senior',
    lessons: ['metrics-red-use', 'slo-burn-rate', 'connection-pooling', 'caching-strategies'],
    steps: [
      {
        kind: 'design',
        id: 'first-screen',
        title: 'The first screen',
        prompt: 'List the panels, top to bottom, and say for each what question it answers.',
        points: [
          'The SLO and its error budget, with the current burn rate: are users hurt, and how fast is it getting worse?',
          'RED per endpoint: request rate, errors by cause, latency as merged histograms (p50, p99)',
          'USE for resources, software ones included: connection pool in use and waiting, queue depth, CPU and memory',
          'Dependencies: the database and the cache, their latency, errors and the cache hit ratio',
          'Deploy and flag-change markers on every time chart, to answer "what changed?"',
          'A business metric, such as orders per minute against last week',
        ],
      },
      {
        kind: 'estimate',
        id: 'pool-in-use',
        title: 'What the pool panel should normally show',
        prompt: 'The service runs 150 queries a second at its busy hour, each holding a connection for 40 ms on average, from a pool of 10. How many connections are in use on average? That is the baseline the pool panel should show.',
        given: ['150 queries per second', 'Each holds a connection 40 ms on average', 'Pool size: 10'],
        unit: 'connections',
        hint: 'Little\'s law: the average number in use is the arrival rate times the time each one is held.',
        reference: 6,
        explanation:
          '150 x 0.040 = 6 connections in use on average, 60% of the pool. At that level few queries wait for a connection. If the panel shows the pool full with queries waiting while traffic is normal, the hold time went up: a slow query, a lock, or a connection leak.',
        check: { lab: 'queue-metric', arrivalRate: 150, serviceRate: 25, servers: 10, metric: 'busy-servers', tolerance: 0.6 },
      },
      {
        kind: 'estimate',
        id: 'cache-baseline',
        title: 'What the cache panel should normally show',
        prompt: 'The product cache holds 10,000 of 100,000 products, evicting the least recently used. Popularity follows a Zipf distribution with exponent 1 (a few products are very popular). What steady-state hit ratio should the panel show, in percent?',
        given: ['100,000 products', 'Cache capacity: 10,000 entries, LRU', 'Zipf popularity, exponent 1.0'],
        unit: '%',
        hint: 'With Zipf 1, a key\'s popularity is proportional to 1 / rank, so the top 10% of keys carry much more than 10% of requests: roughly ln(10,000) / ln(100,000) of them if the cache held exactly the top keys.',
        reference: 74,
        explanation:
          'The top 10,000 keys carry about 82% of requests (ln 10,000 / ln 100,000 = 0.8); LRU holds slightly less than the ideal set, so the lab measures about 74%, and the Che approximation agrees. Knowing the baseline turns the panel into an alarm: a drop to 50% means the database takes twice the reads.',
        check: { lab: 'cache-hit-ratio', keys: 100_000, zipf: 1, capacity: 10_000, requests: 200_000, tolerance: 5 },
      },
      {
        kind: 'design',
        id: 'pages',
        title: 'What pages someone',
        prompt: 'Which of these panels page a person, which open a ticket, and which are only for diagnosis?',
        points: [
          'Pages only on symptoms users feel: SLO burn rate, fast (1 hour) and slow (6 hours) windows',
          'Tickets for slower burns and for saturation that predicts trouble, such as the pool over 80% for an hour',
          'Causes (CPU, cache hit ratio, pool) stay on the dashboard for diagnosis, not as pages',
          'Every page links to a runbook and to this dashboard',
        ],
      },
    ],
  },
  {
    id: 'database-failover-runbook',
    title: 'A runbook for a database failover',
    problem: 'Write a runbook for a database failover.',
    summary:
      'The primary of a PostgreSQL pair is gone. Write the checks and the steps in a safe order, then size the surviving node: until a new replica is built it carries the reads and the writes alone.',
    level: 'senior',
    lessons: ['backups-disaster-recovery', 'postmortems-runbooks', 'connection-pooling', 'incident-response'],
    steps: [
      {
        kind: 'design',
        id: 'checks',
        title: 'Before touching anything',
        prompt: 'What do you check before promoting the replica, and what is the rule that decides whether you may?',
        points: [
          'Confirm the primary is really down from more than one place: a network partition looks the same from one monitor',
          'Check the replica\'s lag (received and replayed WAL): promoting a lagging replica loses those writes',
          'A written decision rule: lag under the threshold, proceed; above it, a named person approves the data loss',
          'Declare the incident and name who runs the runbook and who communicates',
        ],
      },
      {
        kind: 'design',
        id: 'steps',
        title: 'The steps, in order',
        prompt: 'Write the steps from "primary is gone" to "writes are served", and how you verify each one.',
        points: [
          'Fence the old primary (stop it, remove its address, cut its network) and verify it can no longer accept writes',
          'Promote the most up-to-date replica',
          'Repoint clients (DNS, proxy or service discovery) and make connection pools drop connections to the old primary',
          'Verify with a real write and with the error rate and latency on the dashboards',
          'Post status updates at each step, with the next update time',
          'Afterwards: rebuild the old node as a replica, check for writes only it received, and schedule a failover drill',
        ],
      },
      {
        kind: 'estimate',
        id: 'one-node',
        title: 'Can one node carry it all?',
        prompt: 'The old replica served the reads; now it serves reads and writes until a new replica is built. How many queries must it be able to run at once (active backend connections) to keep p99 within the target?',
        given: ['Reads: 300 per second; writes: 60 per second', 'Each query takes 20 ms on average (exponentially distributed)', 'Target: p99 at most 110 ms'],
        unit: 'connections',
        hint: 'Together that is 360 queries a second, each connection completing 50 a second. The service time alone has a p99 of about 4.6 x 20 ms = 92 ms.',
        reference: 9,
        explanation:
          'Eight connections run at 90% and the queue pushes p99 to about 140 ms; nine (80%) bring it to about 100 ms. The runbook should say it: before failing over, the replica\'s pool and max_connections must allow the combined load, and if they do not, shed the reads that can wait (reports, exports) until the new replica is ready.',
        check: { lab: 'queue-servers', arrivalRate: 360, serviceRate: 50, p99TargetMs: 110 },
      },
    ],
  },
];
