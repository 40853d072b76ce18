import type { InterviewQuestionInput } from './schema';

/** Staff: make many teams effective, and decide with numbers. */
export const STAFF_QUESTIONS: InterviewQuestionInput[] = [
  {
    id: 'capacity-estimate',
    level: 'staff',
    question: 'Estimate the capacity a service needs for 10 million daily active users.',
    modelAnswer:
      'Write the pipeline down with units. Say each user makes 30 requests a day: 300 million requests a day, about 3,500 per second on average. Peak is higher: with a peak-to-average ratio of 3 (from our own busiest minute, not a guess), 10,500 per second. At 20 ms of CPU per request that is 210 busy cores at peak. ' +
      'Target a utilisation that leaves room for bursts and queueing, say 60%: 350 cores. Add the failure unit: across three zones, losing one must leave enough, so 350 x 3 / 2 = 525 cores, or 66 eight-core instances, then the cost per month. Then name the assumption that changes the answer most (here CPU per request, which I would confirm with a load test) and the bottlenecks that are not CPU: the database, cache hit ratio at scale, fan-out.',
    rubric: {
      covers: [
        'Users to requests per day to average and peak per second, with a stated peak ratio',
        'CPU per request to busy cores',
        'A utilisation target with a reason',
        'Headroom for the failure unit (a zone)',
        'Instances and cost; carries units throughout',
        'Names the most sensitive assumption and non-CPU bottlenecks',
      ],
      redFlags: ['Sizes for the average', 'Plans for 100% utilisation', 'No units'],
    },
    lessons: ['capacity-planning', 'load-testing'],
    followUp: 'How would you plan capacity for next year?',
  },
  {
    id: 'fleet-at-90',
    level: 'staff',
    question: 'Finance asks why we do not run the fleet at 90% utilisation to save money. What do you say?',
    modelAnswer:
      'Queueing: time waiting grows like 1 / (1 - utilisation). Going from 60% to 90% multiplies the waiting factor from 2.5 to 10, and the tail far more, so latency goes past the SLO on every burst within the peak. There is no room for a zone loss either: at 90%, losing one of three zones asks the others to run at 135%. ' +
      'Then turn it into money, which is what they asked: the extra 30 points of utilisation would save roughly a third of the compute bill, say a certain amount per month; one overload at peak costs lost orders, credits and an incident, and I would compare the two with our own numbers. What I can offer instead: commit to the always-on floor at a discount, autoscale the daily curve, and track cost per request as a metric.',
    rubric: {
      covers: [
        'Queueing growth near full utilisation, especially the tail',
        'Bursts within the peak',
        'Zone-loss arithmetic',
        'Translates into money: savings against the cost of an overload',
        'Offers alternatives: commitments, autoscaling, cost per request',
      ],
      redFlags: ['"Reliability is priceless" without numbers', 'Agrees without checking the latency impact'],
    },
    lessons: ['capacity-planning', 'backpressure'],
    followUp: 'What changes in a multi-region design?',
  },
  {
    id: 'start-chaos',
    level: 'staff',
    question: 'How would you start chaos engineering at a company that has never done it?',
    modelAnswer:
      'Chaos engineering is experiments, not random breakage: a steady state measured in a business metric (orders per minute), a hypothesis with numbers ("losing one instance keeps checkout success above 99.9%"), a real-world fault, a small blast radius and abort conditions decided beforehand. ' +
      'Start where the risk is lowest: a tabletop exercise of the most likely failure, such as losing an instance or a dependency, then the same fault in staging, then in production on 1% of traffic during business hours with people watching, then a game day that tests people and communication, and only then automate it in the pipeline. To get leadership to agree, state the worst case in error budget (a fraction of a percent of the month) against the cost of the outage it could find. Do not run experiments during an incident, a freeze, or when the budget is spent.',
    rubric: {
      covers: [
        'Experiments with steady state and a numeric hypothesis',
        'Small blast radius and abort conditions',
        'Progression: tabletop, staging, small production, game day, automation',
        'Makes the case in error budget terms',
        'Knows when not to run experiments',
      ],
      redFlags: ['Turns on random instance killing in production on day one', 'No abort conditions'],
    },
    lessons: ['chaos-engineering', 'slo-burn-rate'],
    followUp: 'Design an experiment for losing a database replica.',
  },
  {
    id: 'trunk-or-gitflow',
    level: 'staff',
    question: 'Trunk-based development or gitflow: what would you choose for a large team, and why?',
    modelAnswer:
      'Trunk-based for a continuously delivered service: everyone merges small changes to main at least daily, main is always releasable, unfinished work hides behind flags, and CI is fast enough to keep up. Long-lived branches hurt because the cost of merging grows with both the size of the change and how long the branch lived, and integration problems surface late. ' +
      'Release branches still have their place when several shipped versions must be supported, for mobile apps or on-premises software: cut them from trunk and cherry-pick fixes. What makes trunk-based work at scale is not the branching rule but the system around it: a merge queue, required checks, code owners, small reviews read within hours, and the DORA metrics to show it is working.',
    rubric: {
      covers: [
        'Trunk-based with small, frequent merges and flags',
        'Why long-lived branches hurt: conflict cost grows with size and age',
        'Release branches for supported shipped versions',
        'Supporting system: merge queue, fast CI, ownership, small reviews',
        'Measures the outcome (DORA)',
      ],
      redFlags: ['Dogma without conditions', 'Feature branches living for weeks as normal'],
    },
    lessons: ['delivery-at-scale', 'feature-flags'],
    followUp: 'A compromised package was just announced. What do you do across 200 services?',
  },
  {
    id: 'exec-eta',
    level: 'staff',
    question: 'During a major incident an executive keeps pressing the team for an ETA. What do you do as incident commander?',
    modelAnswer:
      'Protect the responders and give the executive what they actually need: honest information on a schedule. I would route them to the communications lead (or take the call myself, outside the working channel), and give what we know: the impact, what we are doing, and when the next update will come. If we do not know the ETA, say so, and say what would change that ("we will know in 20 minutes whether the rollback fixes it"). ' +
      'A made-up ETA is worse than none: it will be passed on to customers and broken. Then keep the promise: the update arrives at the time given, even if it says nothing changed. The commander does not debug; their job is decisions, roles and communication, and keeping pressure from reaching the people fixing it.',
    rubric: {
      covers: [
        'Honest uncertainty rather than a guessed ETA',
        'Gives the next update time and keeps it',
        'Routes stakeholders through a communications lead',
        'Protects responders\' focus',
        'States what would change the estimate',
      ],
      redFlags: ['Invents an ETA to end the conversation', 'Lets the executive into the responders\' channel to ask questions'],
    },
    lessons: ['incident-commander', 'incident-response'],
    followUp: 'When would you hand over command, and how?',
  },
  {
    id: 'led-an-incident',
    level: 'staff',
    question: 'Tell me about a time you led an incident.',
    modelAnswer:
      'A structured story. The situation in one sentence, with the impact in numbers. How it was declared and the severity chosen, and who had which role: me as commander, someone on operations, someone on communications, a scribe. What we mitigated first and why that action (the fastest reversible one), with a decision made under uncertainty and the reasoning at the time, for example rolling back before we had proven the deploy was the cause, because the rollback was cheap and safe. ' +
      'How stakeholders were kept informed and on what cadence. How we decided it was over (recovery verified in the user-facing metrics, not just the action taken). And what the blameless postmortem changed in the system afterwards, with one action item that actually shipped.',
    rubric: {
      covers: [
        'Impact in numbers and a clear timeline',
        'Declaration, severity and explicit roles',
        'Mitigation choice with reasoning under uncertainty',
        'Communication cadence',
        'How resolution was verified',
        'What the postmortem changed',
      ],
      redFlags: ['Blames a colleague', 'The hero fixed it alone at 3 a.m. and nothing changed afterwards'],
    },
    lessons: ['incident-commander', 'postmortems-runbooks'],
    followUp: 'How do you choose between two plausible mitigations?',
  },
  {
    id: 'pager-burnout',
    level: 'staff',
    question: 'Your team is burned out by the pager. What do you do?',
    modelAnswer:
      'Measure before changing anything: for two weeks, label every page as actionable or not, and group pages by alert. A handful of alerts usually cause most of the noise. Then act on the biggest sources: delete alerts nobody acts on, turn non-urgent ones into tickets, replace cause-based alerts (CPU high) with symptom-based ones on SLO burn rate, add durations so blips do not page, group duplicates, and fix the faults that really do page often. ' +
      'Show the expected load with numbers (pages per shift before and after), protect time in the plan for the fixes, and look at the rotation itself: with a one-week shift, a team needs enough people that nobody is on call more than about a quarter of the time, plus a secondary. Review every page weekly so it does not grow back.',
    rubric: {
      covers: [
        'Measures first: pages labelled actionable or not, grouped by alert',
        'Removes or downgrades noisy alerts; symptom-based SLO alerts',
        'Fixes the underlying faults',
        'Numbers: pages per shift, rotation size',
        'Protects time for the work; weekly page review',
      ],
      redFlags: ['"Hire more people" only', 'Raises every threshold until it stops paging'],
    },
    lessons: ['on-call', 'slo-burn-rate'],
    followUp: 'What makes a good alert, and how do you know an alert is missing?',
  },
  {
    id: 'scale-database',
    level: 'staff',
    question: 'How would you scale this database?',
    modelAnswer:
      'Climb a ladder and stop as soon as the problem is solved, naming the signal for each step. Measure first: which queries, reads or writes, CPU, I/O or locks. Fix queries and indexes (often the biggest win). Cache hot reads. Add read replicas for read-heavy load, knowing the lag. Scale up: a bigger machine is boring and effective. Archive old data. Split by function, moving unrelated tables to their own database. ' +
      'Only then shard: choose the key that keeps transactions local (a tenant id in SaaS), hash it into many logical shards mapped to fewer physical ones through a directory, so resharding moves logical shards instead of rehashing rows; keep cross-shard queries out of the request path and send reports to a warehouse. Sharding costs transactions, joins and operational simplicity forever, so it must be earned.',
    rubric: {
      covers: [
        'Measures the bottleneck first',
        'The ladder: queries and indexes, cache, replicas, scale up, archive, split by function',
        'Shard key chosen to keep transactions local',
        'Logical shards with a directory; how resharding works',
        'The permanent cost of sharding',
      ],
      redFlags: ['Shards first', 'Picks a shard key without looking at the queries'],
    },
    lessons: ['sharding-boring-tech', 'indexes-n-plus-one', 'consistency-cap'],
    followUp: 'What is consistent hashing, and how much data moves when you add a node?',
  },
  {
    id: 'adopt-technology',
    level: 'staff',
    question: 'A team wants to adopt a new database technology. How do you decide?',
    modelAnswer:
      'Start from the problem, not the tool: what can it do that the current stack cannot, with numbers from our workload, and have we tried the boring option properly (an index, a partition, a queue on PostgreSQL)? Then the total cost: who operates it at 3 a.m., backups and restores, upgrades, monitoring, security patches, the on-call knowledge, hiring. Every new technology spends a limited supply of attention. ' +
      'Then the risk: how mature it is, what happens when it fails, and the exit plan if it does not work out, including data migration. A good outcome can be "yes, for this one use case, owned by this team, with a review in six months", or a proof of concept against a real workload first.',
    rubric: {
      covers: [
        'The problem it solves that the current stack cannot, with evidence',
        'Tried the boring option first',
        'Operating cost: who runs it, backups, upgrades, on-call',
        'Maturity, failure modes and an exit plan',
        'A bounded decision: scope, owner, review',
      ],
      redFlags: ['Decides on popularity or the team\'s curiosity', 'No owner for operations'],
    },
    lessons: ['sharding-boring-tech', 'delivery-at-scale'],
    followUp: 'Design the data layer for a multi-tenant SaaS.',
  },
];
